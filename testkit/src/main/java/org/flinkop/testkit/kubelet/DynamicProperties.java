package org.flinkop.testkit.kubelet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Flink dynamic properties among a container's arguments, {@code -Dkey=value} or {@code -D key=value}, as
 * Flink's entry classes read them (they override the configuration file). Flink writes both forms into the
 * TaskManager pods it creates: its configuration as {@code -Dkey=value}, the memory sizes as {@code -D key=value}.
 * The other arguments are kept as they are.
 */
final class DynamicProperties {

    private final List<String> args;

    DynamicProperties(List<String> args) {
        this.args = List.copyOf(args);
    }

    /** Every property, the last one winning where a key is given twice (as Flink reads them). */
    Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String property = property(i);
            if (property != null && property.indexOf('=') > 0) {
                values.put(property.substring(0, property.indexOf('=')), property.substring(property.indexOf('=') + 1));
            }
            if ("-D".equals(args.get(i))) {
                i++;
            }
        }
        return values;
    }

    /** The arguments with each property's value replaced by its value in {@code values}, in the form and place it had. */
    List<String> with(Map<String, String> values) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String property = property(i);
            boolean separate = "-D".equals(args.get(i));
            if (property == null || property.indexOf('=') <= 0) {
                out.add(args.get(i));
                if (separate && i + 1 < args.size()) {
                    out.add(args.get(++i));
                }
                continue;
            }
            String key = property.substring(0, property.indexOf('='));
            String value = values.getOrDefault(key, property.substring(property.indexOf('=') + 1));
            if (separate) {
                out.add("-D");
                out.add(key + "=" + value);
                i++;
            } else {
                out.add("-D" + key + "=" + value);
            }
        }
        return out;
    }

    /** The {@code key=value} of the property starting at argument {@code i}, or null when none starts there. */
    private String property(int i) {
        String arg = args.get(i);
        if ("-D".equals(arg)) {
            return i + 1 < args.size() ? args.get(i + 1) : null;
        }
        return arg.startsWith("-D") ? arg.substring(2) : null;
    }
}
