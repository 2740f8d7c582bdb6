package org.flinkop.domain.decision;

import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.domain.resource.StateLocation;

/** One thing a decision asks the runtime to do, in order. Every action is idempotent when repeated after a crash. */
public sealed interface Action {

    /** Deploy (or re-deploy) the cluster for {@code spec}; an application's job runs under {@code jobId}, restoring from {@code restoreFrom}. */
    record DeployCluster(FlinkDeploymentSpec spec, StateLocation restoreFrom, String jobId) implements Action {
    }

    /** Submit a session job to its session cluster under {@code jobId}, restoring from {@code restoreFrom}; an existing job of that id is left alone. */
    record SubmitJob(org.flinkop.domain.resource.FlinkSessionJobSpec spec, StateLocation restoreFrom, String jobId) implements Action {
    }

    /**
     * Remove the cluster; HA metadata is removed too only when {@code deleteHaMetadata}, and then, when
     * {@code evenWhileStopping}, without waiting for a JobManager that is still stopping (one that never finishes).
     */
    record DeleteCluster(boolean deleteHaMetadata, boolean evenWhileStopping) implements Action {

        public DeleteCluster(boolean deleteHaMetadata) {
            this(deleteHaMetadata, false);
        }
    }

    /** Stop the job, writing a savepoint under the trigger id the status already recorded. */
    record StopJobWithSavepoint(String jobId, String triggerId, boolean drain) implements Action {
    }

    /** Cancel the job; its latest checkpoint, already recorded, is what the next deployment restores from. */
    record CancelJob(String jobId) implements Action {
    }

    /** Rescale in place (standalone mode): TaskManager replicas and the job's parallelism. */
    record Rescale(Integer taskManagerReplicas, Integer parallelism) implements Action {
    }

    /** Trigger a savepoint of the job into {@code directory} (null: the job's configured savepoint directory). */
    record TriggerSavepoint(String jobId, String triggerId, String directory, org.flinkop.domain.resource.SnapshotFormatType formatType) implements Action {
    }

    /** Trigger a checkpoint of the job. */
    record TriggerCheckpoint(String jobId, String triggerId) implements Action {
    }

    /** Delete a completed savepoint's files. */
    record DisposeSavepoint(String path) implements Action {
    }

    /** Create a FlinkStateSnapshot resource (periodic or nonce-triggered); creating an existing name is a no-op. */
    record CreateSnapshot(org.flinkop.domain.resource.FlinkStateSnapshot snapshot) implements Action {
    }

    /** Delete a FlinkStateSnapshot resource (retention); its own pass disposes of its savepoint when asked to. */
    record DeleteSnapshot(String namespace, String name) implements Action {
    }

    /** Cleanup is done: let a resource being deleted go (remove the operator's finalizer). */
    record ReleaseResource() implements Action {
    }

    /** Tell the user: a Kubernetes event, a log line in the embedded runtime. */
    record RecordEvent(EventReason reason, EventType type, String message) implements Action {
    }

    enum EventType {
        NORMAL, WARNING
    }
}
