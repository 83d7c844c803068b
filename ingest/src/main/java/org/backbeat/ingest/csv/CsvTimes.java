package org.backbeat.ingest.csv;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * Reads the time column: with a pattern ({@code yyyy-MM-dd HH:mm:ss Z}), whatever offset or zone it
 * carries wins over the configured zone; without one, ISO-8601 (with or without offset) or epoch seconds
 * or milliseconds (a space may stand for ISO's {@code T}).
 */
final class CsvTimes {

    private final DateTimeFormatter format;
    private final ZoneId zone;

    /** @throws IllegalArgumentException the pattern is not a valid DateTimeFormatter pattern */
    CsvTimes(String pattern, ZoneId zone) {
        try {
            this.format = pattern == null ? null : DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--time-format '" + pattern + "' is not a date pattern: " + e.getMessage(), e);
        }
        this.zone = zone;
    }

    /** @throws DateTimeParseException the text does not match */
    Instant parse(String text) {
        String s = text.strip();
        if (format != null) {
            TemporalAccessor parsed = format.parse(s);
            if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
                return OffsetDateTime.from(parsed).toInstant();
            }
            if (parsed.query(java.time.temporal.TemporalQueries.zoneId()) != null) {
                return ZonedDateTime.from(parsed).toInstant();
            }
            if (parsed.isSupported(ChronoField.HOUR_OF_DAY)) {
                return LocalDateTime.from(parsed).atZone(zone).toInstant();
            }
            return LocalDate.from(parsed).atStartOfDay(zone).toInstant();
        }
        if (s.matches("\\d{9,13}")) {
            long n = Long.parseLong(s);
            return s.length() >= 12 ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n);
        }
        if (s.matches("\\d{4}-\\d{2}-\\d{2} \\d.*")) {
            // "2011-03-29 09:00": ISO-8601 with a space for the T, as spreadsheets write it
            s = s.replaceFirst(" ", "T");
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(s).atZone(zone).toInstant();
            } catch (DateTimeParseException again) {
                throw new DateTimeParseException("'" + s + "' is not ISO-8601 or epoch time: pass --time-format", s, 0);
            }
        }
    }
}
