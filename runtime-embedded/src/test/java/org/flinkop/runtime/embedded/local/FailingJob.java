package org.flinkop.runtime.embedded.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A Flink job whose operator throws on its first record, without restarts, so the job fails as soon as it runs.
 * Written against the DataStream API both Flink versions share; {@link #jar} packs it into a job jar.
 */
public final class FailingJob {

    /** What the operator throws: the text {@code exceptions()} must report. */
    public static final String MESSAGE = "flinkop failing job refuses record ";

    private FailingJob() {
    }

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(Configuration.fromMap(Map.of("restart-strategy.type", "none")));
        env.fromSequence(1, 10).map(new Refuse()).print();
        env.execute("flinkop-failing-job");
    }

    /** Throws on every record. */
    public static final class Refuse implements MapFunction<Long, Long> {

        private static final long serialVersionUID = 1L;

        @Override
        public Long map(Long value) {
            throw new IllegalStateException(MESSAGE + value);
        }
    }

    /** A job jar in {@code directory} holding this job's classes only (the cluster brings Flink's), main class set. */
    static Path jar(Path directory) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FailingJob.class.getName());
        Path jar = Files.createDirectories(directory).resolve("flinkop-failing-job.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (Class<?> type : new Class<?>[] {FailingJob.class, Refuse.class}) {
                String entry = type.getName().replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(entry));
                try (InputStream in = type.getClassLoader().getResourceAsStream(entry)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return jar;
    }
}
