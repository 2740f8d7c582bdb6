package org.flinkop.adapters.flink.rest;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.util.Objects;
import org.flinkop.ports.flink.FlinkJobClient;

/** Binds {@link FlinkJobClient} to the Flink REST client, one for the injector, with the given settings. */
public final class FlinkRestModule extends AbstractModule {

    private final FlinkRestSettings settings;

    public FlinkRestModule(FlinkRestSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public FlinkRestModule() {
        this(FlinkRestSettings.defaults());
    }

    @Override
    protected void configure() {
        bind(FlinkRestSettings.class).toInstance(settings);
    }

    @Provides
    @Singleton
    FlinkJobClient flinkJobClient(FlinkRestSettings configured) {
        return new FlinkRestJobClient(configured);
    }
}
