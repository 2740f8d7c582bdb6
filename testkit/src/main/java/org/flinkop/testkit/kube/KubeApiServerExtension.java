package org.flinkop.testkit.kube;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a real kube-apiserver. One control plane serves the whole test run (a JVM): it is started on first
 * use under {@code ${flinkop.it.dir:-target/it}/kube-control-plane}, gets the CustomResourceDefinitions of
 * {@code deploy/crds} (server-side applied, then awaited until Established), and is stopped by PID when the run
 * ends. Each test that asks for a {@link KubeNamespace} gets a namespace of its own, so tests do not see each
 * other's resources. An API server a previous test class stopped and did not start again is started again.
 *
 * <p>Fails with a message naming {@code scripts/k8s-control-plane.sh build} when the binaries are not built.
 */
public final class KubeApiServerExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(KubeApiServerExtension.class);
    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    @Override
    public void beforeAll(ExtensionContext context) {
        controlPlane(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KubeControlPlane.class || type == KubeNamespace.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        KubeControlPlane plane = controlPlane(context);
        if (parameter.getParameter().getType() == KubeControlPlane.class) {
            return plane;
        }
        // one namespace per test method, shared by its @BeforeEach methods and the method itself
        ExtensionContext.Store store = context.getStore(STORE);
        return store.getOrComputeIfAbsent("namespace", k -> createNamespace(plane, context), KubeNamespace.class);
    }

    private static KubeControlPlane controlPlane(ExtensionContext context) {
        Shared shared = context.getRoot().getStore(STORE).getOrComputeIfAbsent(Shared.class, k -> Shared.start(), Shared.class);
        KubeControlPlane plane = shared.plane();
        if (!plane.isApiServerRunning()) {
            plane.startApiServer();
        }
        return plane;
    }

    private static KubeNamespace createNamespace(KubeControlPlane plane, ExtensionContext context) {
        String name = namespaceName(context.getTestMethod().map(m -> m.getName()).orElse(context.getDisplayName()), NAMESPACES.incrementAndGet());
        plane.kubectl("create", "namespace", name);
        return new KubeNamespace(name, plane);
    }

    /** A valid namespace name (a DNS label) that says which test it belongs to. */
    static String namespaceName(String testName, int number) {
        String suffix = "-" + number;
        String base = testName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (base.isEmpty() || !Character.isLetter(base.charAt(0))) {
            base = "t-" + base;
        }
        base = base.substring(0, Math.min(base.length(), 63 - suffix.length())).replaceAll("-+$", "");
        return base + suffix;
    }

    /** The run's one control plane, stopped when JUnit closes the root store at the end of the run. */
    private record Shared(KubeControlPlane plane) implements AutoCloseable {

        static Shared start() {
            KubeControlPlane plane;
            try {
                plane = KubeControlPlane.start(workDir());
            } catch (IllegalStateException e) {
                throw new ExtensionConfigurationException(e.getMessage(), e);
            }
            try {
                plane.installCrds(ProjectRoot.crds());
                return new Shared(plane);
            } catch (RuntimeException e) {
                plane.close();
                throw e;
            }
        }

        private static Path workDir() {
            String itDir = System.getProperty("flinkop.it.dir");
            Path base = itDir != null && !itDir.isBlank() ? Path.of(itDir) : Path.of("target", "it");
            return base.resolve("kube-control-plane");
        }

        @Override
        public void close() {
            plane.close();
        }
    }
}
