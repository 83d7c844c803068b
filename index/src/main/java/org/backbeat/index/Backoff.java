package org.backbeat.index;

import java.time.Duration;

/**
 * A wait between retries that doubles after each failure, up to a ceiling, and starts over after a success.
 * Mutable and not thread-safe: one per retry loop.
 */
final class Backoff {

    private final Duration initial;
    private final Duration max;
    private Duration current;

    Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
        this.current = initial;
    }

    /** How long to wait before the next retry. */
    Duration current() {
        return current;
    }

    /** After a failure: the next wait is twice as long, but never longer than the ceiling. */
    void grow() {
        Duration doubled = current.multipliedBy(2);
        current = doubled.compareTo(max) > 0 ? max : doubled;
    }

    /** After a success: back to the first wait. */
    void reset() {
        current = initial;
    }
}
