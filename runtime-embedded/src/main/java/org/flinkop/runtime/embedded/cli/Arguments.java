package org.flinkop.runtime.embedded.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A command's arguments: options with a value ({@code -f FILE}, {@code --output=yaml}), flags ({@code --wait})
 * and the positional rest. Unknown options are usage errors, reported with what the command accepts.
 */
final class Arguments {

    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new java.util.HashSet<>();
    private final List<String> positional = new ArrayList<>();

    private Arguments() {
    }

    /**
     * @param withValue options that take a value, each with its aliases mapped to one name ({@code -f} to {@code file})
     * @param flagNames flags, with aliases mapped likewise
     */
    static Arguments parse(List<String> args, Map<String, String> withValue, Map<String, String> flagNames) throws UsageException {
        Arguments parsed = new Arguments();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String inline = null;
            if (arg.startsWith("--") && arg.contains("=")) {
                name = arg.substring(0, arg.indexOf('='));
                inline = arg.substring(arg.indexOf('=') + 1);
            }
            if (withValue.containsKey(name)) {
                if (inline == null && i + 1 >= args.size()) {
                    throw new UsageException(name + " needs a value");
                }
                parsed.values.put(withValue.get(name), inline != null ? inline : args.get(++i));
            } else if (flagNames.containsKey(name) && inline == null) {
                parsed.flags.add(flagNames.get(name));
            } else if (arg.startsWith("-") && arg.length() > 1) {
                throw new UsageException("unknown option " + arg);
            } else {
                parsed.positional.add(arg);
            }
        }
        return parsed;
    }

    Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    List<String> positional() {
        return positional;
    }

    /** A usage error: the message says what was wrong; the caller prints the command's usage. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }
}
