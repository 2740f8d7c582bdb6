package org.flinkop.runtime.embedded.yaml;

import java.nio.file.Path;

/** A file that is not YAML: where (file, line and column, from 1) and what the parser said. */
public record YamlSyntaxError(Path source, int line, int column, String message) {

    /** {@code examples/bad.yaml:3:7: mapping values are not allowed here}. */
    public String describe() {
        return source + ":" + line + ":" + column + ": " + message;
    }
}
