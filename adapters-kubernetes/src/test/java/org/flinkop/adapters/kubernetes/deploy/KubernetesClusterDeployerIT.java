package org.flinkop.adapters.kubernetes.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flinkop.adapters.kubernetes.deploy.ClusterWorld.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.flinkop.adapters.kubernetes.store.KubeClients;
import org.flinkop.domain.observe.PriorCluster;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.domain.resource.JobManagerDeploymentStatus;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.domain.resource.StateLocation;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.cluster.ClusterObservation;
import org.flinkop.ports.cluster.ClusterOwner;
import org.flinkop.testkit.kube.KubeControlPlane;
import org.flinkop.testkit.kube.KubeNamespace;
import org.flinkop.testkit.kube.WithKubeApiServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cluster deployer against a real kube-apiserver and kube-controller-manager with the project's CRDs. There
 * is no scheduler or kubelet here, so pods stay Pending and no JobManager becomes ready; what is proven is that
 * the API server accepts every generated object, that the controller manager turns the Deployments into pods of
 * the right shape, and what deploy, observe, rescale and delete do to the objects, their owners and the HA
 * metadata.
 */
@WithKubeApiServer
class KubernetesClusterDeployerIT {

    private static final String JOB_ID = "00000000000000000000000000000abc";

    private static KubernetesClient client;
    private static KubeControlPlane plane;
    private KubernetesClusterDeployer deployer;
    private ClusterWorld world;
    private String namespace;

    @BeforeAll
    static void connect(KubeControlPlane controlPlane) {
        plane = controlPlane;
        client = ClusterWorld.client(controlPlane, controlPlane.token());
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void deployer(KubeNamespace kubeNamespace) {
        namespace = kubeNamespace.name();
        deployer = new KubernetesClusterDeployer(client);
        world = new ClusterWorld(client, namespace);
    }

    private ResourceKey key(String name) {
        return new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, namespace, name);
    }

    private ClusterObservation observe(String name) {
        var observed = deployer.observe(key(name));
        assertThat(observed.isRight()).as("observe %s: %s", name, observed).isTrue();
        return observed.get();
    }

    private void deploy(String name, FlinkDeploymentSpec spec, StateLocation restore, String jobId) {
        var deployed = deployer.deploy(key(name), ClusterOwner.UNKNOWN, spec, restore, jobId);
        assertThat(deployed.isRight()).as("deploy %s: %s", name, deployed).isTrue();
    }

    static Stream<String> examples() {
        return Stream.of("basic.yaml", "basic-checkpoint-ha.yaml", "basic-session-deployment.yaml", "standalone.yaml", "pod-template.yaml",
                "ingress.yaml", "log-configuration.yaml");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void the_api_server_takes_every_object_of_an_example_and_the_controller_manager_makes_its_job_manager_pod(String example) {
        GenericKubernetesResource resource = world.createFlinkDeployment(example);
        String name = resource.getMetadata().getName();
        FlinkDeploymentSpec spec = Fixtures.spec(example);

        deploy(name, spec, StateLocation.none(), spec.hasJob() ? JOB_ID : null);

        List<HasMetadata> desired = ClusterModel.of(Fixtures.request(name, spec, StateLocation.none(), spec.hasJob() ? JOB_ID : null)).get().objects();
        assertThat(world.managedObjects(name)).containsExactlyInAnyOrderElementsOf(desired.stream().map(o -> o.getKind() + " " + o.getMetadata().getName()).toList());
        await("a JobManager pod of " + name, () -> !world.pods(ClusterLabels.selector(name, spec.effectiveMode(), ClusterLabels.JOB_MANAGER)).isEmpty());
        var pod = world.pods(ClusterLabels.selector(name, spec.effectiveMode(), ClusterLabels.JOB_MANAGER)).get(0);
        assertThat(pod.getSpec().getContainers()).anySatisfy(c -> {
            assertThat(c.getName()).isEqualTo("flink-main-container");
            assertThat(c.getImage()).isEqualTo(spec.image());
        });
        assertThat(pod.getMetadata().getLabels()).containsEntry("app", name).containsEntry("component", "jobmanager");
        var observed = observe(name);
        assertThat(observed.jobManager()).isEqualTo(JobManagerDeploymentStatus.DEPLOYING);
        assertThat(observed.restEndpoint()).isEmpty();
    }

    @Test
    void the_owner_confirmed_by_the_caller_is_taken_as_given_and_otherwise_read() {
        GenericKubernetesResource resource = world.createFlinkDeployment("basic.yaml");
        String name = resource.getMetadata().getName();
        List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
        String flinkDeployment = "/apis/flink.apache.org/v1beta1/namespaces/" + namespace + "/flinkdeployments/" + name;
        try (KubernetesClient recorded = KubeClients.recording(plane, requests)) {
            KubernetesClusterDeployer recording = new KubernetesClusterDeployer(recorded);

            assertThat(recording.deploy(key(name), new ClusterOwner(resource.getMetadata().getUid(), false), Fixtures.spec("basic.yaml"), StateLocation.none(), JOB_ID).isRight()).isTrue();
            assertThat(requests).doesNotContain("GET " + flinkDeployment);
            assertThat(world.deployment(name).getMetadata().getOwnerReferences()).singleElement()
                    .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(resource.getMetadata().getUid()));

            requests.clear();
            assertThat(recording.deploy(key(name), ClusterOwner.UNKNOWN, Fixtures.spec("basic.yaml"), StateLocation.none(), JOB_ID).isRight()).isTrue();
            assertThat(requests).contains("GET " + flinkDeployment);
        }
    }

