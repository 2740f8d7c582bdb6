package org.flinkop.runtime.embedded.store;

import io.vavr.control.Option;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out resourceVersions that only grow, also across restarts, without a disk write of their own per change.
 *
 * <p>Every version handed out and acted on is stored somewhere: in the resource file it was written with, or, for
 * a resource since removed, in the version file, written before the resource file goes. On start the counter
 * resumes after the largest of them. A version taken by a write that then failed was never seen, so handing it
 * out again after a restart is harmless.
 */
final class ResourceVersions {

    private final AtomicLong last;
    private final Path file;
    private final DurableFiles files;
    private long persisted;

    /**
     * @param last      the largest version found in the resource files and the version file
     * @param persisted the version the version file holds
     */
    ResourceVersions(long last, long persisted, Path file, DurableFiles files) {
        this.last = new AtomicLong(Math.max(last, persisted));
        this.persisted = persisted;
        this.file = file;
        this.files = files;
    }

    /** A resourceVersion as this store writes it: a positive whole number; none for anything else. */
    static Option<Long> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Option.none();
        }
        long value = Long.parseLong(text);
        return value > 0 ? Option.of(value) : Option.none();
    }

    /**
     * A version above every version handed out so far and above {@code current}, the version the resource has
     * now, so that each resource's version grows even if its file was put back by hand from a later store.
     */
    String next(String current) {
        long floor = parse(current).getOrElse(0L);
        return Long.toString(last.accumulateAndGet(floor, (previous, atLeast) -> Math.max(previous, atLeast) + 1));
    }

    long last() {
        return last.get();
    }

    /** Records {@code version} on disk before the resource that last carried it is removed. */
    synchronized void persist(String version) throws IOException {
        long value = parse(version).getOrElse(0L);
        if (value > persisted) {
            files.write(file, (value + "\n").getBytes(StandardCharsets.US_ASCII));
            persisted = value;
        }
    }
}
