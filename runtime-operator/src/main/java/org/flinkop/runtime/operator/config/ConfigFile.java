package org.flinkop.runtime.operator.config;

import io.vavr.control.Either;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads the operator's configuration file: Java properties ({@code .properties}) or YAML ({@code .yaml},
 * {@code .yml}). YAML may nest keys ({@code kubernetes: {operator: {reconcile.interval: 30 s}}}); nested keys are
 * joined with dots, as Flink reads its own YAML configuration, and a list becomes its items joined by commas.
 * Every problem is a message naming the file (and, for YAML syntax, the line and column).
 */
public final class ConfigFile {

    private static final ObjectMapper YAML = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private ConfigFile() {
    }

    public static Either<String, Map<String, String>> read(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".properties") && !name.endsWith(".yaml") && !name.endsWith(".yml")) {
            return Either.left("--config " + file + ": the file name must end with .properties, .yaml or .yml");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Either.left("--config " + file + ": cannot read the file (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        return name.endsWith(".properties") ? properties(file, text) : yaml(file, text);
    }

    public static Either<String, Map<String, String>> properties(Path file, String text) {
        Properties properties = new Properties();
        try (Reader reader = new java.io.StringReader(text)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            return Either.left(file + ": not a properties file (" + e.getMessage() + ")");
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted().forEach(key -> values.put(key.trim(), properties.getProperty(key).trim()));
        return Either.right(values);
    }

    public static Either<String, Map<String, String>> yaml(Path file, String text) {
        Object tree;
        try {
            tree = empty(text) ? Map.of() : YAML.readValue(text, Object.class);
        } catch (JacksonException e) {
            return Either.left(file + syntaxError(e));
        }
        if (tree == null) {
            return Either.right(Map.of());
        }
        if (!(tree instanceof Map<?, ?> top)) {
            return Either.left(file + ": the YAML must be a mapping of keys to values, such as 'kubernetes.operator.reconcile.interval: 60 s'");
        }
        Map<String, String> values = new LinkedHashMap<>();
        flatten("", top, values);
        return Either.right(values);
    }

    /** Whether the YAML holds no document at all (nothing, or only comments). */
    private static boolean empty(String text) {
        try (var parser = YAML.createParser(text)) {
            return parser.nextToken() == null;
        }
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, String> into) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = prefix + String.valueOf(entry.getKey()).trim();
            Object value = entry.getValue();
            if (value instanceof Map<?, ?> nested) {
                flatten(key + ".", nested, into);
            } else if (value instanceof List<?> list) {
                into.put(key, list.stream().map(String::valueOf).map(String::trim).collect(Collectors.joining(",")));
            } else {
                into.put(key, value == null ? "" : String.valueOf(value).trim());
            }
        }
    }

    private static String syntaxError(JacksonException e) {
        if (e.getCause() instanceof MarkedYamlEngineException yaml && yaml.getProblemMark().isPresent()) {
            var mark = yaml.getProblemMark().get();
            return ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1) + ": " + yaml.getProblem();
        }
        var location = e.getLocation();
        String where = location == null ? "" : ":" + location.getLineNr() + ":" + location.getColumnNr();
        return where + ": " + e.getOriginalMessage();
    }
}
