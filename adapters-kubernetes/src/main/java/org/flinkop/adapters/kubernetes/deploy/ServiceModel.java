package org.flinkop.adapters.kubernetes.deploy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.vavr.control.Either;
import java.util.Map;
import org.flinkop.ports.PortFailure;

/**
 * The JobManager's services, named and shaped as Flink's native integration makes them: a headless
 * {@code <name>} service for the RPC and blob ports, through which TaskManagers reach the JobManager, and a
 * {@code <name>-rest} service for the REST API and web UI, of the type {@code kubernetes.rest-service.exposed.type}
 * asks for.
 */
final class ServiceModel {

    private static final Map<String, String> REST_SERVICE_TYPES = Map.of("ClusterIP", "ClusterIP", "NodePort", "NodePort",
            "LoadBalancer", "LoadBalancer", "Headless_ClusterIP", "ClusterIP");

    private ServiceModel() {
    }

    static Service internal(ClusterRequest request, FlinkSettings settings) {
        String name = request.name();
        return new ServiceBuilder()
                .withMetadata(ObjectMetaModel.of(request, ClusterNames.internalService(name),
                        ClusterLabels.component(name, request.mode(), ClusterLabels.JOB_MANAGER)))
                .withNewSpec()
                .withClusterIP("None")
                .withSelector(ClusterLabels.selector(name, request.mode(), ClusterLabels.JOB_MANAGER))
                .withPorts(port("jobmanager-rpc", settings.rpcPort()), port("blobserver", settings.blobPort()))
                .endSpec()
                .build();
    }

    static Either<PortFailure, Service> rest(ClusterRequest request, FlinkSettings settings) {
        String name = request.name();
        String exposed = settings.value(FlinkConfigModel.REST_SERVICE_TYPE);
        String type = REST_SERVICE_TYPES.get(exposed);
        if (type == null) {
            return Rejections.reject("spec.flinkConfiguration." + FlinkConfigModel.REST_SERVICE_TYPE, "'" + exposed + "' is not a service type",
                    "ClusterIP, NodePort, LoadBalancer, Headless_ClusterIP");
        }
        var spec = new ServiceBuilder()
                .withMetadata(ObjectMetaModel.of(request, ClusterNames.restService(name), ClusterLabels.component(name, request.mode(), ClusterLabels.JOB_MANAGER)))
                .withNewSpec()
                .withType(type)
                .withSelector(ClusterLabels.selector(name, request.mode(), ClusterLabels.JOB_MANAGER))
                .withPorts(port("rest", settings.restPort()));
        if ("Headless_ClusterIP".equals(exposed)) {
            spec.withClusterIP("None");
        }
        return Either.right(spec.endSpec().build());
    }

    private static ServicePort port(String name, int number) {
        return new ServicePortBuilder().withName(name).withPort(number).withTargetPort(new IntOrString(number)).withProtocol("TCP").build();
    }
}
