package org.flinkop.runtime.operator.leader;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.URI;
import org.flinkop.domain.observe.CompletedCheckpoint;
import org.flinkop.domain.observe.TriggerResult;
import org.flinkop.domain.resource.SnapshotFormatType;
import org.flinkop.ports.Done;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.flink.FlinkJobClient;
import org.flinkop.ports.flink.JobDetails;
import org.flinkop.ports.flink.SubmitRequest;

/**
 * The Flink client as the passes see it: reading a job, its checkpoints, a trigger's result always; submitting,
 * cancelling, stopping, triggering and disposing only while this operator leads.
 */
public final class LeaderOnlyFlink implements FlinkJobClient {

    private final FlinkJobClient flink;
    private final LeaderOnly gate;

    public LeaderOnlyFlink(FlinkJobClient flink, Leadership leadership) {
        this.flink = flink;
        this.gate = new LeaderOnly(leadership);
    }

    @Override
    public Either<PortFailure, Option<JobDetails>> job(URI cluster, String jobId) {
        return flink.job(cluster, jobId);
    }

    @Override
    public Either<PortFailure, List<JobDetails>> jobs(URI cluster) {
        return flink.jobs(cluster);
    }

    @Override
    public Either<PortFailure, Done> submit(URI cluster, SubmitRequest request) {
        return gate.call(() -> flink.submit(cluster, request));
    }

    @Override
    public Either<PortFailure, Done> cancel(URI cluster, String jobId) {
        return gate.call(() -> flink.cancel(cluster, jobId));
    }

    @Override
    public Either<PortFailure, Done> stopWithSavepoint(URI cluster, String jobId, String triggerId, boolean drain, Option<String> directory) {
        return gate.call(() -> flink.stopWithSavepoint(cluster, jobId, triggerId, drain, directory));
    }

    @Override
    public Either<PortFailure, Done> triggerSavepoint(URI cluster, String jobId, String triggerId, Option<String> directory, SnapshotFormatType formatType) {
        return gate.call(() -> flink.triggerSavepoint(cluster, jobId, triggerId, directory, formatType));
    }

    @Override
    public Either<PortFailure, Done> triggerCheckpoint(URI cluster, String jobId, String triggerId) {
        return gate.call(() -> flink.triggerCheckpoint(cluster, jobId, triggerId));
    }

    @Override
    public Either<PortFailure, TriggerResult> savepointResult(URI cluster, String jobId, String triggerId) {
        return flink.savepointResult(cluster, jobId, triggerId);
    }

    @Override
    public Either<PortFailure, TriggerResult> checkpointResult(URI cluster, String jobId, String triggerId) {
        return flink.checkpointResult(cluster, jobId, triggerId);
    }

    @Override
    public Either<PortFailure, Option<CompletedCheckpoint>> latestCheckpoint(URI cluster, String jobId) {
        return flink.latestCheckpoint(cluster, jobId);
    }

    @Override
    public Either<PortFailure, Done> disposeSavepoint(URI cluster, String path) {
        return gate.call(() -> flink.disposeSavepoint(cluster, path));
    }

    @Override
    public Either<PortFailure, List<String>> exceptions(URI cluster, String jobId) {
        return flink.exceptions(cluster, jobId);
    }
}
