package org.flinkop.runtime.operator;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.util.Modules;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import org.flinkop.ports.cluster.JobManagerEndpoints;
import org.flinkop.ports.flink.FlinkJobClient;
import org.flinkop.runtime.operator.config.OperatorConfig;
import org.flinkop.runtime.operator.logging.LogSink;
import org.flinkop.runtime.operator.logging.OperatorLog;
import org.flinkop.testkit.kubelet.PublishedJobManagerEndpoints;

/**
 * {@link OperatorMain} as its own JVM with every part real (the Kubernetes deployer, Flink's REST client, the jar
 * fetcher), for a control plane whose pods a process kubelet in another JVM runs. Two differences, both at the
 * edge: this operator is outside the pod network, so it reaches JobManagers at the host ports the kubelet publishes
 * on their pods ({@link PublishedJobManagerEndpoints}) instead of their Services' DNS names; and each call of the
 * Flink port is one log line ({@value #FLINK_CALL} of logger {@value #FLINK_LOGGER}, with the method and the
 * cluster), so that a test sees which operator talked to Flink.
 */
final class RealFlinkOperatorMain {

    static final String FLINK_LOGGER = "org.flinkop.operator.flink";
    static final String FLINK_CALL = "flink call";

    private RealFlinkOperatorMain() {
    }

    public static void main(String[] args) {
        int exit = new OperatorMain(System.getenv(), System.out, System.err, wiring -> wiring
                .withDeployer(Modules.override(wiring.deployer()).with(publishedEndpoints()))
                .withFlink(loggingCalls(wiring.flink()))).run(args);
        System.exit(exit);
    }

    private static AbstractModule publishedEndpoints() {
        return new AbstractModule() {
            @Provides
            @Singleton
            JobManagerEndpoints endpoints(KubernetesClient client, OperatorConfig config) {
                return PublishedJobManagerEndpoints.start(client, config.namespaces());
            }
        };
    }

    /** The Flink port as {@code flink} binds it, each call logged before it is made. */
    private static AbstractModule loggingCalls(Module flink) {
        return new AbstractModule() {
            @Provides
            @Singleton
            FlinkJobClient flinkJobClient(LogSink sink) {
                // the replaced module binds the same key this module does, so it is asked in an injector of its own
                FlinkJobClient real = Guice.createInjector(flink).getInstance(FlinkJobClient.class);
                OperatorLog log = new OperatorLog(sink, FLINK_LOGGER);
                return (FlinkJobClient) Proxy.newProxyInstance(FlinkJobClient.class.getClassLoader(), new Class<?>[] {FlinkJobClient.class},
                        (proxy, method, arguments) -> {
                            if (method.getDeclaringClass() == Object.class) {
                                return method.invoke(real, arguments);
                            }
                            log.info(FLINK_CALL, OperatorLog.fields("method", method.getName(), "cluster", arguments[0]));
                            try {
                                return method.invoke(real, arguments);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        };
    }
}
