package org.backbeat.ingest.source;

import java.time.Duration;

/** Waits: {@link #REAL} sleeps; tests pass one that records the wait and returns at once. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = duration -> {
        if (!duration.isNegative() && !duration.isZero()) {
            Thread.sleep(duration.toMillis());
        }
    };

    void sleep(Duration duration) throws InterruptedException;
}
