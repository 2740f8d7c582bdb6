package org.flinkop.testkit.kubelet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Flink configuration file as the operator writes it, one {@code key: value} per line (Flink 1.x's
 * {@code flink-conf.yaml} or 2.x's flattened {@code config.yaml}), read and rewritten line by line so that whatever
 * the kubelet does not change stays exactly as written.
 */
final class FlinkConfText {

    private final List<String> lines;

    FlinkConfText(String text) {
        this.lines = new ArrayList<>(text.lines().toList());
    }

    /** Every key and its value as written (a quoted {@code config.yaml} scalar unquoted). */
    Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : lines) {
            int colon = separator(line);
            if (colon > 0) {
                values.put(unquote(line.substring(0, colon)), unquote(line.substring(colon + 2)));
            }
        }
        return values;
    }

    /** Sets {@code key} to a plain value (one YAML reads back unchanged): on its own line when there is one, else at the end. */
    void set(String key, String value) {
        String rendered = key + ": " + value;
        for (int i = 0; i < lines.size(); i++) {
            int colon = separator(lines.get(i));
            if (colon > 0 && unquote(lines.get(i).substring(0, colon)).equals(key)) {
                lines.set(i, rendered);
                return;
            }
        }
        lines.add(rendered);
    }

    /** Replaces {@code from} by {@code to} in every value (paths of the image made host paths). */
    void replaceInValues(String from, String to) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int colon = separator(line);
            if (colon > 0 && line.indexOf(from, colon) > 0) {
                lines.set(i, line.substring(0, colon + 2) + line.substring(colon + 2).replace(from, to));
            }
        }
    }

    String text() {
        return String.join("\n", lines) + "\n";
    }

    private static int separator(String line) {
        if (line.startsWith("#")) {
            return -1;
        }
        if (line.startsWith("\"")) {
            int end = line.indexOf("\": ", 1);
            return end < 0 ? -1 : end + 1;
        }
        return line.indexOf(": ");
    }

    private static String unquote(String text) {
        String trimmed = text.trim();
        if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
            return trimmed.substring(1, trimmed.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return trimmed;
    }
}
