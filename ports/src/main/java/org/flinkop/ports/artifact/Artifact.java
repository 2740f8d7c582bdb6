package org.flinkop.ports.artifact;

import java.util.Objects;

/**
 * A fetched job jar.
 *
 * @param localPath where the jar is on this machine
 * @param sha256    the hex SHA-256 of its content
 * @param size      its size in bytes
 */
public record Artifact(String localPath, String sha256, long size) {

    public Artifact {
        Objects.requireNonNull(localPath, "localPath");
        Objects.requireNonNull(sha256, "sha256");
    }
}
