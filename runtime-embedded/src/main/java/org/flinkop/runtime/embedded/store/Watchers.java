package org.flinkop.runtime.embedded.store;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.ports.store.ResourceStore.ChangeListener;

/**
 * Tells listeners of changes on one thread of the store's own, in the order the changes were made, so that a
 * writer never waits for a listener and a slow listener delays only other notifications.
 */
final class Watchers implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Watchers.class.getName());

    private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService thread;

    Watchers(String storeName) {
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "flinkop-store-watch " + storeName);
            t.setDaemon(true);
            return t;
        });
    }

    AutoCloseable add(ChangeListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Queues a notification of {@code key} to every listener; returns at once. */
    void changed(ResourceKey key) {
        if (listeners.isEmpty()) {
            return;
        }
        try {
            thread.execute(() -> notifyAll(key));
        } catch (RejectedExecutionException e) {
            // closed: nobody is listening any more
        }
    }

    private void notifyAll(ResourceKey key) {
        for (ChangeListener listener : listeners) {
            try {
                listener.changed(key);
            } catch (RuntimeException e) {
                // one listener's failure must not keep the others, or later changes, from being told
                LOG.log(System.Logger.Level.WARNING, "a store listener failed on " + key, e);
            }
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
