package org.flinkop.runtime.operator.webhook;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import org.flinkop.ports.store.ResourceStore;
import org.flinkop.runtime.operator.config.OperatorConfig;
import org.flinkop.runtime.operator.logging.LogSink;
import org.flinkop.runtime.operator.logging.OperatorLog;

/** Binds the operator's {@link Webhooks} part from its settings; creating it does no I/O. */
public final class WebhookModule extends AbstractModule {

    @Provides
    @Singleton
    Webhooks webhooks(OperatorConfig config, KubernetesClient client, ResourceStore store, Clock clock, LogSink sink) {
        return new Webhooks(config.webhook(), config.http().address(), client, store, config.artifacts().plainHttpAllowed(), config.namespaces(), clock,
                new OperatorLog(sink, "org.flinkop.operator.webhook"));
    }
}
