package org.flinkop.runtime.embedded.yaml;

import io.vavr.control.Either;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * YAML text to and from document trees. Reading keeps every document of a file, refuses duplicate keys, and
 * turns a syntax error into a value naming the file, line and column.
 */
public final class Yaml {

    private static final ObjectMapper MAPPER = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            // a file is a stream of documents, read one at a time
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            // a string that looks like a number, boolean or null must stay a string when read back
            .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLWriteFeature.SPLIT_LINES)
            .build();

    private Yaml() {
    }

    /** Every non-empty document in {@code file}, or the first syntax error in it. */
    public static Either<YamlSyntaxError, List<YamlDocument>> read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return read(file, text);
    }

    public static Either<YamlSyntaxError, List<YamlDocument>> read(Path source, String text) {
        List<YamlDocument> documents = new ArrayList<>();
        try (JsonParser parser = MAPPER.createParser(text)) {
            int index = 0;
            while (parser.nextToken() != null) {
                index++;
                int line = parser.currentTokenLocation().getLineNr();
                Object tree = parser.currentToken() == JsonToken.VALUE_NULL ? null : MAPPER.readValue(parser, Object.class);
                if (tree != null) {
                    documents.add(new YamlDocument(source, index, line, tree));
                }
            }
        } catch (JacksonException e) {
            return Either.left(syntaxError(source, e));
        }
        return Either.right(documents);
    }

    /** Where the YAML parser found the problem (not where the construct it was reading began), and why. */
    private static YamlSyntaxError syntaxError(Path source, JacksonException e) {
        if (e.getCause() instanceof MarkedYamlEngineException yaml && yaml.getProblemMark().isPresent()) {
            Mark mark = yaml.getProblemMark().get();
            String context = yaml.getContext() == null ? "" : yaml.getContext()
                    + yaml.getContextMark().map(m -> " started at line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1)).orElse("") + "; ";
            return new YamlSyntaxError(source, mark.getLine() + 1, mark.getColumn() + 1, context + yaml.getProblem());
        }
        TokenStreamLocation at = e.getLocation();
        int line = at == null ? 0 : at.getLineNr();
        int column = at == null ? 0 : at.getColumnNr();
        return new YamlSyntaxError(source, line, column, reason(e.getOriginalMessage()));
    }

    /**
     * The parser's explanation without its excerpt of the file: the lines that start in the first column
     * ("while parsing a flow sequence", "expected ',' or ']', but got <stream end>"), joined.
     */
    private static String reason(String message) {
        if (message == null) {
            return "invalid YAML";
        }
        String joined = String.join("; ", message.lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0))).toList());
        return joined.isEmpty() ? message.strip() : joined;
    }

    /** The tree as YAML, keys in the tree's order. */
    public static String write(Map<String, ?> tree) {
        return MAPPER.writeValueAsString(tree);
    }
}
