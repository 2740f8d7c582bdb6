package org.flinkop.testkit.sim;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test method a fresh {@link Simulation}: {@code @ExtendWith(SimulationExtension.class)} on the class,
 * a {@code Simulation} parameter on the method. Clusters keep HA metadata unless the method is annotated
 * {@link WithoutHa}.
 */
public final class SimulationExtension implements ParameterResolver {

    /** The simulated clusters keep no HA metadata, as local processes do not. */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target(java.lang.annotation.ElementType.METHOD)
    public @interface WithoutHa {
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Simulation.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        boolean withoutHa = context.getTestMethod().map(m -> m.isAnnotationPresent(WithoutHa.class)).orElse(false);
        return new Simulation(!withoutHa);
    }
}
