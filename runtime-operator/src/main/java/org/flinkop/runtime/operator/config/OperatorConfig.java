package org.flinkop.runtime.operator.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.flinkop.adapters.flink.rest.FlinkRestSettings;
import org.flinkop.adapters.flink.rest.artifact.ArtifactSettings;
import org.flinkop.adapters.kubernetes.store.KubernetesStoreSettings;
import org.flinkop.domain.decision.OperatorSettings;
import org.flinkop.ports.loop.ControlLoop;
import org.flinkop.runtime.operator.leader.LeaderElectionSettings;
import org.flinkop.runtime.operator.logging.LogLevel;
import org.flinkop.runtime.operator.webhook.WebhookSettings;

/**
 * The operator's validated configuration: what every part is started with. Made by {@link ConfigReader}, which
 * refuses every bad value; holds no secret in its {@code toString}.
 *
 * @param store           what the resource store watches (namespaces, label selector) and how it writes events
 * @param loop            the control loop's parallelism and backoff
 * @param jitter          the share of a "look again" delay added at random, so that resources created together do not
 *                        stay in step (0 for none)
 * @param deployingRecheck how often a FlinkDeployment whose JobManager Deployment is rolling out is looked at again,
 *                        at least: its changes arrive through the watch of the clusters' Deployments (zero: as the
 *                        decision says, every progress check)
 * @param decisions       the {@code kubernetes.operator.*} defaults the decisions use, overridden per resource
 * @param flinkRest       how the Flink REST client waits
 * @param artifacts       how session jobs' jars are fetched
 * @param http            where the health and metrics endpoints listen
 * @param shutdownTimeout how long passes in flight may take to finish once the operator is asked to stop
 * @param kubernetesRequestTimeout the longest one request to the API server may take
 * @param logLevel        the least severe level logged
 * @param leaderElection  whether only the holder of a Lease acts, and its timing
 * @param warnings        keys that were read but are not used, each with why
 * @param webhook         the admission webhooks and their certificates
 */
public record OperatorConfig(KubernetesStoreSettings store, ControlLoop.Settings loop, double jitter, Duration deployingRecheck, OperatorSettings decisions,
        FlinkRestSettings flinkRest, ArtifactSettings artifacts, Http http, Duration shutdownTimeout, Duration kubernetesRequestTimeout,
        LogLevel logLevel, LeaderElectionSettings leaderElection, List<String> warnings, WebhookSettings webhook) {

    /** Where the endpoints listen: an IP address and a port (0 picks a free one). */
    public record Http(String address, int port) {
    }

    public OperatorConfig {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(deployingRecheck, "deployingRecheck");
        Objects.requireNonNull(decisions, "decisions");
        Objects.requireNonNull(flinkRest, "flinkRest");
        Objects.requireNonNull(artifacts, "artifacts");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        Objects.requireNonNull(kubernetesRequestTimeout, "kubernetesRequestTimeout");
        Objects.requireNonNull(logLevel, "logLevel");
        Objects.requireNonNull(leaderElection, "leaderElection");
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(webhook, "webhook");
    }

    public Set<String> namespaces() {
        return store.namespaces();
    }

    public Map<String, String> labels() {
        return store.labels();
    }

    public OperatorConfig withHttp(Http endpoints) {
        return new OperatorConfig(store, loop, jitter, deployingRecheck, decisions, flinkRest, artifacts, endpoints, shutdownTimeout, kubernetesRequestTimeout, logLevel,
                leaderElection, warnings, webhook);
    }

    public OperatorConfig withWebhook(WebhookSettings settings) {
        return new OperatorConfig(store, loop, jitter, deployingRecheck, decisions, flinkRest, artifacts, http, shutdownTimeout, kubernetesRequestTimeout, logLevel,
                leaderElection, warnings, settings);
    }

    @Override
    public String toString() {
        // the trust store password is the one secret here; everything else is shown as read
        return "OperatorConfig[namespaces=" + (store.namespaces().isEmpty() ? "all" : store.namespaces()) + ", labels=" + store.labels()
                + ", parallelism=" + loop.parallelism() + ", backoff=" + loop.firstBackoff() + ".." + loop.maxBackoff() + ", jitter=" + jitter
                + ", reconcileInterval=" + decisions.reconcileInterval() + ", progressInterval=" + decisions.progressInterval()
                + ", deployingRecheck=" + deployingRecheck
                + ", flinkClientTimeout=" + flinkRest.requestTimeout() + ", artifactsCache=" + artifacts.cacheDirectory()
                + ", http=" + http.address() + ":" + http.port() + ", webhook=" + (webhook.enabled() ? "port " + webhook.port() : "off")
                + ", shutdownTimeout=" + shutdownTimeout + ", logLevel=" + logLevel
                + (leaderElection.enabled() ? ", leaderElection=" + leaderElection.leaseName() + " " + leaderElection.leaseDuration() + "/"
                        + leaderElection.renewDeadline() + "/" + leaderElection.retryPeriod() : "") + "]";
    }
}
