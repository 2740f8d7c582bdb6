package org.flinkop.adapters.flink.rest;

import org.apache.flink.runtime.rest.HttpMethodWrapper;
import org.apache.flink.runtime.rest.messages.EmptyRequestBody;
import org.apache.flink.runtime.rest.messages.RuntimeMessageHeaders;
import org.apache.flink.runtime.rest.messages.job.JobExceptionsMessageParameters;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpResponseStatus;

/**
 * {@code GET /jobs/:jobid/exceptions}, answered as a {@link JsonAnswer}. Flink 1.20's own answer class requires the
 * fields 1.x sends ({@code root-exception}, {@code all-exceptions}) and so fails on a 2.x cluster, which sends only
 * {@code exceptionHistory}; {@link JobExceptions} reads both.
 */
final class JobExceptionsRequest implements RuntimeMessageHeaders<EmptyRequestBody, JsonAnswer, JobExceptionsMessageParameters> {

    static final JobExceptionsRequest INSTANCE = new JobExceptionsRequest();

    private JobExceptionsRequest() {
    }

    @Override
    public Class<EmptyRequestBody> getRequestClass() {
        return EmptyRequestBody.class;
    }

    @Override
    public Class<JsonAnswer> getResponseClass() {
        return JsonAnswer.class;
    }

    @Override
    public HttpResponseStatus getResponseStatusCode() {
        return HttpResponseStatus.OK;
    }

    @Override
    public JobExceptionsMessageParameters getUnresolvedMessageParameters() {
        return new JobExceptionsMessageParameters();
    }

    @Override
    public HttpMethodWrapper getHttpMethod() {
        return HttpMethodWrapper.GET;
    }

    @Override
    public String getTargetRestEndpointURL() {
        return "/jobs/:jobid/exceptions";
    }

    @Override
    public String getDescription() {
        return "A job's exception history, read leniently across Flink versions.";
    }
}
