package org.backbeat.dashboard.reports;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.backbeat.dashboard.TimeRange;

/**
 * The period a scheduled report covers, relative to the day it runs for, in the report's time zone: whole days
 * that have ended, never the day under way. {@code last N days} (the N days before the run's day),
 * {@code yesterday}, {@code previous week} (Monday to Sunday) and {@code previous month}. Written with spaces
 * or dashes ({@code last-7-days}).
 */
public record RelativePeriod(Unit unit, int days) {

    public enum Unit { DAYS, WEEK, MONTH }

    static final int MAX_DAYS = 366;
    private static final Pattern LAST_DAYS = Pattern.compile("last[ -](\\d{1,3})[ -]days?");

    public static RelativePeriod parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        Matcher m = LAST_DAYS.matcher(t);
        if (m.matches()) {
            int n = Integer.parseInt(m.group(1));
            if (n >= 1 && n <= MAX_DAYS) {
                return new RelativePeriod(Unit.DAYS, n);
            }
        }
        return switch (t.replace('-', ' ')) {
            case "yesterday" -> new RelativePeriod(Unit.DAYS, 1);
            case "previous week", "last week" -> new RelativePeriod(Unit.WEEK, 7);
            case "previous month", "last month" -> new RelativePeriod(Unit.MONTH, 0);
            default -> throw new IllegalArgumentException("period must be 'last N days' (N from 1 to " + MAX_DAYS
                    + "), 'yesterday', 'previous week' or 'previous month', was '" + text + "'");
        };
    }

    /** The range covered by a run for {@code day} (the day the run is scheduled on) in {@code zone}. */
    public TimeRange range(LocalDate day, ZoneId zone) {
        LocalDate from;
        LocalDate to;
        switch (unit) {
            case DAYS -> {
                to = day;
                from = day.minusDays(days);
            }
            case WEEK -> {
                to = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                from = to.minusWeeks(1);
            }
            default -> {
                to = day.withDayOfMonth(1);
                from = to.minusMonths(1);
            }
        }
        return new TimeRange(start(from, zone), start(to, zone));
    }

    private static Instant start(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant();
    }

    @Override
    public String toString() {
        return switch (unit) {
            case DAYS -> days == 1 ? "yesterday" : "last " + days + " days";
            case WEEK -> "previous week";
            case MONTH -> "previous month";
        };
    }
}
