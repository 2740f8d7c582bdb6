package org.flinkop.testkit.kube;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's root: the system property {@code flinkop.root}, or the nearest parent holding {@code deploy/crds}. */
final class ProjectRoot {

    static final String CRDS = "deploy/crds";

    private ProjectRoot() {
    }

    static Path crds() {
        String configured = System.getProperty("flinkop.root");
        if (configured != null && !configured.isBlank()) {
            Path crds = Path.of(configured).toAbsolutePath().normalize().resolve(CRDS);
            if (Files.isDirectory(crds)) {
                return crds;
            }
            throw new IllegalStateException("flinkop.root is " + configured + ", but it holds no " + CRDS);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(CRDS))) {
                return dir.resolve(CRDS);
            }
        }
        throw new IllegalStateException("no " + CRDS + " in " + Path.of("").toAbsolutePath() + " or its parents; set the system property flinkop.root");
    }
}
