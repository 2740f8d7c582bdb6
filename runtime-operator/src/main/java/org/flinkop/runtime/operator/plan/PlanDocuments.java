package org.flinkop.runtime.operator.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The documents a plan is asked for: every YAML document of a file, or of every {@code .yaml} and {@code .yml}
 * file of a folder by name, as {@code flinkctl} reads them; a file that is not YAML is named with its line and
 * column.
 */
record PlanDocuments(List<Document> documents, List<String> syntaxErrors) {

    /** One document: where it comes from ({@code file} or {@code file (document 2, line 14)}) and its tree. */
    record Document(String source, Object tree) {
    }

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // the number types flinkctl's own reader gives, so that a document means the same to both
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static PlanDocuments read(Path path) {
        List<Document> documents = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Path file : files(path)) {
            try (JsonParser parser = YAML.createParser(Files.readString(file))) {
                int index = 0;
                while (parser.nextToken() != null) {
                    index++;
                    int line = parser.currentTokenLocation().getLineNr();
                    Object tree = parser.currentToken() == JsonToken.VALUE_NULL ? null : YAML.readValue(parser, Object.class);
                    if (tree != null) {
                        documents.add(new Document(index == 1 && line <= 2 ? file.toString() : file + " (document " + index + ", line " + line + ")", tree));
                    }
                }
            } catch (JacksonException e) {
                errors.add(file + syntaxError(e));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return new PlanDocuments(documents, errors);
    }

    private static List<Path> files(Path path) {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> entries = Files.list(path)) {
            return entries.filter(p -> Files.isRegularFile(p) && (p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path, e);
        }
    }

    /** {@code :line:column: problem}, where the parser found the problem. */
    private static String syntaxError(JacksonException e) {
        if (e.getCause() instanceof MarkedYamlEngineException yaml && yaml.getProblemMark().isPresent()) {
            var mark = yaml.getProblemMark().get();
            return ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1) + ": " + yaml.getProblem();
        }
        var at = e.getLocation();
        return (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr()) + ": " + e.getOriginalMessage();
    }
}
