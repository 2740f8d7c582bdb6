package org.flinkop.runtime.embedded.cli;

import io.vavr.control.Either;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flinkop.runtime.embedded.yaml.ResourceFiles;
import org.flinkop.runtime.embedded.yaml.Yaml;
import org.flinkop.runtime.embedded.yaml.YamlDocument;
import org.flinkop.runtime.embedded.yaml.YamlSyntaxError;

/** The YAML documents of a file or a folder, or the syntax errors that stop them from being read. */
record Documents(List<YamlDocument> documents, List<YamlSyntaxError> syntaxErrors) {

    static Documents read(Path path) {
        List<YamlDocument> documents = new ArrayList<>();
        List<YamlSyntaxError> errors = new ArrayList<>();
        for (Path file : ResourceFiles.files(path)) {
            Either<YamlSyntaxError, List<YamlDocument>> read = Yaml.read(file);
            if (read.isLeft()) {
                errors.add(read.getLeft());
            } else {
                documents.addAll(read.get());
            }
        }
        return new Documents(documents, errors);
    }

    /** Prints every syntax error as file:line:column and says whether there was none. */
    boolean reportSyntax(PrintStream err) {
        syntaxErrors.forEach(e -> err.println(e.describe()));
        return syntaxErrors.isEmpty();
    }
}
