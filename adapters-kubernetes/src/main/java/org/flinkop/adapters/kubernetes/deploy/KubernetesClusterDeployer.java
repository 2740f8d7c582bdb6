package org.flinkop.adapters.kubernetes.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.autoscaling.v1.ScaleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.flinkop.adapters.kubernetes.crd.CrdNames;
import org.flinkop.adapters.kubernetes.crd.FlinkDeploymentResource;
import org.flinkop.domain.observe.PriorCluster;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.domain.resource.JobManagerDeploymentStatus;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.StateLocation;
import org.flinkop.domain.resource.StateLocationKind;
import org.flinkop.ports.Done;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.cluster.ClusterDeployer;
import org.flinkop.ports.cluster.ClusterObservation;
import org.flinkop.ports.cluster.ClusterOwner;
import org.flinkop.ports.cluster.JobManagerEndpoints;

/**
 * Runs FlinkDeployments as Kubernetes objects. The objects come from {@link ClusterModel}; this class only
 * server-side applies them (so re-applying the same objects changes nothing), removes the ones a spec no longer
 * asks for, reads their status back, and deletes them. Each method makes a few API calls, each bounded by the
 * client's request timeout (a deploy and a deletion make their independent ones side by side); it never waits for pods.
 */
final class KubernetesClusterDeployer implements ClusterDeployer {

    static final String FIELD_MANAGER = "flinkop";
    private static final ListOptions FROM_WATCH_CACHE = new ListOptionsBuilder().withResourceVersion("0").build();
    private static final int SIDE_CALL_THREADS = 64;

    private final KubernetesClient client;
    private final JobManagerEndpoints endpoints;
    private final ResourceDefinitionContext flinkDeployments;
    private final Executor sideCalls = sideCalls();
    private final Set<String> watchedNamespaces;
    private volatile OwnedObjects owned;

    KubernetesClusterDeployer(KubernetesClient client) {
        this(client, new ServiceDnsEndpoints(), Set.of());
    }

    /** @param watchedNamespaces the namespaces {@link #watch} watches; empty for all */
    KubernetesClusterDeployer(KubernetesClient client, JobManagerEndpoints endpoints, Set<String> watchedNamespaces) {
        this.client = Objects.requireNonNull(client, "client");
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.watchedNamespaces = Set.copyOf(watchedNamespaces);
        this.flinkDeployments = new ResourceDefinitionContext.Builder()
                .withGroup(CrdNames.GROUP)
                .withVersion(CrdNames.VERSION)
                .withKind(HasMetadata.getKind(FlinkDeploymentResource.class))
                .withPlural(HasMetadata.getPlural(FlinkDeploymentResource.class))
                .withNamespaced(true)
                .build();
    }

    @Override
    public Either<PortFailure, Done> deploy(ResourceKey key, ClusterOwner owner, FlinkDeploymentSpec spec, StateLocation restoreFrom, String jobId) {
        String namespace = namespace(key);
        return owner(namespace, key.name(), owner.uid())
                .flatMap(resource -> ClusterModel.of(new ClusterRequest(namespace, key.name(), resource, spec, restoreFrom, jobId)))
                .flatMap(desired -> prepareHaRestore(namespace, key.name(), restoreFrom, jobId)
                        .flatMap(prepared -> applyAndPrune(namespace, key.name(), desired.objects(), owner.neverDeployed())))
                .map(done -> Done.DONE);
    }

