package org.flinkop.archfixture.domain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Violation: a decision reads a file. */
public final class FileReadingPolicy {
    public static String decide(Path path) throws IOException {
        return Files.readString(path);
    }
}
