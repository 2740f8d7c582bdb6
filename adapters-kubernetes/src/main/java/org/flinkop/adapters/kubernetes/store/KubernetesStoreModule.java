package org.flinkop.adapters.kubernetes.store;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Objects;
import org.flinkop.ports.store.ResourceStore;

/**
 * Binds {@link ResourceStore} (and {@link KubernetesResourceStore}, for the runtime to start and close) to the
 * informer-backed store over the {@link KubernetesClient} the runtime binds. Creating the store does no I/O.
 */
public final class KubernetesStoreModule extends AbstractModule {

    private final KubernetesStoreSettings settings;

    public KubernetesStoreModule(KubernetesStoreSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public KubernetesStoreModule() {
        this(KubernetesStoreSettings.defaults());
    }

    @Override
    protected void configure() {
        bind(KubernetesStoreSettings.class).toInstance(settings);
    }

    @Provides
    @Singleton
    KubernetesResourceStore kubernetesResourceStore(KubernetesClient client, KubernetesStoreSettings configured) {
        return KubernetesResourceStore.create(client, configured);
    }

    @Provides
    ResourceStore resourceStore(KubernetesResourceStore store) {
        return store;
    }
}
