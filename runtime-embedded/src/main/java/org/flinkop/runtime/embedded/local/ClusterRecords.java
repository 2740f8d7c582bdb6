package org.flinkop.runtime.embedded.local;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.flinkop.domain.binding.ResourceBinding;
import org.flinkop.domain.resource.FlinkDeploymentSpec;
import org.flinkop.domain.resource.StateLocation;
import org.flinkop.domain.resource.StateLocationKind;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the local deployer started, written next to each cluster's files, so that an operator started again (after a
 * crash, or a command line that exited) finds its clusters and their processes instead of starting them twice or
 * leaving them behind. One small properties file per resource, replaced atomically.
 */
final class ClusterRecords {

    /**
     * One cluster: the digest of the spec it runs, its job id (null for a session cluster), its own directory (which
     * names its processes: each runs with that directory's configuration), the local directory its checkpoints go
     * to, and what it was deployed from (none in a record an earlier version wrote), so that a resource whose status
     * was lost adopts it rather than replacing it. Written before any process starts, so that processes of an
     * operator that died while starting them are found too.
     */
    record ClusterRecord(String specDigest, String jobId, Path workDir, Path checkpoints, Optional<DeployedFrom> deployedFrom) {
    }

    /** The spec a cluster was deployed from, where its job restored from, and the uid of the resource it was deployed for (null when not known). */
    record DeployedFrom(FlinkDeploymentSpec spec, StateLocation restoreFrom, String ownerUid) {
    }

    private static final JsonMapper JSON = new JsonMapper();

    private static final String FILE = "cluster.properties";

    private ClusterRecords() {
    }

    static void write(Path resourceDir, ClusterRecord record) throws IOException {
        Properties p = new Properties();
        p.setProperty("specDigest", record.specDigest());
        if (record.jobId() != null) {
            p.setProperty("jobId", record.jobId());
        }
        p.setProperty("workDir", record.workDir().toString());
        p.setProperty("checkpoints", record.checkpoints().toString());
        record.deployedFrom().ifPresent(from -> {
            p.setProperty("spec", JSON.writeValueAsString(ResourceBinding.encodeSpec(from.spec())));
            p.setProperty("restoreFrom", from.restoreFrom().kind().name());
            if (from.restoreFrom().path() != null) {
                p.setProperty("restorePath", from.restoreFrom().path());
            }
            if (from.ownerUid() != null) {
                p.setProperty("ownerUid", from.ownerUid());
            }
        });
        Files.createDirectories(resourceDir);
        Path temporary = resourceDir.resolve(FILE + ".tmp");
        try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            p.store(out, "a cluster of local Flink processes");
        }
        Files.move(temporary, resourceDir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The record in {@code resourceDir}; empty when there is none or it cannot be read (then nothing is adopted). */
    static Optional<ClusterRecord> read(Path resourceDir) {
        Path file = resourceDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
            return Optional.of(new ClusterRecord(p.getProperty("specDigest"), p.getProperty("jobId"), Path.of(p.getProperty("workDir")),
                    Path.of(p.getProperty("checkpoints")), deployedFrom(p)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** What the record says the cluster was deployed from; empty when it says nothing, or nothing this version can read. */
    @SuppressWarnings("unchecked")
    private static Optional<DeployedFrom> deployedFrom(Properties p) {
        String spec = p.getProperty("spec");
        String kind = p.getProperty("restoreFrom");
        if (spec == null || kind == null) {
            return Optional.empty();
        }
        try {
            return ResourceBinding.decodeSpec(JSON.readValue(spec, Map.class)).toJavaOptional().map(decoded -> new DeployedFrom(decoded,
                    StateLocation.restoredFrom(StateLocationKind.valueOf(kind), p.getProperty("restorePath")), p.getProperty("ownerUid")));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    static void delete(Path resourceDir) throws IOException {
        Files.deleteIfExists(resourceDir.resolve(FILE));
    }

    /** The tree as text with every map's keys in order, so that equal trees give equal text. */
    private static String canonical(Object tree) {
        if (tree instanceof java.util.Map<?, ?> map) {
            java.util.TreeMap<String, Object> sorted = new java.util.TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), canonical(v)));
            return sorted.toString();
        }
        if (tree instanceof List<?> list) {
            return list.stream().map(ClusterRecords::canonical).toList().toString();
        }
        return String.valueOf(tree);
    }

    /** A digest of a spec that is the same in every JVM (records of enums hash by identity, so not hashCode). */
    static String digest(FlinkDeploymentSpec spec) {
        Object tree = ResourceBinding.encodeSpec(spec);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical(tree).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