    @Test
    void a_first_deployment_reads_nothing_it_does_not_make_and_a_later_one_removes_what_the_spec_dropped() {
        GenericKubernetesResource resource = world.createFlinkDeployment("ingress.yaml");
        String name = resource.getMetadata().getName();
        FlinkDeploymentSpec spec = Fixtures.spec("ingress.yaml");
        List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (KubernetesClient recorded = KubeClients.recording(plane, requests)) {
            KubernetesClusterDeployer recording = new KubernetesClusterDeployer(recorded);

            assertThat(recording.deploy(key(name), new ClusterOwner(resource.getMetadata().getUid(), true), spec, StateLocation.none(), JOB_ID).isRight()).isTrue();
            assertThat(requests).noneMatch(request -> request.startsWith("GET ") || request.startsWith("DELETE "));
            assertThat(world.managedObjects(name)).contains("Ingress " + name, "Deployment " + name);

            FlinkDeploymentSpec withoutIngress = new FlinkDeploymentSpec(spec.job(), spec.restartNonce(), spec.flinkConfiguration(), spec.image(),
                    spec.imagePullPolicy(), spec.serviceAccount(), spec.flinkVersion(), null, spec.podTemplate(), spec.jobManager(), spec.taskManager(),
                    spec.logConfiguration(), spec.mode());
            assertThat(recording.deploy(key(name), new ClusterOwner(resource.getMetadata().getUid(), false), withoutIngress, StateLocation.none(), JOB_ID)
                    .isRight()).isTrue();
            assertThat(world.managedObjects(name)).doesNotContain("Ingress " + name);
        }
    }

    @Test
    void every_object_is_owned_by_the_flink_deployment_so_deleting_it_lets_kubernetes_collect_the_cluster() {
        GenericKubernetesResource resource = world.createFlinkDeployment("standalone.yaml");
        String name = resource.getMetadata().getName();
        deploy(name, Fixtures.spec("standalone.yaml"), StateLocation.none(), JOB_ID);

        for (String object : world.managedObjects(name)) {
            HasMetadata read = object.startsWith("Deployment ") ? world.deployment(object.substring(11))
                    : object.startsWith("ConfigMap ") ? world.configMap(object.substring(10))
                    : client.services().inNamespace(namespace).withName(object.substring(8)).get();
            assertThat(read.getMetadata().getOwnerReferences()).as(object).singleElement().satisfies(owner -> {
                assertThat(owner.getUid()).isEqualTo(resource.getMetadata().getUid());
                assertThat(owner.getKind()).isEqualTo("FlinkDeployment");
                assertThat(owner.getName()).isEqualTo(name);
            });
        }
        world.deleteFlinkDeployment(name);

        await("collected by the garbage collector", () -> world.managedObjects(name).isEmpty());
        assertThat(observe(name).jobManager()).isEqualTo(JobManagerDeploymentStatus.MISSING);
    }

    @Test
    void deploying_the_same_spec_and_job_again_changes_nothing() {
        String name = world.createFlinkDeployment("pod-template.yaml").getMetadata().getName();
        deploy(name, Fixtures.spec("pod-template.yaml"), StateLocation.none(), JOB_ID);
        Map<String, String> versions = resourceVersions(name);
        // the API server stamps an applier's write with its time in whole seconds: let one pass, so a write would show
        java.time.Instant applied = java.time.Instant.parse(appliedAt(world.deployment(name)));
        await("a second after the first apply", () -> java.time.Instant.now().isAfter(applied.plusSeconds(1)));

        deploy(name, Fixtures.spec("pod-template.yaml"), StateLocation.none(), JOB_ID);

        assertThat(resourceVersions(name)).isEqualTo(versions);
    }

