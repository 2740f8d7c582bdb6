package org.flinkop.runtime.embedded.api;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.flinkop.ports.store.ResourceStore;
import org.flinkop.runtime.embedded.store.FileResourceStore;

/** The embedded runtime's default store: durable files under the work directory. */
final class Stores {

    private Stores() {
    }

    /**
     * Opens (and recovers) the durable store in {@code directory}, registering it to be closed with the operator.
     * A store another process holds, or one that cannot be opened, stops the start with the store's own message;
     * files it could not read are reported on standard error and the rest is served.
     */
    static ResourceStore durable(Path directory, Clock clock, List<AutoCloseable> toClose) {
        FileResourceStore store = FileResourceStore.open(directory, clock)
                .getOrElseThrow(failure -> new IllegalStateException("cannot open the store in " + directory + ": " + failure.message()));
        toClose.add(store);
        if (!store.recovery().isClean()) {
            store.recovery().describe().forEach(line -> System.err.println("store recovery: " + line));
        }
        return store;
    }
}
