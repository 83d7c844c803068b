package org.backbeat.app;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes what a composition root started, in reverse order, once, even when start-up failed half way.
 * A failure to close one part is logged and the others are still closed.
 */
final class Closer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Closer.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    synchronized <T extends AutoCloseable> T register(T resource) {
        started.push(resource);
        return resource;
    }

    /**
     * Runs a start-up sequence that registers what it starts here; if it fails in any way, closes what was
     * registered so far, so nothing is left running, and rethrows.
     */
    <T> T startOrClose(java.util.function.Supplier<T> startUp) {
        try {
            return startUp.get();
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            AutoCloseable resource = started.pop();
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("Could not close {}: {}", resource.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
