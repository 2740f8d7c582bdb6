package org.flinkop.runtime.embedded.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.flinkop.domain.binding.ResourceBinding;
import org.flinkop.domain.resource.ClusterHealth;
import org.flinkop.domain.resource.Condition;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkDeploymentStatus;
import org.flinkop.domain.resource.FlinkJobState;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.FlinkSessionJob;
import org.flinkop.domain.resource.FlinkSessionJobStatus;
import org.flinkop.domain.resource.FlinkStateSnapshot;
import org.flinkop.domain.resource.FlinkStateSnapshotStatus;
import org.flinkop.domain.resource.JobManagerDeploymentStatus;
import org.flinkop.domain.resource.JobStatus;
import org.flinkop.domain.resource.ReconciliationState;
import org.flinkop.domain.resource.ReconciliationStatus;
import org.flinkop.domain.resource.ResourceLifecycleState;
import org.flinkop.domain.resource.SnapshotState;
import org.flinkop.domain.resource.StateLocation;
import org.flinkop.domain.resource.TaskManagerInfo;
import org.flinkop.domain.resource.UpgradePhase;
import org.flinkop.domain.resource.UpgradeProgress;
import org.flinkop.runtime.embedded.yaml.Yaml;

/** Store folders under the module's {@code target/}, and resources with every part of their status filled in. */
final class StoreFixtures {

    static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    private StoreFixtures() {
    }

    /** An empty folder {@code target/store-tests/NAME}, emptied first if a previous run left it. */
    static Path freshFolder(String name) {
        Path folder = Path.of("target", "store-tests", name).toAbsolutePath();
        deleteRecursively(folder);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }

    static void deleteRecursively(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FlinkResource parse(String yaml) {
        Object tree = Yaml.read(Path.of("fixture.yaml"), yaml).get().get(0).tree();
        return ResourceBinding.decode(tree).resource().get();
    }

    static FlinkDeployment deployment(String namespace, String name, int parallelism) {
        return (FlinkDeployment) parse("""
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkDeployment
                metadata: {name: %s, namespace: %s, labels: {team: orders}, annotations: {note: "first"}}
                spec:
                  image: flink:1.20
                  flinkVersion: v1_20
                  flinkConfiguration: {taskmanager.numberOfTaskSlots: "2", state.checkpoints.dir: "file:///data/checkpoints"}
                  jobManager: {resource: {memory: 2048m, cpu: 1}}
                  taskManager: {resource: {memory: 2048m, cpu: 0.5}, replicas: 2}
                  job: {jarURI: "local:///opt/flink/job.jar", parallelism: %d, upgradeMode: savepoint, args: ["--rate", "10"]}
                """.formatted(name, namespace, parallelism));
    }

    static FlinkSessionJob sessionJob(String namespace, String name) {
        return (FlinkSessionJob) parse("""
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkSessionJob
                metadata: {name: %s, namespace: %s}
                spec:
                  deploymentName: session
                  job: {jarURI: "https://repo1.maven.org/job.jar", parallelism: 4, upgradeMode: last-state}
                """.formatted(name, namespace));
    }

    static FlinkStateSnapshot snapshot(String namespace, String name) {
        return (FlinkStateSnapshot) parse("""
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkStateSnapshot
                metadata: {name: %s, namespace: %s}
                spec:
                  backoffLimit: 1
                  savepoint: {path: "file:///data/savepoints", formatType: CANONICAL, disposeOnDelete: true, alreadyExists: false}
                  jobReference: {kind: FlinkDeployment, name: orders}
                """.formatted(name, namespace));
    }

    /**
     * A status in the middle of a savepoint upgrade: the job stopped, the savepoint it restores from recorded, the
     * new spec being deployed. {@code counter} goes into several fields, so a status read back can be told apart
     * from any other counter's.
     */
    static FlinkDeploymentStatus upgradingStatus(FlinkDeployment deployed, long counter) {
        Instant at = T0.plusSeconds(counter);
        JobStatus job = new JobStatus("orders", "a1b2c3d4e5f60718293a4b5c6d7e8f90", FlinkJobState.FINISHED, T0, at,
                "file:///data/savepoints/savepoint-" + counter, at, at.minusSeconds(1));
        UpgradeProgress upgrade = new UpgradeProgress(UpgradePhase.DEPLOYING, StateLocation.savepoint("file:///data/savepoints/savepoint-" + counter),
                "00000000000000000000000000000" + String.format("%03d", counter % 1000), at, (int) (counter % 1000));
        ReconciliationStatus<org.flinkop.domain.resource.FlinkDeploymentSpec> reconciliation = new ReconciliationStatus<>(
                at.toEpochMilli(), deployed.spec(), deployed.spec(), ReconciliationState.UPGRADING, upgrade);
        List<Condition> conditions = List.of(
                new Condition("Running", "False", "Upgrading", "upgrade " + counter + " in progress", at, counter));
        return new FlinkDeploymentStatus(job, null, counter, ResourceLifecycleState.UPGRADING, Map.of("flink-version", "1.20.0"),
                JobManagerDeploymentStatus.DEPLOYING, reconciliation, new TaskManagerInfo("app=orders", 2), conditions,
                new ClusterHealth(3, T0));
    }

    static FlinkSessionJobStatus sessionJobStatus(FlinkSessionJob job) {
        return new FlinkSessionJobStatus(new JobStatus("orders", "0f0e0d0c0b0a09080706050403020100", FlinkJobState.RUNNING, T0, T0, null, null, null),
                null, 1L, ResourceLifecycleState.STABLE,
                new ReconciliationStatus<>(T0.toEpochMilli(), job.spec(), job.spec(), ReconciliationState.DEPLOYED, null), List.of());
    }

    static FlinkStateSnapshotStatus snapshotStatus() {
        return new FlinkStateSnapshotStatus(SnapshotState.COMPLETED, "trigger-1", T0, T0.plusSeconds(2), "file:///data/savepoints/savepoint-1", null, 0);
    }
}
