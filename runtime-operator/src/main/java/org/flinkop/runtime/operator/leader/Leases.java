package org.flinkop.runtime.operator.leader;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The one Lease an election is held on, as the API server keeps it. {@link #create} and {@link #update} are locked on
 * the resourceVersion of the Lease given: when another candidate wrote first they throw a
 * {@code KubernetesClientException} with code 409; any failure throws.
 */
interface Leases {

    /** The Lease, or null when there is none. */
    Lease get();

    Lease create(Lease lease);

    Lease update(Lease lease);

    /** The Lease {@code name} in {@code namespace} on the API server. */
    static Leases on(KubernetesClient client, String namespace, String name) {
        return new Leases() {
            @Override
            public Lease get() {
                return client.leases().inNamespace(namespace).withName(name).get();
            }

            @Override
            public Lease create(Lease lease) {
                return client.leases().inNamespace(namespace).resource(lease).create();
            }

            @Override
            public Lease update(Lease lease) {
                return client.leases().inNamespace(namespace).resource(lease).update();
            }
        };
    }
}
