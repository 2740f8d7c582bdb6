package org.flinkop.testkit.kube;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class against a real kube-apiserver with the project's CustomResourceDefinitions installed: test
 * methods (and {@code @BeforeEach} methods) take a {@link KubeNamespace}, fresh for each test, or the
 * {@link KubeControlPlane} itself. See {@link KubeApiServerExtension}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(KubeApiServerExtension.class)
public @interface WithKubeApiServer {
}
