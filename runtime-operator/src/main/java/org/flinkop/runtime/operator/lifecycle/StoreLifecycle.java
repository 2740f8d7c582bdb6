package org.flinkop.runtime.operator.lifecycle;

import io.vavr.control.Either;
import java.time.Duration;
import org.flinkop.adapters.kubernetes.store.KubernetesResourceStore;
import org.flinkop.ports.Done;
import org.flinkop.ports.PortFailure;

/** The resource store: starting it lists every kind and waits for the informers to sync; stopping closes them. */
public final class StoreLifecycle implements Lifecycle {

    private final KubernetesResourceStore store;

    public StoreLifecycle(KubernetesResourceStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "resource store";
    }

    @Override
    public Either<String, Done> start() {
        return store.start().mapLeft(StoreLifecycle::explain);
    }

    /** The store's failure, with what usually fixes it. */
    static String explain(PortFailure failure) {
        String hint = switch (failure.reason()) {
            case NOT_FOUND -> "; are the CustomResourceDefinitions installed? (kubectl apply --server-side -f deploy/crds/)";
            case FORBIDDEN -> "; does the operator's service account have the RBAC of deploy/operator? (the namespaced variant watches its own namespace only)";
            case TIMEOUT, UNAVAILABLE -> "; is the API server reachable with this kubeconfig or service account?";
            default -> "";
        };
        return failure + hint;
    }

    @Override
    public void stop(Duration grace) {
        store.close();
    }
}