    @Test
    void a_new_spec_or_job_updates_the_objects_and_removes_what_is_no_longer_asked_for() {
        String name = world.createFlinkDeployment("ingress.yaml").getMetadata().getName();
        FlinkDeploymentSpec spec = Fixtures.spec("ingress.yaml");
        deploy(name, spec, StateLocation.none(), JOB_ID);
        assertThat(world.managedObjects(name)).contains("Ingress " + name);

        FlinkDeploymentSpec changed = new FlinkDeploymentSpec(spec.job(), spec.restartNonce(), spec.flinkConfiguration(), "flink:1.20.1", spec.imagePullPolicy(),
                spec.serviceAccount(), spec.flinkVersion(), null, spec.podTemplate(), spec.jobManager(), spec.taskManager(), spec.logConfiguration(), spec.mode());
        String nextJob = "00000000000000000000000000000def";
        deploy(name, changed, StateLocation.savepoint("file:///flink-data/savepoints/savepoint-1"), nextJob);

        assertThat(world.managedObjects(name)).doesNotContain("Ingress " + name);
        assertThat(Fixtures.mainContainer(world.deployment(name)).getImage()).isEqualTo("flink:1.20.1");
        var conf = FlinkConfigFile.read(world.configMap("flink-config-" + name).getData().get("flink-conf.yaml"));
        assertThat(conf).containsEntry("$internal.pipeline.job-id", nextJob)
                .containsEntry("execution.state-recovery.path", "file:///flink-data/savepoints/savepoint-1");
    }

    @Test
    void rescaling_a_standalone_cluster_changes_its_task_managers_in_place() {
        String name = world.createFlinkDeployment("standalone.yaml").getMetadata().getName();
        deploy(name, Fixtures.spec("standalone.yaml"), StateLocation.none(), JOB_ID);
        var jobManagerPods = world.deployment(name).getSpec().getTemplate();
        var taskManagers = ClusterLabels.selector(name, Fixtures.spec("standalone.yaml").effectiveMode(), ClusterLabels.TASK_MANAGER);
        await("two TaskManager pods", () -> world.pods(taskManagers).size() == 2);

        assertThat(deployer.rescale(key(name), 3, 4).isRight()).isTrue();

        assertThat(world.deployment(name + "-taskmanager").getSpec().getReplicas()).isEqualTo(3);
        assertThat(FlinkConfigFile.read(world.configMap("flink-config-" + name).getData().get("flink-conf.yaml"))).containsEntry("parallelism.default", "6");
        // the rescale is recorded in an annotation of the JobManager Deployment (which counts as a new generation), never in its pods
        assertThat(world.deployment(name).getSpec().getTemplate()).isEqualTo(jobManagerPods);
        await("three TaskManager pods", () -> world.pods(taskManagers).size() == 3);
    }

    @Test
    void the_parts_of_a_running_cluster_that_someone_deleted_are_made_again_as_they_were_without_touching_its_job_manager() {
        String name = world.createFlinkDeployment("standalone.yaml").getMetadata().getName();
        StateLocation savepoint = StateLocation.savepoint("file:///flink-data/savepoints/savepoint-7");
        deploy(name, Fixtures.spec("standalone.yaml"), savepoint, JOB_ID);
        assertThat(deployer.restoreDeleted(key(name)).get()).as("nothing is missing").isEmpty();
        var configMap = world.configMap("flink-config-" + name);
        var rest = client.services().inNamespace(namespace).withName(name + "-rest").get();
        var taskManagers = world.deployment(name + "-taskmanager");
        var jobManager = world.deployment(name);

        client.configMaps().inNamespace(namespace).withName("flink-config-" + name).delete();
        client.services().inNamespace(namespace).withName(name + "-rest").delete();
        client.services().inNamespace(namespace).withName(name).delete();
        client.apps().deployments().inNamespace(namespace).withName(name + "-taskmanager").delete();
        await("the deleted parts gone", () -> world.managedObjects(name).size() == 1);

        assertThat(deployer.restoreDeleted(key(name)).get()).containsExactlyInAnyOrder("ConfigMap flink-config-" + name, "Service " + name,
                "Service " + name + "-rest", "Deployment " + name + "-taskmanager");

        var madeAgain = world.configMap("flink-config-" + name);
        assertThat(madeAgain.getMetadata().getUid()).isNotEqualTo(configMap.getMetadata().getUid());
        assertThat(madeAgain.getData()).isEqualTo(configMap.getData());
        assertThat(FlinkConfigFile.read(madeAgain.getData().get("flink-conf.yaml"))).containsEntry("$internal.pipeline.job-id", JOB_ID)
                .containsEntry("execution.state-recovery.path", savepoint.path());
        assertThat(madeAgain.getMetadata().getOwnerReferences()).isEqualTo(configMap.getMetadata().getOwnerReferences());
        assertThat(client.services().inNamespace(namespace).withName(name + "-rest").get().getSpec().getPorts()).isEqualTo(rest.getSpec().getPorts());
        assertThat(world.deployment(name + "-taskmanager").getSpec().getTemplate()).isEqualTo(taskManagers.getSpec().getTemplate());
        assertThat(world.deployment(name).getMetadata().getGeneration()).as("the JobManager Deployment is not changed").isEqualTo(jobManager.getMetadata().getGeneration());
        assertThat(deployer.restoreDeleted(key(name)).get()).as("nothing is missing any more").isEmpty();
    }

