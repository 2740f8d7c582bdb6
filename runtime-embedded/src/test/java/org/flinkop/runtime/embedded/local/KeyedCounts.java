package org.flinkop.runtime.embedded.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the keyed-state test job printed in one cluster's TaskManager output: the highest count per key, and the
 * count each key came back with when the job restored state.
 */
record KeyedCounts(Map<String, Long> highest, Map<String, Long> restored) {

    private static final Pattern COUNT = Pattern.compile("keyed-count key=(\\S+) count=(\\d+)");
    private static final Pattern RESTORED = Pattern.compile("keyed-count restored key=(\\S+) count=(\\d+)");

    /** Reads every {@code taskmanager-*.out} file in {@code logDirectory}. */
    static KeyedCounts read(Path logDirectory) {
        Map<String, Long> highest = new TreeMap<>();
        Map<String, Long> restored = new TreeMap<>();
        try (Stream<Path> files = Files.list(logDirectory)) {
            for (Path out : files.filter(f -> f.getFileName().toString().startsWith("taskmanager-") && f.toString().endsWith(".out")).toList()) {
                for (String line : Files.readAllLines(out)) {
                    Matcher count = COUNT.matcher(line);
                    if (count.find()) {
                        highest.merge(count.group(1), Long.parseLong(count.group(2)), Math::max);
                    }
                    Matcher back = RESTORED.matcher(line);
                    if (back.find()) {
                        restored.put(back.group(1), Long.parseLong(back.group(2)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new KeyedCounts(highest, restored);
    }

    /** Whether every key has counted at least {@code count}. */
    boolean everyKeyReached(int keys, long count) {
        return highest.size() == keys && highest.values().stream().allMatch(c -> c >= count);
    }
}
