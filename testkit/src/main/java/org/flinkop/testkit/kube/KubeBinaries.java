package org.flinkop.testkit.kube;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the control plane's programs are: kube-apiserver, kube-controller-manager and kubectl as
 * {@code scripts/k8s-control-plane.sh build} leaves them in {@code ${FLINKOP_CACHE:-~/.cache/flinkop}/k8s-1.20.2}
 * (the system property {@code flinkop.k8s.bin} names another directory), and etcd from the {@code PATH}.
 */
public record KubeBinaries(Path apiServer, Path controllerManager, Path kubectl, Path etcd) {

    public static final String VERSION = "1.20.2";

    /** The binaries, or a message saying what is missing and how to get it. */
    public static KubeBinaries find() {
        return find(directory(), System.getenv("PATH"));
    }

    /**
     * The binaries in {@code directory}, and etcd on {@code path}.
     *
     * @throws IllegalStateException naming what is missing and the command that builds it
     */
    public static KubeBinaries find(Path directory, String path) {
        List<String> missing = new ArrayList<>();
        Path apiServer = executable(directory.resolve("kube-apiserver"), missing);
        Path controllerManager = executable(directory.resolve("kube-controller-manager"), missing);
        Path kubectl = executable(directory.resolve("kubectl"), missing);
        Optional<Path> etcd = onPath("etcd", path);
        if (etcd.isEmpty()) {
            missing.add("etcd (on the PATH)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the Kubernetes " + VERSION + " control plane is not built: missing " + String.join(", ", missing)
                    + ". Run `scripts/k8s-control-plane.sh build` (once; it installs etcd and builds the binaries into " + directory + ").");
        }
        return new KubeBinaries(apiServer, controllerManager, kubectl, etcd.get());
    }

    /** The directory the build script fills. */
    public static Path directory() {
        String configured = System.getProperty("flinkop.k8s.bin");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String cache = System.getenv("FLINKOP_CACHE");
        Path base = cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache", "flinkop");
        return base.resolve("k8s-" + VERSION);
    }

    private static Path executable(Path path, List<String> missing) {
        if (!Files.isExecutable(path)) {
            missing.add(path.toString());
        }
        return path;
    }

    private static Optional<Path> onPath(String name, String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String entry : path.split(File.pathSeparator)) {
            Path candidate = Path.of(entry, name);
            if (!entry.isBlank() && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
