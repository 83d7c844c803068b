package org.backbeat.ingest.feed;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Dates real feeds write that Rome does not read: {@code 2020/1/10 14:33:00}, {@code 2020-01-10 14:33:00},
 * with or without seconds or an offset. A date without an offset is read in the feed's configured zone.
 */
final class LenientDates {

    private static final List<DateTimeFormatter> WITH_OFFSET = List.of(
            DateTimeFormatter.ofPattern("yyyy-M-d H:mm[:ss] XXX"),
            DateTimeFormatter.ofPattern("yyyy-M-d H:mm[:ss] xx"),
            DateTimeFormatter.ofPattern("yyyy/M/d H:mm[:ss] XXX"),
            DateTimeFormatter.ofPattern("yyyy/M/d H:mm[:ss] xx"));
    private static final List<DateTimeFormatter> LOCAL = List.of(
            DateTimeFormatter.ofPattern("yyyy/M/d H:mm[:ss]"),
            DateTimeFormatter.ofPattern("yyyy-M-d H:mm[:ss]"),
            DateTimeFormatter.ofPattern("yyyy-M-d'T'H:mm[:ss]"),
            DateTimeFormatter.ofPattern("yyyy.M.d H:mm[:ss]"));

    private LenientDates() {
    }

    /** The instant, or null when the text is none of the known shapes. */
    static Instant parse(String text, ZoneId zone) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = text.strip().replaceAll("\\s+", " ");
        for (DateTimeFormatter format : WITH_OFFSET) {
            try {
                return OffsetDateTime.parse(s, format).toInstant();
            } catch (DateTimeParseException ignored) {
                // next shape
            }
        }
        for (DateTimeFormatter format : LOCAL) {
            try {
                return LocalDateTime.parse(s, format).atZone(zone).toInstant();
            } catch (DateTimeParseException ignored) {
                // next shape
            }
        }
        return null;
    }
}
