package org.flinkop.runtime.embedded.yaml;

import java.nio.file.Path;

/**
 * One YAML document of a file, parsed into a document tree (maps, lists, scalars).
 *
 * @param source the file, or a name such as {@code <stdin>}
 * @param index  the document's position in the file, from 1
 * @param line   the line the document starts on, from 1
 * @param tree   the parsed content
 */
public record YamlDocument(Path source, int index, int line, Object tree) {

    /** {@code examples/basic.yaml} or {@code all.yaml (document 2, line 14)}. */
    public String describe() {
        return index == 1 && line <= 2 ? source.toString() : source + " (document " + index + ", line " + line + ")";
    }
}