    @Test
    void a_deletion_reads_none_of_the_parts_the_watch_holds_and_leaves_none_of_them() throws Exception {
        String name = world.createFlinkDeployment("basic.yaml").getMetadata().getName();
        String other = world.createFlinkDeployment("standalone.yaml").getMetadata().getName();
        List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (KubernetesClient recorded = KubeClients.recording(plane, requests)) {
            KubernetesClusterDeployer watching = new KubernetesClusterDeployer(recorded, new ServiceDnsEndpoints(), java.util.Set.of(namespace));
            try (AutoCloseable watch = watching.watch(changed -> { })) {
                assertThat(watching.deploy(key(name), ClusterOwner.UNKNOWN, Fixtures.spec("basic.yaml"), StateLocation.none(), JOB_ID).isRight()).isTrue();
                await("the watch's caches hold the whole cluster", () -> {
                    requests.clear();
                    return watching.restoreDeleted(key(name)).get().isEmpty() && requests.stream().noneMatch(request -> request.startsWith("GET "));
                });
                requests.clear();

                assertThat(watching.delete(key(name), false).isRight()).isTrue();

                String apps = "/apis/apps/v1/namespaces/" + namespace + "/deployments/";
                String core = "/api/v1/namespaces/" + namespace;
                assertThat(requests).as("only the parts the watch does not hold are read: a native cluster has no TaskManager Deployment, and Ingresses are not watched")
                        .filteredOn(request -> request.startsWith("GET ")).containsExactlyInAnyOrder("GET " + apps + name + "-taskmanager",
                                "GET /apis/networking.k8s.io/v1/namespaces/" + namespace + "/ingresses/" + name);
                assertThat(requests).filteredOn(request -> request.startsWith("DELETE ")).containsExactlyInAnyOrder("DELETE " + apps + name,
                        "DELETE " + core + "/services/" + name, "DELETE " + core + "/services/" + name + "-rest", "DELETE " + core + "/configmaps/flink-config-" + name);
                assertThat(world.managedObjects(name)).isEmpty();

                // the rest Service of a cluster named "other" has the internal Service's name of a cluster named "other-rest"
                deploy(other, Fixtures.spec("standalone.yaml"), StateLocation.none(), JOB_ID);
                await("the watch holding the other cluster's rest Service", () -> {
                    requests.clear();
                    return watching.restoreDeleted(key(other)).get().isEmpty() && requests.stream().noneMatch(request -> request.startsWith("GET "));
                });
                List<String> others = world.managedObjects(other);
                assertThat(watching.delete(key(other + "-rest"), false).isRight()).isTrue();
                assertThat(world.managedObjects(other)).as("a part whose labels name another cluster stays").isEqualTo(others)
                        .contains("Service " + other + "-rest");
            }
        }
    }

    @Test
    void the_watch_reports_a_deleted_part_and_knows_a_whole_cluster_whole_without_a_request() throws Exception {
        String name = world.createFlinkDeployment("standalone.yaml").getMetadata().getName();
        List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<ResourceKey> changed = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (KubernetesClient recorded = KubeClients.recording(plane, requests)) {
            KubernetesClusterDeployer watching = new KubernetesClusterDeployer(recorded, new ServiceDnsEndpoints(), java.util.Set.of(namespace));
            try (AutoCloseable watch = watching.watch(changed::add)) {
                assertThat(watching.deploy(key(name), ClusterOwner.UNKNOWN, Fixtures.spec("standalone.yaml"), StateLocation.none(), JOB_ID).isRight()).isTrue();
                java.util.function.Predicate<String> readsAnObjectByName = request -> request.startsWith("GET ") && request.matches(".*/" + name + "(-rest|-taskmanager)?$");
                await("the watch's caches hold the whole cluster", () -> {
                    requests.clear();
                    return watching.restoreDeleted(key(name)).get().isEmpty() && requests.stream().noneMatch(readsAnObjectByName);
                });
                changed.clear();

                client.services().inNamespace(namespace).withName(name + "-rest").delete();
                await("the Service's deletion reported", () -> changed.contains(key(name)));
                assertThat(watching.restoreDeleted(key(name)).get()).containsExactly("Service " + name + "-rest");

                changed.clear();
                client.apps().deployments().inNamespace(namespace).withName(name + "-taskmanager").delete();
                await("the TaskManager Deployment's deletion reported", () -> changed.contains(key(name)));
                assertThat(watching.restoreDeleted(key(name)).get()).containsExactly("Deployment " + name + "-taskmanager");

                changed.clear();
                client.configMaps().inNamespace(namespace).withName("flink-config-" + name).edit(c -> {
                    c.getMetadata().getLabels().put("example.org/touched", "true");
                    return c;
                });
                client.configMaps().inNamespace(namespace).withName("flink-config-" + name).delete();
                await("the ConfigMap's deletion reported", () -> changed.contains(key(name)));
                assertThat(changed).as("an update of a ConfigMap asks for no pass, its deletion for one").hasSize(1);
                assertThat(watching.restoreDeleted(key(name)).get()).containsExactly("ConfigMap flink-config-" + name);
            }
        }
    }

