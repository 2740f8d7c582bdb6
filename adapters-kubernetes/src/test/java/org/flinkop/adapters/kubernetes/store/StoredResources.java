package org.flinkop.adapters.kubernetes.store;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** FlinkDeployments as the API server answers with them, for the mapping and cache tests. */
final class StoredResources {

    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private StoredResources() {
    }

    static GenericKubernetesResource deployment(String name, String resourceVersion, int parallelism, String status) {
        return SERIALIZATION.unmarshal("""
                {
                  "apiVersion": "flink.apache.org/v1beta1",
                  "kind": "FlinkDeployment",
                  "metadata": {
                    "name": "%s",
                    "namespace": "team-a",
                    "uid": "7c6c1f2e-5a3b-4c1d-9e8f-0a1b2c3d4e5f",
                    "resourceVersion": "%s",
                    "generation": 3,
                    "creationTimestamp": "2026-11-01T10:00:00Z",
                    "labels": {"team": "a"},
                    "annotations": {"owner": "orders-team"},
                    "finalizers": ["flinkop.org/finalizer"],
                    "ownerReferences": [{"apiVersion": "v1", "kind": "ConfigMap", "name": "parent", "uid": "1234"}],
                    "managedFields": [{"manager": "kubectl", "operation": "Apply", "apiVersion": "flink.apache.org/v1beta1",
                                       "time": "2026-11-01T10:00:00Z", "fieldsType": "FieldsV1", "fieldsV1": {"f:spec": {}}}]
                  },
                  "spec": {
                    "flinkVersion": "v1_20",
                    "flinkConfiguration": {"taskmanager.numberOfTaskSlots": "2"},
                    "jobManager": {"resource": {"memory": "1g", "cpu": 1}},
                    "taskManager": {"resource": {"memory": "1g", "cpu": 1}},
                    "job": {"jarURI": "local:///opt/flink/job.jar", "parallelism": %d, "upgradeMode": "stateless"}
                  }%s
                }
                """.formatted(name, resourceVersion, parallelism, status == null ? "" : ",\n  \"status\": " + status), GenericKubernetesResource.class);
    }
}
