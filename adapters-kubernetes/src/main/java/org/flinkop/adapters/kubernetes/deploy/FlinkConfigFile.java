package org.flinkop.adapters.kubernetes.deploy;

import io.vavr.control.Either;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.flinkop.ports.PortFailure;

/**
 * Writes a Flink configuration as the file the cluster reads, one key per line: Flink 1.x's
 * {@code flink-conf.yaml} ({@code key: value}, lists joined by {@code ;} with Flink's quoting) or Flink 2.x's
 * {@code config.yaml} (standard YAML with flattened keys, lists as flow sequences, values quoted where YAML would
 * read them differently). Also reads and edits single values of a file written here, for in-place rescaling.
 */
final class FlinkConfigFile {

    /** What YAML reads back as the same plain string: no indicator first, no {@code ": "} or {@code " #"} inside. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./$(+=][A-Za-z0-9_./$()+=:;,@%*~ -]*");

    private static final java.util.Set<String> NULLS = java.util.Set.of("null", "Null", "NULL");

    private FlinkConfigFile() {
    }

    /** The file's text; a legacy file cannot hold a value over several lines. */
    static Either<PortFailure, String> render(Map<String, Object> configuration, boolean standardYaml) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, Object> entry : configuration.entrySet()) {
            String key = entry.getKey();
            if (!standardYaml && (key.contains("\n") || entry.getValue().toString().contains("\n"))) {
                return Rejections.reject("spec.flinkConfiguration." + key, "spans several lines, which flink-conf.yaml cannot hold",
                        "a single-line value, or flinkVersion v2_0 or later (config.yaml)");
            }
            text.append(standardYaml ? yamlScalar(key) : key).append(": ").append(value(entry.getValue(), standardYaml)).append('\n');
        }
        return Either.right(text.toString());
    }

    /** The values of a file written by {@link #render}, as text ({@code config.yaml} scalars unquoted). */
    static Map<String, String> read(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int colon = separator(line);
            if (colon > 0) {
                values.put(unquote(line.substring(0, colon)), unquote(line.substring(colon + 2)));
            }
        }
        return values;
    }

    /** {@code text} with {@code key} set to a plain {@code value}: replaced on its line, or added at the end. */
    static String withValue(String text, String key, String value, boolean standardYaml) {
        String rendered = (standardYaml ? yamlScalar(key) : key) + ": " + (standardYaml ? yamlScalar(value) : value);
        StringBuilder out = new StringBuilder();
        boolean replaced = false;
        for (String line : text.split("\n")) {
            int colon = separator(line);
            if (colon > 0 && unquote(line.substring(0, colon)).equals(key)) {
                out.append(rendered).append('\n');
                replaced = true;
            } else if (!line.isEmpty()) {
                out.append(line).append('\n');
            }
        }
        if (!replaced) {
            out.append(rendered).append('\n');
        }
        return out.toString();
    }

    private static String value(Object value, boolean standardYaml) {
        if (value instanceof List<?> list) {
            return standardYaml
                    ? list.stream().map(v -> yamlScalar(v.toString())).collect(Collectors.joining(", ", "[", "]"))
                    : list.stream().map(v -> legacyListElement(v.toString())).collect(Collectors.joining(";"));
        }
        return standardYaml ? yamlScalar(value.toString()) : value.toString();
    }

    static String yamlScalar(String text) {
        if (PLAIN.matcher(text).matches() && !NULLS.contains(text) && !text.contains(": ") && !text.contains(" #") && !text.endsWith(":") && !text.endsWith(" ")) {
            return text;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                case '\r' -> quoted.append("\\r");
                default -> quoted.append(ch);
            }
        }
        return quoted.append('"').toString();
    }

    /** Flink's list syntax: an element holding {@code ;} or a quote is quoted, its quotes doubled. */
    private static String legacyListElement(String element) {
        return element.contains(";") || element.contains("\"") || element.contains("'") ? "\"" + element.replace("\"", "\"\"") + "\"" : element;
    }

    /** Where a line's key ends: the first {@code ": "} outside a quoted key. */
    private static int separator(String line) {
        if (line.startsWith("\"")) {
            int end = line.indexOf("\": ", 1);
            return end < 0 ? -1 : end + 1;
        }
        return line.indexOf(": ");
    }

    private static String unquote(String text) {
        String trimmed = text.trim();
        if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
            return trimmed.substring(1, trimmed.length() - 1).replace("\\\"", "\"").replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\");
        }
        return trimmed;
    }
}