    @Test
    void a_part_made_again_after_a_rescale_in_place_is_made_as_rescaled() {
        String name = world.createFlinkDeployment("standalone.yaml").getMetadata().getName();
        deploy(name, Fixtures.spec("standalone.yaml"), StateLocation.none(), JOB_ID);
        var jobManagerPods = world.deployment(name).getSpec().getTemplate();
        assertThat(deployer.rescale(key(name), null, 5).isRight()).isTrue();

        client.configMaps().inNamespace(namespace).withName("flink-config-" + name).delete();
        client.apps().deployments().inNamespace(namespace).withName(name + "-taskmanager").delete();
        await("the deleted parts gone", () -> world.managedObjects(name).size() == 3);
        assertThat(deployer.restoreDeleted(key(name)).get()).hasSize(2);

        assertThat(FlinkConfigFile.read(world.configMap("flink-config-" + name).getData().get("flink-conf.yaml"))).containsEntry("parallelism.default", "5");
        assertThat(world.deployment(name + "-taskmanager").getSpec().getReplicas()).isEqualTo(3);
        assertThat(world.deployment(name).getSpec().getTemplate()).as("neither the rescale nor its record changes the JobManager pod").isEqualTo(jobManagerPods);
    }

    @Test
    void nothing_is_made_again_for_a_cluster_that_is_gone_or_that_records_nothing() {
        String name = world.createFlinkDeployment("basic.yaml").getMetadata().getName();
        deploy(name, Fixtures.spec("basic.yaml"), StateLocation.none(), JOB_ID);
        var configMap = world.configMap("flink-config-" + name);
        client.configMaps().inNamespace(namespace).withName("flink-config-" + name).delete();
        await("the ConfigMap gone", () -> world.configMap("flink-config-" + name) == null);
        assertThat(deployer.restoreDeleted(key(name)).get()).containsExactly("ConfigMap flink-config-" + name);
        assertThat(world.configMap("flink-config-" + name).getData()).as("with the pod templates of a native cluster").isEqualTo(configMap.getData());

        removeRecord(name);
        client.configMaps().inNamespace(namespace).withName("flink-config-" + name).delete();
        await("the ConfigMap gone", () -> world.configMap("flink-config-" + name) == null);
        assertThat(deployer.restoreDeleted(key(name)).get()).as("a JobManager Deployment that records nothing").isEmpty();

        assertThat(deployer.delete(key(name), true).isRight()).isTrue();
        await("the cluster gone", () -> world.managedObjects(name).isEmpty());
        assertThat(deployer.restoreDeleted(key(name)).get()).isEmpty();
        assertThat(world.managedObjects(name)).isEmpty();
    }

