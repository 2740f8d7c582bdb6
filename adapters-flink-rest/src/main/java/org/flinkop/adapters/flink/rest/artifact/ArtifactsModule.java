package org.flinkop.adapters.flink.rest.artifact;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.util.Objects;
import org.flinkop.ports.artifact.Artifacts;

/**
 * Binds {@link Artifacts} to the fetcher of {@code local://}, {@code file://} and {@code https://} jars, with the
 * given settings. A trust store named by the settings is loaded when the fetcher is first injected.
 */
public final class ArtifactsModule extends AbstractModule {

    private final ArtifactSettings settings;

    public ArtifactsModule(ArtifactSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    protected void configure() {
        bind(ArtifactSettings.class).toInstance(settings);
    }

    @Provides
    @Singleton
    Artifacts artifacts(ArtifactSettings configured) {
        return new UriArtifacts(configured);
    }
}
