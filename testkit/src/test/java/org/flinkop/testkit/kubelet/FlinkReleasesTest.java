package org.flinkop.testkit.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlinkReleasesTest {

    @TempDir
    Path cache;

    @Test
    void the_image_tag_names_the_release_and_a_minor_version_runs_its_newest_cached_release() throws IOException {
        cached("1.20.0", "a.jar");
        cached("1.20.1", "b.jar");
        FlinkReleases releases = new FlinkReleases(cache);

        assertThat(releases.classpath("flink:1.20", Map.of()).classpath()).isEqualTo("b.jar");
        assertThat(releases.classpath("registry.local:5000/flink:1.20.0-scala_2.12-java17", Map.of()).classpath()).isEqualTo("a.jar");
        assertThat(releases.classpath("flink:latest", Map.of(FlinkReleases.RELEASE_ANNOTATION, "1.20.0")).classpath()).isEqualTo("a.jar");
    }

    @Test
    void an_image_without_a_version_or_a_release_not_cached_says_what_to_do() {
        FlinkReleases releases = new FlinkReleases(cache);

        assertThat(releases.classpath("flink", Map.of()).failure()).contains(FlinkReleases.RELEASE_ANNOTATION);
        assertThat(releases.classpath("flink:2.3", Map.of()).failure()).contains("scripts/flink-classpath.sh 2.3.0");
    }

    private void cached(String release, String classpath) throws IOException {
        Path folder = Files.createDirectories(cache.resolve("flink-" + release));
        Files.writeString(folder.resolve("classpath.txt"), classpath + "\n");
    }
}