    @Test
    void the_cluster_in_a_resources_place_is_told_by_its_record_its_owner_and_its_labels() throws Exception {
        var resource = world.createFlinkDeployment("standalone.yaml");
        String name = resource.getMetadata().getName();
        assertThat(deployer.priorCluster(key(name)).get()).as("nothing in place").isEmpty();
        StateLocation restore = StateLocation.savepoint("file:///savepoints/savepoint-1");
        deploy(name, Fixtures.spec("standalone.yaml"), restore, JOB_ID);

        PriorCluster.Recorded expected = new PriorCluster.Recorded(resource.getMetadata().getUid(), Fixtures.spec("standalone.yaml"), restore, JOB_ID);
        assertThat(deployer.priorCluster(key(name)).get()).containsExactly(expected);
        List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (KubernetesClient recorded = KubeClients.recording(plane, requests)) {
            KubernetesClusterDeployer watching = new KubernetesClusterDeployer(recorded, new ServiceDnsEndpoints(), java.util.Set.of(namespace));
            try (AutoCloseable watch = watching.watch(changed -> { })) {
                await("the watch's cache answers without a request", () -> {
                    requests.clear();
                    return watching.priorCluster(key(name)).get().contains(expected) && requests.stream().noneMatch(r -> r.startsWith("GET "));
                });
            }
        }

        removeRecord(name);
        assertThat(deployer.priorCluster(key(name)).get()).singleElement().isInstanceOfSatisfying(PriorCluster.Unadoptable.class,
                found -> assertThat(found.what()).contains("Deployment " + namespace + "/" + name, "no readable record", DeployedFrom.ANNOTATION));

        var strangersPlace = world.createFlinkDeployment("basic.yaml");
        String stranger = strangersPlace.getMetadata().getName();
        client.apps().deployments().inNamespace(namespace).resource(new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder()
                .withNewMetadata().withName(stranger).withLabels(Map.of("app", stranger)).endMetadata()
                .withNewSpec().withNewSelector().withMatchLabels(Map.of("app", stranger)).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", stranger)).endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage("nginx").endContainer().endSpec().endTemplate().endSpec().build()).create();
        assertThat(deployer.priorCluster(key(stranger)).get()).singleElement().isInstanceOfSatisfying(PriorCluster.Unadoptable.class,
                found -> assertThat(found.what()).contains("Deployment " + namespace + "/" + stranger, "not deployed by flinkop"));

        // a watch's cache holds only what this operator made: a first deployment takes over no field of the stranger's
        var first = deployer.deploy(key(stranger), new ClusterOwner(strangersPlace.getMetadata().getUid(), true),
                Fixtures.spec("basic.yaml"), StateLocation.none(), JOB_ID);
        assertThat(first.isLeft()).as("%s", first).isTrue();
        assertThat(first.getLeft().reason()).isEqualTo(PortFailure.Reason.CONFLICT);
        assertThat(first.getLeft().message()).contains("Deployment " + namespace + "/" + stranger, "first deployment", "conflict");
        assertThat(world.deployment(stranger).getSpec().getTemplate().getSpec().getContainers()).extracting(c -> c.getImage()).containsExactly("nginx");
    }

    @Test
    void a_native_cluster_is_not_rescaled_in_place() {
        String name = world.createFlinkDeployment("basic.yaml").getMetadata().getName();
        deploy(name, Fixtures.spec("basic.yaml"), StateLocation.none(), JOB_ID);

        var rescaled = deployer.rescale(key(name), 3, null);

        assertThat(rescaled.getLeft().reason()).isEqualTo(PortFailure.Reason.NOT_FOUND);
        assertThat(rescaled.getLeft().message()).contains("only standalone clusters are rescaled in place");
    }

    @Test
    void ha_metadata_is_reported_and_kept_unless_its_deletion_is_asked_for() {
        String name = world.createFlinkDeployment("basic-checkpoint-ha.yaml").getMetadata().getName();
        assertThat(observe(name)).isEqualTo(ClusterObservation.missing(false));
        deploy(name, Fixtures.spec("basic-checkpoint-ha.yaml"), StateLocation.none(), JOB_ID);
        world.createHaConfigMap(name, "cluster-config-map");
        world.createHaConfigMap(name, JOB_ID + "-config-map");
        assertThat(observe(name).haMetadataPresent()).isTrue();
        assertThat(deployer.observeRunning(key(name)).get()).as("not looked for")
                .isEqualTo(new ClusterObservation(observe(name).jobManager(), false, observe(name).restEndpoint(), observe(name).retainedCheckpoint()));
        assertThat(deployer.keepsHaMetadata()).isTrue();

        assertThat(deployer.delete(key(name), false).isRight()).isTrue();

        assertThat(world.managedObjects(name)).isEmpty();
        assertThat(world.haConfigMaps(name)).hasSize(2);
        assertThat(observe(name)).isEqualTo(ClusterObservation.missing(true));
        Map<String, String> jobManagerPods = ClusterLabels.selector(name, Fixtures.spec("basic-checkpoint-ha.yaml").effectiveMode(), ClusterLabels.JOB_MANAGER);
        // the deleted cluster's ReplicaSet may still make a pod until the garbage collector removes it
        java.util.function.BooleanSupplier collected = () -> client.apps().replicaSets().inNamespace(namespace).withLabels(jobManagerPods).list().getItems().isEmpty()
                && world.pods(jobManagerPods).isEmpty();
        await("the JobManager's ReplicaSets and pods collected", collected);
        world.createPod(name + "-stopping-jobmanager", jobManagerPods);

        var whileStopping = deployer.deploy(key(name), ClusterOwner.UNKNOWN, Fixtures.spec("basic-checkpoint-ha.yaml"), StateLocation.haMetadata(), JOB_ID);
        assertThat(whileStopping.getLeft().reason()).as("the old JobManager may still write its HA metadata").isEqualTo(PortFailure.Reason.UNAVAILABLE);
        assertThat(whileStopping.getLeft().message()).contains(name + "-stopping-jobmanager");
        world.deletePod(name + "-stopping-jobmanager");
        await("the stopping JobManager pod gone", () -> world.pods(jobManagerPods).stream()
                .noneMatch(pod -> pod.getMetadata().getName().equals(name + "-stopping-jobmanager")));

        // as the operator does on a later pass: the ReplicaSet controller, working from its cache, may still make a pod
        // for the deleted ReplicaSet, and that pod holds the deploy back until the garbage collector removes it
        await("the deploy restoring from HA metadata once no JobManager pod of the old cluster is left", () -> {
            var restored = deployer.deploy(key(name), ClusterOwner.UNKNOWN, Fixtures.spec("basic-checkpoint-ha.yaml"), StateLocation.haMetadata(), JOB_ID);
            if (restored.isLeft()) {
                assertThat(restored.getLeft().reason()).as("%s", restored).isEqualTo(PortFailure.Reason.UNAVAILABLE);
                assertThat(restored.getLeft().message()).as("a straggler of the deleted ReplicaSet").doesNotContain(name + "-stopping-jobmanager")
                        .contains("of the old cluster");
            }
            return restored.isRight();
        });
        assertThat(deployer.delete(key(name), true).isRight()).isTrue();
        assertThat(world.managedObjects(name)).isEmpty();
        // whether a JobManager pod (or a straggler of the deleted ReplicaSet) was still there when the deletion looked
        // depends on the garbage collector; the HA metadata of a cluster whose JobManager pod is still stopping is kept,
        // as the next test shows with one that stays, and a later pass deletes it again
        await("deleting again removing the HA metadata once the JobManager's pods are collected", () -> {
            assertThat(deployer.delete(key(name), true).isRight()).as("deleting again").isTrue();
            return world.haConfigMaps(name).isEmpty();
        });
        assertThat(observe(name)).isEqualTo(ClusterObservation.missing(false));
    }

    @Test
    void ha_metadata_waits_for_a_job_manager_pod_that_never_stops_unless_the_deletion_does_not_wait() {
        String name = world.createFlinkDeployment("basic-checkpoint-ha.yaml").getMetadata().getName();
        deploy(name, Fixtures.spec("basic-checkpoint-ha.yaml"), StateLocation.none(), JOB_ID);
        world.createHaConfigMap(name, "cluster-config-map");
        Map<String, String> jobManagerPods = ClusterLabels.selector(name, Fixtures.spec("basic-checkpoint-ha.yaml").effectiveMode(), ClusterLabels.JOB_MANAGER);
        String stuck = name + "-lost-jobmanager";
        assertThat(world.createStuckPod(stuck, jobManagerPods).getMetadata().getDeletionTimestamp()).isNotNull();
        try {
            assertThat(deployer.delete(key(name), true).isRight()).isTrue();
            assertThat(world.managedObjects(name)).isEmpty();
            assertThat(world.haConfigMaps(name)).as("kept while the JobManager pod stops").hasSize(1);
            assertThat(observe(name)).isEqualTo(ClusterObservation.missing(true));

            assertThat(deployer.deleteWithoutWaiting(key(name)).isRight()).isTrue();

            assertThat(world.haConfigMaps(name)).isEmpty();
            assertThat(observe(name)).isEqualTo(ClusterObservation.missing(false));
            // the cluster's own JobManager pod may not be collected yet: only the stuck one is asserted on
            assertThat(world.pods(jobManagerPods)).as("the pod itself is left to whoever holds it")
                    .anySatisfy(pod -> assertThat(pod.getMetadata().getName()).isEqualTo(stuck));
        } finally {
            world.releaseStuckPod(stuck);
        }
    }

    @Test
    void a_job_manager_pod_that_cannot_pull_its_image_is_an_error_that_names_the_pod_and_kubernetes_reason() {
        GenericKubernetesResource resource = world.createFlinkDeployment("basic.yaml");
        String name = resource.getMetadata().getName();
        FlinkDeploymentSpec spec = Fixtures.spec("basic.yaml");
        deploy(name, spec, StateLocation.none(), JOB_ID);
        Map<String, String> jobManagerPods = ClusterLabels.selector(name, spec.effectiveMode(), ClusterLabels.JOB_MANAGER);
        await("a JobManager pod of " + name, () -> !world.pods(jobManagerPods).isEmpty());
        String pod = world.pods(jobManagerPods).get(0).getMetadata().getName();

        // as a kubelet reports a container whose image cannot be pulled
        world.setWaiting(pod, "flink-main-container", "ImagePullBackOff", "Back-off pulling image \"" + spec.image() + "\"");

        await("the JobManager in ERROR", () -> observe(name).jobManager() == JobManagerDeploymentStatus.ERROR);
        assertThat(observe(name).problem()).containsExactly("pod " + pod + ", container flink-main-container: ImagePullBackOff: Back-off pulling image \""
                + spec.image() + "\"");
    }

    @Test
    void a_cluster_that_does_not_exist_is_missing_and_one_without_its_flink_deployment_is_not_deployed() {
        assertThat(observe("nothing-here")).isEqualTo(ClusterObservation.missing(false));

        var deployed = deployer.deploy(key("nothing-here"), ClusterOwner.UNKNOWN, Fixtures.spec("basic.yaml"), StateLocation.none(), JOB_ID);

        assertThat(deployed.getLeft().reason()).isEqualTo(PortFailure.Reason.NOT_FOUND);
        assertThat(deployed.getLeft().message()).contains("FlinkDeployment " + namespace + "/nothing-here does not exist");
        assertThat(world.managedObjects("nothing-here")).isEmpty();
    }

    @Test
    void an_object_the_api_server_refuses_comes_back_as_rejected_with_its_message() {
        String name = world.createFlinkDeployment("basic.yaml").getMetadata().getName();
        FlinkDeploymentSpec spec = Fixtures.spec("basic.yaml");
        Map<String, Object> template = new HashMap<>(Map.of("spec", Map.of("containers", List.of(Map.of("name", "sidecar", "image", "busybox",
                "ports", List.of(Map.of("containerPort", 70000)))))));
        FlinkDeploymentSpec refused = new FlinkDeploymentSpec(spec.job(), spec.restartNonce(), spec.flinkConfiguration(), spec.image(), spec.imagePullPolicy(),
                spec.serviceAccount(), spec.flinkVersion(), spec.ingress(), template, spec.jobManager(), spec.taskManager(), spec.logConfiguration(), spec.mode());

        var deployed = deployer.deploy(key(name), ClusterOwner.UNKNOWN, refused, StateLocation.none(), JOB_ID);

        assertThat(deployed.getLeft().reason()).isEqualTo(PortFailure.Reason.REJECTED);
        assertThat(deployed.getLeft().message()).startsWith("applying Deployment " + namespace + "/" + name + ": ").contains("containerPort");
    }

    @Test
    void a_user_without_rights_is_forbidden_and_an_api_server_that_does_not_answer_is_unavailable() throws IOException {
        String name = world.createFlinkDeployment("basic.yaml").getMetadata().getName();
        try (KubernetesClient powerless = ClusterWorld.client(plane, plane.tokenWithoutRights())) {
            var deployed = new KubernetesClusterDeployer(powerless).deploy(key(name), ClusterOwner.UNKNOWN, Fixtures.spec("basic.yaml"), StateLocation.none(), JOB_ID);

            assertThat(deployed.getLeft().reason()).isEqualTo(PortFailure.Reason.FORBIDDEN);
            assertThat(deployed.getLeft().message()).contains("forbidden");
            assertThat(new KubernetesClusterDeployer(powerless).observe(key(name)).getLeft().reason()).isEqualTo(PortFailure.Reason.FORBIDDEN);
        }
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        var config = new io.fabric8.kubernetes.client.ConfigBuilder().withMasterUrl("https://127.0.0.1:" + closedPort).withRequestRetryBackoffLimit(0)
                .withRequestTimeout(5_000).withConnectionTimeout(5_000).build();
        try (KubernetesClient nowhere = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(config).build()) {
            assertThat(new KubernetesClusterDeployer(nowhere).observe(key(name)).getLeft().reason()).isEqualTo(PortFailure.Reason.UNAVAILABLE);
        }
    }

    /**
     * Takes the deployed-from record off the JobManager Deployment {@code name}, by a merge patch without a resource
     * version: the controller manager updates the Deployment's status meanwhile, and a read-modify-write would conflict.
     * The API server may still answer a conflict while those writes go on; the patch is then sent again.
     */
    private void removeRecord(String name) {
        for (int attempt = 1; ; attempt++) {
            try {
                client.apps().deployments().inNamespace(namespace).withName(name).patch(
                        io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                        "{\"metadata\":{\"annotations\":{\"" + DeployedFrom.ANNOTATION + "\":null}}}");
                return;
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private static String appliedAt(HasMetadata object) {
        return object.getMetadata().getManagedFields().stream().filter(f -> KubernetesClusterDeployer.FIELD_MANAGER.equals(f.getManager()))
                .map(f -> f.getTime()).findFirst().orElseThrow();
    }

    private Map<String, String> resourceVersions(String name) {
        Map<String, String> versions = new HashMap<>();
        for (String object : world.managedObjects(name)) {
            String objectName = object.substring(object.indexOf(' ') + 1);
            HasMetadata read = object.startsWith("Deployment ") ? world.deployment(objectName)
                    : object.startsWith("ConfigMap ") ? world.configMap(objectName)
                    : object.startsWith("Service ") ? client.services().inNamespace(namespace).withName(objectName).get()
                    : client.network().v1().ingresses().inNamespace(namespace).withName(objectName).get();
            // the controller manager writes a Deployment's status as it works; deploying writes its spec, stamped with the applier's time
            versions.put(object, read instanceof io.fabric8.kubernetes.api.model.apps.Deployment d
                    ? "generation " + d.getMetadata().getGeneration() + ", applied at " + appliedAt(d)
                    : read.getMetadata().getResourceVersion());
        }
        return versions;
    }
}
