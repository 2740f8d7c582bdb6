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
 * What the keyed-state test job printed in one cluster's TaskManager output: the highest count per key, the count
 * each key came back with when the job restored state, and (where an old and a new job print to the same files, on
 * a session cluster with one TaskManager) the highest count printed before that restore.
 */
record KeyedCounts(Map<String, Long> highest, Map<String, Long> restored, Map<String, Long> highestBeforeRestore) {

    private static final Pattern COUNT = Pattern.compile("keyed-count key=(\\S+) count=(\\d+)");
    private static final Pattern RESTORED = Pattern.compile("keyed-count restored key=(\\S+) count=(\\d+)");

    /** Reads every {@code taskmanager-*.out} file in {@code logDirectory}. */
    static KeyedCounts read(Path logDirectory) {
        return read(logDirectory, "");
    }

    /** Reads the counts of keys starting with {@code keyPrefix} (one job's, where several share a cluster). */
    static KeyedCounts read(Path logDirectory, String keyPrefix) {
        Map<String, Long> highest = new TreeMap<>();
        Map<String, Long> restored = new TreeMap<>();
        Map<String, Long> beforeRestore = new TreeMap<>();
        try (Stream<Path> files = Files.list(logDirectory)) {
            for (Path out : files.filter(f -> f.getFileName().toString().startsWith("taskmanager-") && f.toString().endsWith(".out")).toList()) {
                for (String line : Files.readAllLines(out)) {
                    Matcher count = COUNT.matcher(line);
                    if (count.find() && count.group(1).startsWith(keyPrefix)) {
                        highest.merge(count.group(1), Long.parseLong(count.group(2)), Math::max);
                    }
                    Matcher back = RESTORED.matcher(line);
                    if (back.find() && back.group(1).startsWith(keyPrefix)) {
                        restored.put(back.group(1), Long.parseLong(back.group(2)));
                        // the lines of one TaskManager are in time order: what the key had counted up to here
                        beforeRestore.putIfAbsent(back.group(1), highest.getOrDefault(back.group(1), 0L));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new KeyedCounts(highest, restored, beforeRestore);
    }

    /** Whether every key has counted at least {@code count}. */
    boolean everyKeyReached(int keys, long count) {
        return highest.size() == keys && highest.values().stream().allMatch(c -> c >= count);
    }
}
