package org.backbeat.dashboard;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Bucket width of a time series; calendar-aligned in UTC (weeks start on Monday). */
public enum Interval {
    HOUR, DAY, WEEK;

    /** The name used in URLs and JSON: {@code hour}, {@code day}, {@code week}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Interval> parse(String value) {
        return Arrays.stream(values()).filter(i -> i.id().equalsIgnoreCase(value == null ? "" : value.strip())).findFirst();
    }

    /** "hour, day, week", for error messages. */
    public static String choices() {
        return Arrays.stream(values()).map(Interval::id).collect(Collectors.joining(", "));
    }
}
