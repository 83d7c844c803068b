package org.backbeat.dashboard.reports;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * When a report runs: every day, or every week on {@code day}, at {@code time} in {@code zone} (a local time
 * that a daylight-saving change skips runs at the same wall-clock offset after it, as {@link ZonedDateTime} does).
 *
 * @param every {@code day} or {@code week}
 * @param day   for weekly reports: {@code monday} ... {@code sunday}; ignored for daily ones
 * @param time  {@code HH:mm}
 * @param zone  an IANA zone id, e.g. {@code Europe/London}
 */
public record Schedule(String every, String day, String time, String zone) {

    /** What is wrong with it, one message per problem; empty when it is valid. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!"day".equals(every) && !"week".equals(every)) {
            problems.add("schedule.every must be 'day' or 'week'");
        }
        if ("week".equals(every)) {
            try {
                dayOfWeek();
            } catch (RuntimeException e) {
                problems.add("schedule.day must be a day of the week, like 'monday', for a weekly report");
            }
        }
        try {
            localTime();
        } catch (RuntimeException e) {
            problems.add("schedule.time must be a time like '07:00'");
        }
        try {
            zoneId();
        } catch (RuntimeException e) {
            problems.add("schedule.zone must be a time zone id like 'Europe/London' or 'UTC'");
        }
        return problems;
    }

    /** The latest scheduled moment at or before {@code now}. */
    public ZonedDateTime latestAtOrBefore(Instant now) {
        ZonedDateTime local = now.atZone(zoneId());
        ZonedDateTime candidate = at(local.toLocalDate());
        if ("week".equals(every)) {
            candidate = at(local.toLocalDate().with(TemporalAdjusters.previousOrSame(dayOfWeek())));
            if (candidate.toInstant().isAfter(now)) {
                candidate = at(candidate.toLocalDate().minusWeeks(1));
            }
            return candidate;
        }
        return candidate.toInstant().isAfter(now) ? at(local.toLocalDate().minusDays(1)) : candidate;
    }

    /** The first scheduled moment after {@code now}. */
    public ZonedDateTime nextAfter(Instant now) {
        ZonedDateTime latest = latestAtOrBefore(now);
        return at(latest.toLocalDate().plusDays("week".equals(every) ? 7 : 1));
    }

    private ZonedDateTime at(LocalDate date) {
        return date.atTime(localTime()).atZone(zoneId());
    }

    DayOfWeek dayOfWeek() {
        return DayOfWeek.valueOf(day.strip().toUpperCase(Locale.ROOT));
    }

    LocalTime localTime() {
        try {
            return LocalTime.parse(time.strip());
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("bad time " + time, e);
        }
    }

    public ZoneId zoneId() {
        return ZoneId.of(zone.strip());
    }
}
