package org.flinkop.runtime.operator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the keyed-state test job ({@code KeyedCountJob} of runtime-embedded's test fixtures) printed to the console
 * of some TaskManager containers: the highest count per key, the count each key came back with when the job
 * restored state, and (where an old and a new job print to the same file, on a session cluster with one
 * TaskManager) the highest count printed before that restore, and every count a key came back with, in the order
 * of the lines (of one TaskManager, where a job restarted in it), and the last count printed per key (of one
 * TaskManager: where the job restarted from a checkpoint, what it counts now, not what the attempt before counted).
 */
record KeyedCountLines(Map<String, Long> highest, Map<String, Long> restored, Map<String, Long> highestBeforeRestore,
        Map<String, List<Long>> everyRestore, Map<String, Long> latest) {

    private static final Pattern COUNT = Pattern.compile("keyed-count key=(\\S+) count=(\\d+)");
    private static final Pattern RESTORED = Pattern.compile("keyed-count restored key=(\\S+) count=(\\d+)");

    /** Reads the console files, keeping the keys that start with {@code keyPrefix}. */
    static KeyedCountLines read(Collection<Path> consoleFiles, String keyPrefix) {
        Map<String, Long> highest = new TreeMap<>();
        Map<String, Long> restored = new TreeMap<>();
        Map<String, Long> beforeRestore = new TreeMap<>();
        Map<String, List<Long>> everyRestore = new TreeMap<>();
        Map<String, Long> latest = new TreeMap<>();
        for (Path out : consoleFiles) {
            if (!Files.exists(out)) {
                continue;
            }
            try {
                for (String line : Files.readAllLines(out)) {
                    Matcher count = COUNT.matcher(line);
                    if (count.find() && count.group(1).startsWith(keyPrefix)) {
                        highest.merge(count.group(1), Long.parseLong(count.group(2)), Math::max);
                        latest.put(count.group(1), Long.parseLong(count.group(2)));
                    }
                    Matcher back = RESTORED.matcher(line);
                    if (back.find() && back.group(1).startsWith(keyPrefix)) {
                        restored.put(back.group(1), Long.parseLong(back.group(2)));
                        everyRestore.computeIfAbsent(back.group(1), k -> new ArrayList<>()).add(Long.parseLong(back.group(2)));
                        // the lines of one TaskManager are in time order: what the key had counted up to here
                        beforeRestore.putIfAbsent(back.group(1), highest.getOrDefault(back.group(1), 0L));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new KeyedCountLines(highest, restored, beforeRestore, everyRestore, latest);
    }

    boolean everyKeyReached(int keys, long count) {
        return highest.size() == keys && highest.values().stream().allMatch(c -> c >= count);
    }
}
