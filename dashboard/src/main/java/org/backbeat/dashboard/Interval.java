package org.backbeat.dashboard;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
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

    /** The start of the bucket {@code t} falls in. */
    public Instant floor(Instant t) {
        return switch (this) {
            case HOUR -> t.truncatedTo(ChronoUnit.HOURS);
            case DAY -> t.truncatedTo(ChronoUnit.DAYS);
            case WEEK -> t.atZone(ZoneOffset.UTC).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                    .atStartOfDay(ZoneOffset.UTC).toInstant();
        };
    }

    /** The start of the bucket {@code steps} after (negative: before) the one starting at {@code start}. */
    public Instant plus(Instant start, long steps) {
        return switch (this) {
            case HOUR -> start.plus(steps, ChronoUnit.HOURS);
            case DAY -> start.plus(steps, ChronoUnit.DAYS);
            case WEEK -> start.plus(7 * steps, ChronoUnit.DAYS);
        };
    }

    public static Optional<Interval> parse(String value) {
        return Arrays.stream(values()).filter(i -> i.id().equalsIgnoreCase(value == null ? "" : value.strip())).findFirst();
    }

    /** "hour, day, week", for error messages. */
    public static String choices() {
        return Arrays.stream(values()).map(Interval::id).collect(Collectors.joining(", "));
    }
}
