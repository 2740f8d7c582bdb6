package org.flinkop.runtime.operator.metrics;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes metrics in the Prometheus text exposition format (version 0.0.4): per family a {@code # HELP} and a
 * {@code # TYPE} line, then one line per sample, {@code name{label="value",...} value}. Label values and help
 * texts are escaped as the format requires; names are checked, since a bad one would make the whole scrape fail.
 * Not thread-safe: one instance per scrape.
 */
public final class PrometheusText {

    /** The Content-Type of this format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    public enum Type {
        COUNTER, GAUGE, HISTOGRAM;

        String spelling() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final StringBuilder text = new StringBuilder(4096);

    /** Starts a family: its help and type lines. */
    public PrometheusText family(String name, Type type, String help) {
        requireName(name);
        text.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
        text.append("# TYPE ").append(name).append(' ').append(type.spelling()).append('\n');
        return this;
    }

    /** One sample; {@code labels} in the order given. */
    public PrometheusText sample(String name, Map<String, String> labels, double value) {
        requireName(name);
        text.append(name);
        if (!labels.isEmpty()) {
            text.append('{');
            boolean first = true;
            for (Map.Entry<String, String> label : labels.entrySet()) {
                if (!LABEL_NAME.matcher(label.getKey()).matches() || label.getKey().startsWith("__")) {
                    throw new IllegalArgumentException("label name: '" + label.getKey() + "' (allowed: letters, digits and _, not starting with a digit or __)");
                }
                if (!first) {
                    text.append(',');
                }
                first = false;
                text.append(label.getKey()).append("=\"").append(escapeLabelValue(label.getValue())).append('"');
            }
            text.append('}');
        }
        text.append(' ').append(number(value)).append('\n');
        return this;
    }

    public PrometheusText sample(String name, double value) {
        return sample(name, Map.of(), value);
    }

    @Override
    public String toString() {
        return text.toString();
    }

    static String escapeLabelValue(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** Whole numbers without a fraction, others as Java writes doubles (which Prometheus parses), and the special values as the format spells them. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    private static void requireName(String name) {
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("metric name: '" + name + "' (allowed: letters, digits, _ and :, not starting with a digit)");
        }
    }
}
