package org.flinkop.runtime.operator;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How the operator reaches the API server: the kubeconfig named by {@code --kubeconfig}; otherwise fabric8's
 * own order ({@code KUBECONFIG}, the pod's service account, {@code ~/.kube/config}). Reading happens here, at
 * the edge, so that the module that builds the client does no I/O.
 */
public final class KubeClientConfig {

    static final int REQUEST_RETRIES = 2;

    private KubeClientConfig() {
    }

    static Either<String, Config> resolve(Option<Path> kubeconfig, Duration requestTimeout) {
        return resolve(kubeconfig, Option.none(), requestTimeout);
    }

    /** The same, with the kubeconfig's context {@code context} instead of its current one. */
    public static Either<String, Config> resolve(Option<Path> kubeconfig, Option<String> context, Duration requestTimeout) {
        Config config;
        if (kubeconfig.isDefined()) {
            Path file = kubeconfig.get();
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                return Either.left("--kubeconfig " + file + ": no readable file there (allowed: the path of a kubeconfig file)");
            }
            try {
                if (context.isDefined() && !contexts(file).contains(context.get())) {
                    // fabric8 would fall back to the current context: the wrong cluster, or the right one in the wrong namespace
                    return Either.left("--context " + context.get() + ": no such context in " + file + " (allowed: " + String.join(", ", contexts(file)) + ")");
                }
                config = context.isDefined() ? Config.fromKubeconfig(context.get(), file.toFile()) : Config.fromKubeconfig(file.toFile());
            } catch (RuntimeException e) {
                return Either.left("--kubeconfig " + file + context.map(c -> " --context " + c).getOrElse("") + ": not a usable kubeconfig ("
                        + e.getMessage() + ")");
            }
        } else {
            try {
                config = Config.autoConfigure(context.getOrNull());
            } catch (RuntimeException e) {
                return Either.left("no usable Kubernetes configuration in KUBECONFIG, the service account or ~/.kube/config (" + e.getMessage()
                        + "); name one with --kubeconfig FILE");
            }
        }
        config.setRequestTimeout((int) Math.min(Integer.MAX_VALUE, requestTimeout.toMillis()));
        // a request the API server cannot answer comes back after a few short retries, not after fabric8's default
        // of ten doubling ones (over a minute): the control loop retries the pass with its own backoff
        config.setRequestRetryBackoffLimit(REQUEST_RETRIES);
        return Either.right(config);
    }

    private static java.util.List<String> contexts(Path file) {
        try {
            io.fabric8.kubernetes.api.model.Config parsed = Serialization.unmarshal(Files.readString(file), io.fabric8.kubernetes.api.model.Config.class);
            return parsed.getContexts() == null ? java.util.List.of() : parsed.getContexts().stream().map(c -> c.getName()).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
