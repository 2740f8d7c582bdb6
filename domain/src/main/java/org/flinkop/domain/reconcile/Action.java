package org.flinkop.domain.reconcile;

import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.domain.resource.StateLocation;

/** One thing a decision asks the runtime to do, in order. Every action is idempotent when repeated after a crash. */
public sealed interface Action {

    /** Deploy (or re-deploy) the cluster for {@code spec}; an application's job runs under {@code jobId}, restoring from {@code restoreFrom}. */
    record DeployCluster(FlinkDeploymentSpec spec, StateLocation restoreFrom, String jobId) implements Action {
    }

    /** Remove the cluster; HA metadata is removed too only when {@code deleteHaMetadata}. */
    record DeleteCluster(boolean deleteHaMetadata) implements Action {
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

    /** Tell the user: a Kubernetes event, a log line in the embedded runtime. */
    record RecordEvent(EventReason reason, EventType type, String message) implements Action {
    }

    enum EventType {
        NORMAL, WARNING
    }
}