    /**
     * Threads for the calls of a deploy that run beside the calling thread: as many as needed up to a bound, each
     * gone after a minute unused; past the bound the caller makes the call itself, so a deploy never waits for a thread.
     */
    private static Executor sideCalls() {
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(0, SIDE_CALL_THREADS, 1, TimeUnit.MINUTES, new SynchronousQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, "flinkop-deployer-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
        return pool;
    }

    @Override
    public Either<PortFailure, ClusterObservation> observe(ResourceKey key) {
        return observe(key, true);
    }

    /** Without the list of the cluster's HA ConfigMaps, which reads every ConfigMap of the namespace that carries the label. */
    @Override
    public Either<PortFailure, ClusterObservation> observeRunning(ResourceKey key) {
        return observe(key, false);
    }

    private Either<PortFailure, ClusterObservation> observe(ResourceKey key, boolean lookForHaMetadata) {
        String namespace = namespace(key);
        String name = key.name();
        return KubernetesFailures.call("reading JobManager Deployment " + namespace + "/" + name,
                        () -> client.apps().deployments().inNamespace(namespace).withName(ClusterNames.jobManagerDeployment(name)).get())
                .flatMap(jobManager -> (lookForHaMetadata ? haMetadataPresent(namespace, name) : Either.<PortFailure, Boolean>right(false))
                        .flatMap(ha -> jobManagerPods(namespace, jobManager).map(pods -> ObservationModel.of(key, jobManager, pods, ha, endpoints))));
    }

    /**
     * Watches the Deployments, ConfigMaps and Services this deployer made, in the namespaces it was given (see
     * {@link OwnedObjects}), and calls {@code listener} with the FlinkDeployment whose cluster changed. While the
     * watch runs, a cluster whose parts are all in its caches is found whole without a request.
     */
    @Override
    public synchronized AutoCloseable watch(java.util.function.Consumer<ResourceKey> listener) {
        OwnedObjects started = new OwnedObjects(client, watchedNamespaces, listener).start();
        owned = started;
        return () -> {
            synchronized (this) {
                if (owned == started) {
                    owned = null;
                }
            }
            started.close();
        };
    }

    /**
     * Makes again, as they were deployed, the objects of a running cluster that someone deleted: its configuration,
     * its Services and (standalone) its TaskManager Deployment. While the watch runs, a cluster its caches show whole
     * costs no request; otherwise the JobManager Deployment and each part are read by name, and only when one is gone
     * is the cluster's model worked out again, from what its JobManager Deployment records ({@link DeployedFrom}).
     * The JobManager Deployment itself is not touched, so the job runs on. Nothing is made for a JobManager
     * Deployment that is gone, being deleted, or records nothing (deployed by another version, or by someone else).
     */
    @Override
    public Either<PortFailure, io.vavr.collection.List<String>> restoreDeleted(ResourceKey key) {
        String namespace = namespace(key);
        String name = key.name();
        if (wholeAsWatched(namespace, name)) {
            return Either.right(io.vavr.collection.List.empty());
        }
        return KubernetesFailures.call("reading JobManager Deployment " + namespace + "/" + name,
                        () -> client.apps().deployments().inNamespace(namespace).withName(ClusterNames.jobManagerDeployment(name)).get())
                .flatMap(jobManager -> restoreDeleted(namespace, name, jobManager));
    }

    /**
     * The JobManager Deployment under the cluster's name, as its record ({@link DeployedFrom}) tells it: adoptable when
     * this operator deployed it and it records what from. Once the watch's cache has synced, it answers without a
     * request: it holds every Deployment this operator made. A Deployment someone else made under that name is not
     * in it; the first deployment, which applies without taking fields over from another manager, fails on it with a
     * conflict rather than replacing it. Without a synced cache the Deployment is read by name.
     */
    @Override
    public Either<PortFailure, Option<PriorCluster>> priorCluster(ResourceKey key) {
        String namespace = namespace(key);
        String name = ClusterNames.jobManagerDeployment(key.name());
        OwnedObjects watched = owned;
        Either<PortFailure, Deployment> found = watched != null && watched.deploymentsSynced()
                ? Either.right(watched.deployment(namespace, name).getOrNull())
                : KubernetesFailures.call("reading JobManager Deployment " + namespace + "/" + name,
                        () -> client.apps().deployments().inNamespace(namespace).withName(name).get());
        return found.map(jobManager -> Option.of(jobManager).map(existing -> prior(existing, key.name())));
    }

    private static PriorCluster prior(Deployment jobManager, String cluster) {
        String described = "the Deployment " + jobManager.getMetadata().getNamespace() + "/" + jobManager.getMetadata().getName();
        if (!ClusterLabels.isManaged(jobManager, cluster)) {
            return new PriorCluster.Unadoptable(described + " exists and was not deployed by flinkop for a FlinkDeployment of this name");
        }
        if (jobManager.getMetadata().getDeletionTimestamp() != null) {
            return new PriorCluster.Unadoptable(described + " of an earlier cluster of this name is being deleted");
        }
        Option<DeployedFrom> record = DeployedFrom.on(jobManager);
        if (record.isEmpty()) {
            return new PriorCluster.Unadoptable(described + " has no readable record of what it was deployed from (annotation "
                    + DeployedFrom.ANNOTATION + "), so it cannot be adopted");
        }
        String ownerUid = jobManager.getMetadata().getOwnerReferences().stream().filter(reference -> Boolean.TRUE.equals(reference.getController()))
                .map(OwnerReference::getUid).findFirst().orElse(null);
        return new PriorCluster.Recorded(ownerUid, record.get().spec(), record.get().restoreFrom(), record.get().jobId());
    }

    /** Whether the watch's caches hold the cluster's JobManager Deployment and every part that would be made again; false without a watch. */
    private boolean wholeAsWatched(String namespace, String name) {
        OwnedObjects watched = owned;
        if (watched == null) {
            return false;
        }
        Option<Deployment> jobManager = watched.deployment(namespace, ClusterNames.jobManagerDeployment(name));
        if (jobManager.isEmpty()) {
            return false;
        }
        List<String> deployments = ClusterLabels.standalone(jobManager.get()) ? List.of(ClusterNames.taskManagerDeployment(name)) : List.of();
        return watched.allPresent(namespace, Map.of(Deployment.class, deployments, ConfigMap.class, List.of(ClusterNames.flinkConfigMap(name)),
                Service.class, List.of(ClusterNames.internalService(name), ClusterNames.restService(name))));
    }

    private Either<PortFailure, io.vavr.collection.List<String>> restoreDeleted(String namespace, String name, Deployment jobManager) {
        io.vavr.collection.List<String> nothing = io.vavr.collection.List.empty();
        if (jobManager == null || jobManager.getMetadata().getDeletionTimestamp() != null || !ClusterLabels.isManaged(jobManager, name)) {
            return Either.right(nothing);
        }
        Option<DeployedFrom> record = DeployedFrom.on(jobManager);
        Option<ClusterRequest> request = record.flatMap(deployedFrom -> deployedFrom.request(jobManager));
        if (request.isEmpty()) {
            return Either.right(nothing);
        }
        List<ClusterNames.ObjectName> parts = new ArrayList<>(List.of(new ClusterNames.ObjectName(ConfigMap.class, ClusterNames.flinkConfigMap(name)),
                new ClusterNames.ObjectName(Service.class, ClusterNames.internalService(name)), new ClusterNames.ObjectName(Service.class, ClusterNames.restService(name))));
        if (request.get().standalone()) {
            parts.add(new ClusterNames.ObjectName(Deployment.class, ClusterNames.taskManagerDeployment(name)));
        }
        List<Supplier<Either<PortFailure, Boolean>>> lookups = new ArrayList<>();
        for (ClusterNames.ObjectName part : parts) {
            lookups.add(() -> KubernetesFailures.call("reading " + HasMetadata.getKind(part.kind()) + " " + namespace + "/" + part.name(),
                    () -> client.resources(part.kind()).inNamespace(namespace).withName(part.name()).get() == null));
        }
        Either<PortFailure, List<Boolean>> missing = all(lookups);
        if (missing.isLeft()) {
            return Either.left(missing.getLeft());
        }
        Set<ClusterNames.ObjectName> gone = new HashSet<>();
        for (int i = 0; i < parts.size(); i++) {
            if (missing.get().get(i)) {
                gone.add(parts.get(i));
            }
        }
        if (gone.isEmpty()) {
            return Either.right(nothing);
        }
        return ClusterModel.of(request.get()).flatMap(desired -> asRescaled(desired, record.get().parallelism())).flatMap(objects -> {
            List<Supplier<Either<PortFailure, Done>>> making = new ArrayList<>();
            List<String> made = new ArrayList<>();
            for (HasMetadata object : objects) {
                if (gone.contains(ClusterNames.ObjectName.of(object))) {
                    making.add(() -> apply(object));
                    made.add(object.getKind() + " " + object.getMetadata().getName());
                }
            }
            return together(making).map(done -> io.vavr.collection.List.ofAll(made));
        });
    }

    /** The objects of {@code desired} as a rescale in place to {@code parallelism} left them (configuration and TaskManager count). */
    private static Either<PortFailure, List<HasMetadata>> asRescaled(DesiredCluster desired, Integer parallelism) {
        if (parallelism == null) {
            return Either.right(desired.objects());
        }
        return RescaleModel.of(desired.flinkConfig(), null, parallelism).map(rescaled -> {
            List<HasMetadata> objects = new ArrayList<>();
            for (HasMetadata object : desired.objects()) {
                if (object == desired.flinkConfig()) {
                    objects.add(rescaled.configMap());
                } else if (desired.taskManager().exists(tm -> tm == object)) {
                    Deployment taskManager = new DeploymentBuilder((Deployment) object).editSpec().withReplicas(rescaled.taskManagers()).endSpec().build();
                    objects.add(taskManager);
                } else {
                    objects.add(object);
                }
            }
            return objects;
        });
    }

    @Override
    public Either<PortFailure, Done> delete(ResourceKey key, boolean deleteHaMetadata) {
        return delete(key, deleteHaMetadata, false);
    }

    @Override
    public Either<PortFailure, Done> deleteWithoutWaiting(ResourceKey key) {
        return delete(key, true, true);
    }

    private Either<PortFailure, Done> delete(ResourceKey key, boolean deleteHaMetadata, boolean evenWhileStopping) {
        String namespace = namespace(key);
        // each object is deleted on its own, side by side: a deletion waits for at most two requests, not two per
        // object. One the watch's cache holds is deleted without reading it first; one it does not hold (an Ingress,
        // which is not watched, or an object a deploy made a moment ago that the cache has not seen yet) is read first
        OwnedObjects watched = owned;
        List<Supplier<Either<PortFailure, Done>>> objects = new ArrayList<>();
        for (ClusterNames.ObjectName object : ClusterNames.objects(key.name())) {
            Option<HasMetadata> held = watched == null ? Option.none()
                    : watched.held(object.kind(), namespace, object.name()).filter(found -> ClusterLabels.isManaged(found, key.name()));
            objects.add(held.isDefined() ? () -> deleteEach(List.of(held.get())) : () -> deleteIfManaged(namespace, key.name(), object));
        }
        Either<PortFailure, Done> deleted = together(objects);
        if (!deleteHaMetadata) {
            return deleted;
        }
        if (evenWhileStopping) {
            return deleted.flatMap(done -> deleteAll(namespace, ConfigMap.class, ClusterLabels.haMetadata(key.name())));
        }
        // a JobManager that is still stopping writes its leader ConfigMap again: its HA metadata goes once it is gone,
        // and until then observe reports it present, so the deletion is asked for again
        return deleted.flatMap(done -> jobManagerPodNames(namespace, key.name()))
                .flatMap(stopping -> stopping.isEmpty() ? deleteAll(namespace, ConfigMap.class, ClusterLabels.haMetadata(key.name())) : Either.right(Done.DONE));
    }

    @Override
    public Either<PortFailure, Done> rescale(ResourceKey key, Integer taskManagers, Integer parallelism) {
        if (taskManagers == null && parallelism == null) {
            return Either.right(Done.DONE);
        }
        String namespace = namespace(key);
        String name = key.name();
        String deployment = ClusterNames.taskManagerDeployment(name);
        return KubernetesFailures.call("reading TaskManager Deployment " + namespace + "/" + deployment,
                        () -> client.apps().deployments().inNamespace(namespace).withName(deployment).get())
                .flatMap(tm -> tm == null
                        ? Either.<PortFailure, Deployment>left(PortFailure.of(PortFailure.Reason.NOT_FOUND, "no TaskManager Deployment " + namespace + "/" + deployment
                                + ": only standalone clusters are rescaled in place"))
                        : Either.right(tm))
                .flatMap(tm -> flinkConfig(namespace, name))
                .flatMap(config -> RescaleModel.of(config, taskManagers, parallelism)
                        .flatMap(rescaled -> updateConfig(namespace, config, rescaled).flatMap(done -> scale(namespace, deployment, rescaled.taskManagers()))
                                .flatMap(done -> recordRescale(namespace, name, rescaled.parallelism()))));
    }

    /** Records the new parallelism with what the cluster was deployed from, so that objects made again later are made as rescaled. */
    private Either<PortFailure, Done> recordRescale(String namespace, String name, int parallelism) {
        String deployment = ClusterNames.jobManagerDeployment(name);
        return KubernetesFailures.call("reading JobManager Deployment " + namespace + "/" + deployment,
                        () -> client.apps().deployments().inNamespace(namespace).withName(deployment).get())
                .flatMap(jobManager -> Option.of(jobManager).flatMap(DeployedFrom::on)
                        .filter(record -> !Integer.valueOf(parallelism).equals(record.parallelism()))
                        .map(record -> record.rescaledTo(parallelism))
                        .map(record -> KubernetesFailures.call("recording the rescale on JobManager Deployment " + namespace + "/" + deployment,
                                () -> client.apps().deployments().inNamespace(namespace).withName(deployment)
                                        .patch(PatchContext.of(PatchType.JSON_MERGE), client.getKubernetesSerialization().asJson(
                                                Map.of("metadata", Map.of("annotations", Map.of(DeployedFrom.ANNOTATION, record.encode())))))).map(patched -> Done.DONE))
                        .getOrElse(Either.right(Done.DONE)));
    }

    /** Clusters deployed here keep Flink's Kubernetes HA ConfigMaps until deleted with their HA metadata; only specs that turn HA on have them. */
    @Override
    public boolean keepsHaMetadata() {
        return true;
    }

    /** The FlinkDeployment that owns the cluster's objects: by the uid the caller confirmed, else as read now. */
    private Either<PortFailure, Owner> owner(String namespace, String name, String confirmedUid) {
        if (confirmedUid != null) {
            return Either.right(new Owner(CrdNames.GROUP + "/" + CrdNames.VERSION, HasMetadata.getKind(FlinkDeploymentResource.class), name, confirmedUid));
        }
        return KubernetesFailures.call("reading FlinkDeployment " + namespace + "/" + name,
                        () -> client.genericKubernetesResources(flinkDeployments).inNamespace(namespace).withName(name).get())
                .flatMap(resource -> resource == null || resource.getMetadata().getUid() == null
                        ? Either.left(PortFailure.of(PortFailure.Reason.NOT_FOUND, "FlinkDeployment " + namespace + "/" + name
                                + " does not exist; a cluster is deployed only for an existing resource, which owns its objects"))
                        : Either.right(owner(resource)));
    }

    private static Owner owner(GenericKubernetesResource resource) {
        return new Owner(CrdNames.GROUP + "/" + CrdNames.VERSION, resource.getKind() == null ? HasMetadata.getKind(FlinkDeploymentResource.class) : resource.getKind(),
                resource.getMetadata().getName(), resource.getMetadata().getUid());
    }

    /**
     * Applies the desired objects and, unless this is the {@code first} deployment, removes those of the cluster it no
     * longer holds, all side by side: a deploy waits for one round of requests, not one per object. The Deployments need not wait for the
     * configuration and Services: a pod whose ConfigMap is not there yet waits for it (Flink's own client creates the
     * JobManager Deployment first), and a deploy never changes the configuration under a running Deployment, since a
     * changed spec is deployed after the cluster it replaces was deleted. A first deployment has nothing to prune, and
     * skips a read for each object it does not make.
     */
    private Either<PortFailure, Done> applyAndPrune(String namespace, String name, List<HasMetadata> objects, boolean first) {
        List<Supplier<Either<PortFailure, Done>>> calls = new ArrayList<>();
        for (HasMetadata object : objects) {
            calls.add(first ? () -> applyFirst(object) : () -> apply(object));
        }
        if (!first) {
            calls.addAll(prune(namespace, name, objects));
        }
        return together(calls);
    }

    /** Applies {@code object}, taking over any field another manager set since (a user's edit of an object this operator owns). */
    private Either<PortFailure, Done> apply(HasMetadata object) {
        return KubernetesFailures.call("applying " + describe(object),
                () -> client.resource(object).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply()).map(result -> Done.DONE);
    }

    /**
     * Applies {@code object} for a first deployment, taking over no field of another manager: an object someone else
     * made under the same name is not this operator's to replace, and the deployment fails with the conflict instead.
     */
    private Either<PortFailure, Done> applyFirst(HasMetadata object) {
        return KubernetesFailures.call("applying " + describe(object) + " for a first deployment (an object of that name that another manager made is left as it is)",
                () -> client.resource(object).fieldManager(FIELD_MANAGER).serverSideApply()).map(result -> Done.DONE);
    }

    /** Runs the calls side by side (this thread takes the first, and any the pool has no thread for); each runs, and the first failure in order wins. */
    private Either<PortFailure, Done> together(List<Supplier<Either<PortFailure, Done>>> calls) {
        return all(calls).map(results -> Done.DONE);
    }

    /** {@link #together}, with each call's answer in the order of the calls. */
    private <T> Either<PortFailure, List<T>> all(List<Supplier<Either<PortFailure, T>>> calls) {
        if (calls.isEmpty()) {
            return Either.right(List.of());
        }
        List<CompletableFuture<Either<PortFailure, T>>> running = new ArrayList<>();
        for (Supplier<Either<PortFailure, T>> call : calls.subList(1, calls.size())) {
            running.add(CompletableFuture.supplyAsync(call, sideCalls));
        }
        List<Either<PortFailure, T>> results = new ArrayList<>();
        results.add(calls.get(0).get());
        for (CompletableFuture<Either<PortFailure, T>> call : running) {
            results.add(call.join());
        }
        List<T> answers = new ArrayList<>();
        for (Either<PortFailure, T> result : results) {
            if (result.isLeft()) {
                return Either.left(result.getLeft());
            }
            answers.add(result.get());
        }
        return Either.right(answers);
    }

    /**
     * Deletes this cluster's objects that the desired set no longer holds (an Ingress taken out of the spec, ...). Each
     * is looked up by its name, which reads one object however many clusters the namespace holds.
     */
    private List<Supplier<Either<PortFailure, Done>>> prune(String namespace, String name, List<HasMetadata> desired) {
        Set<ClusterNames.ObjectName> keep = desired.stream().map(ClusterNames.ObjectName::of).collect(Collectors.toSet());
        List<Supplier<Either<PortFailure, Done>>> pruning = new ArrayList<>();
        for (ClusterNames.ObjectName object : ClusterNames.objects(name)) {
            if (!keep.contains(object)) {
                pruning.add(() -> deleteIfManaged(namespace, name, object));
            }
        }
        return pruning;
    }

    /** Deletes the object in the background if it exists and this operator made it for cluster {@code cluster}; one that another made stays. */
    private Either<PortFailure, Done> deleteIfManaged(String namespace, String cluster, ClusterNames.ObjectName object) {
        String what = HasMetadata.getKind(object.kind()) + " " + namespace + "/" + object.name();
        return KubernetesFailures.call("reading " + what, () -> client.resources(object.kind()).inNamespace(namespace).withName(object.name()).get())
                .flatMap(found -> found != null && ClusterLabels.isManaged(found, cluster) ? deleteEach(List.of(found)) : Either.right(Done.DONE));
    }

    private Either<PortFailure, Done> deleteAll(String namespace, Class<? extends HasMetadata> kind, Map<String, String> labels) {
        return list(namespace, kind, labels).flatMap(this::deleteEach);
    }

    private Either<PortFailure, List<? extends HasMetadata>> list(String namespace, Class<? extends HasMetadata> kind, Map<String, String> labels) {
        return KubernetesFailures.call("listing " + HasMetadata.getKind(kind) + "s in " + namespace + " labelled " + labels,
                () -> client.resources(kind).inNamespace(namespace).withLabels(labels).list().getItems());
    }

    /** Deletes each object in the background (its pods and ReplicaSets go after it); one already gone is fine. */
    private Either<PortFailure, Done> deleteEach(List<? extends HasMetadata> objects) {
        Either<PortFailure, Done> deleted = Either.right(Done.DONE);
        for (HasMetadata object : objects) {
            deleted = deleted.flatMap(done -> KubernetesFailures.call("deleting " + describe(object),
                    () -> client.resource(object).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete())
                    .map(details -> Done.DONE));
        }
        return deleted;
    }

    /**
     * Before a cluster restores from the HA metadata its predecessor left, its job gets the old job's checkpoints
     * and the submitted jobs are removed (see {@link HaMetadata}). Only while no JobManager Deployment exists: once
     * one does, the HA metadata is the new cluster's own. Not while a JobManager pod of the old cluster still runs
     * (deleting it lets it stop gracefully): it may still complete a checkpoint and delete the files of the one it
     * subsumes, so the deploy fails as unavailable and is tried again on a later pass.
     */
    private Either<PortFailure, Done> prepareHaRestore(String namespace, String name, StateLocation restoreFrom, String jobId) {
        if (restoreFrom.kind() != StateLocationKind.HA_METADATA || jobId == null) {
            return Either.right(Done.DONE);
        }
        return KubernetesFailures.call("reading JobManager Deployment " + namespace + "/" + name,
                        () -> client.apps().deployments().inNamespace(namespace).withName(ClusterNames.jobManagerDeployment(name)).get())
                .flatMap(jobManager -> jobManager != null ? Either.right(List.<ConfigMap>of())
                        : oldJobManagerGone(namespace, name).flatMap(gone -> KubernetesFailures.call("listing HA ConfigMaps of " + namespace + "/" + name,
                                () -> client.configMaps().inNamespace(namespace).withLabels(ClusterLabels.haMetadata(name)).list().getItems())))
                .flatMap(configMaps -> {
                    Either<PortFailure, Done> done = Either.right(Done.DONE);
                    Optional<ConfigMap> carried = HaMetadata.carriedOver(name, jobId, configMaps);
                    if (carried.isPresent()) {
                        done = KubernetesFailures.call("carrying the checkpoints in HA metadata over to job " + jobId,
                                () -> client.configMaps().inNamespace(namespace).resource(carried.get()).create()).map(created -> Done.DONE);
                    }
                    for (ConfigMap configMap : configMaps) {
                        if (!HaMetadata.jobGraphKeys(configMap).isEmpty()) {
                            done = done.flatMap(d -> KubernetesFailures.call("removing the submitted jobs from HA ConfigMap " + namespace + "/"
                                            + configMap.getMetadata().getName(),
                                    () -> client.configMaps().inNamespace(namespace).withName(configMap.getMetadata().getName())
                                            .edit(HaMetadata::withoutJobGraphs)).map(edited -> Done.DONE));
                        }
                    }
                    return done;
                });
    }

    private Either<PortFailure, Done> oldJobManagerGone(String namespace, String name) {
        return jobManagerPodNames(namespace, name).flatMap(pods -> pods.isEmpty() ? Either.right(Done.DONE)
                : Either.left(PortFailure.of(PortFailure.Reason.UNAVAILABLE, stillStopping(pods))));
    }

    /** Names every JobManager pod still there, sorted: any of them may still write HA metadata. */
    static String stillStopping(List<String> pods) {
        List<String> sorted = pods.stream().sorted().toList();
        return sorted.size() == 1
                ? "JobManager pod " + sorted.get(0) + " of the old cluster is still stopping; the HA metadata it writes is restored once it is gone"
                : "JobManager pods " + String.join(", ", sorted) + " of the old cluster are still stopping; the HA metadata they write is restored once they are gone";
    }

    /** The JobManager pods of cluster {@code name} that still exist, stopping ones included (read through, not from the watch cache). */
    private Either<PortFailure, List<String>> jobManagerPodNames(String namespace, String name) {
        return KubernetesFailures.call("listing JobManager pods of " + namespace + "/" + name,
                () -> client.pods().inNamespace(namespace).withLabels(Map.of(ClusterLabels.APP, name, ClusterLabels.COMPONENT, ClusterLabels.JOB_MANAGER))
                        .list().getItems().stream().map(pod -> pod.getMetadata().getName()).toList());
    }

    private Either<PortFailure, Boolean> haMetadataPresent(String namespace, String name) {
        return KubernetesFailures.call("listing HA ConfigMaps of " + namespace + "/" + name,
                () -> client.configMaps().inNamespace(namespace).withLabels(ClusterLabels.haMetadata(name)).list().getItems().stream()
                        .anyMatch(configMap -> configMap.getMetadata().getDeletionTimestamp() == null));
    }

    /**
     * The JobManager's pods, read only while it is not ready, to tell a JobManager that cannot start from one that is
     * starting. Answered from the API server's watch cache rather than read through to etcd, which would read every
     * pod of the namespace on each look: what the pods show only words the status, and the next look sees them anew.
     */
    private Either<PortFailure, List<Pod>> jobManagerPods(String namespace, Deployment jobManager) {
        if (jobManager == null || ObservationModel.status(jobManager, List.of()) != JobManagerDeploymentStatus.DEPLOYING) {
            return Either.right(List.of());
        }
        Map<String, String> selector = jobManager.getSpec().getSelector().getMatchLabels();
        return KubernetesFailures.call("listing JobManager pods of " + namespace + "/" + jobManager.getMetadata().getName(),
                () -> client.pods().inNamespace(namespace).withLabels(selector).list(FROM_WATCH_CACHE).getItems());
    }

    private Either<PortFailure, ConfigMap> flinkConfig(String namespace, String name) {
        String configMap = ClusterNames.flinkConfigMap(name);
        return KubernetesFailures.call("reading ConfigMap " + namespace + "/" + configMap, () -> client.configMaps().inNamespace(namespace).withName(configMap).get())
                .flatMap(found -> found == null
                        ? Either.left(PortFailure.of(PortFailure.Reason.NOT_FOUND, "no ConfigMap " + namespace + "/" + configMap + " holding the cluster's configuration"))
                        : Either.right(found));
    }

    private Either<PortFailure, Done> updateConfig(String namespace, ConfigMap current, RescaleModel rescaled) {
        if (rescaled.configMap().equals(current)) {
            return Either.right(Done.DONE);
        }
        return KubernetesFailures.call("updating " + describe(current),
                () -> client.resource(rescaled.configMap()).inNamespace(namespace).update()).map(updated -> Done.DONE);
    }

    private Either<PortFailure, Done> scale(String namespace, String deployment, int replicas) {
        var scale = new ScaleBuilder().withNewMetadata().withName(deployment).withNamespace(namespace).endMetadata()
                .withNewSpec().withReplicas(replicas).endSpec().build();
        return KubernetesFailures.call("scaling Deployment " + namespace + "/" + deployment + " to " + replicas,
                () -> client.apps().deployments().inNamespace(namespace).withName(deployment).scale(scale)).map(result -> Done.DONE);
    }

    private String namespace(ResourceKey key) {
        return key.namespace() != null ? key.namespace() : client.getNamespace() != null ? client.getNamespace() : "default";
    }

    private static String describe(HasMetadata object) {
        return object.getKind() + " " + object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
    }
}
