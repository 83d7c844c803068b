package org.backbeat.dashboard;

import java.time.Instant;

/**
 * A half-open range of publication times, {@code [from, to)}; either end may be null (unbounded).
 */
public record TimeRange(Instant from, Instant to) {

    public static final TimeRange ALL = new TimeRange(null, null);

    public TimeRange {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("from (" + from + ") must be before to (" + to + ")");
        }
    }

    public boolean isBounded() {
        return from != null || to != null;
    }
}
