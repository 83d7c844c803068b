package org.backbeat.dashboard.export;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * The file name of an export, saying what and when: {@code backbeat-posts-amazon-2011-03-01_2011-05-31.csv}, the
 * dates being the first and last day covered (UTC; {@code to} is exclusive, so a {@code to} at midnight names the
 * day before). An open start is {@code start}, an open end the day of the export. Only {@code [a-z0-9._-]} remain.
 */
public final class ExportFileName {

    private ExportFileName() {
    }

    public static String of(ExportKind kind, String subject, Instant from, Instant to, LocalDate today) {
        String first = from == null ? "start" : day(from).toString();
        String last;
        if (to == null) {
            last = today.toString();
        } else {
            LocalDate d = day(to);
            boolean midnight = to.atOffset(ZoneOffset.UTC).toLocalTime().toSecondOfDay() == 0 && to.getNano() == 0;
            last = (midnight ? d.minusDays(1) : d).toString();
        }
        String name = "backbeat-" + kind.id() + "-" + (subject == null || subject.isBlank() ? "all" : subject)
                + "-" + first + "_" + last + ".csv";
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-");
    }

    private static LocalDate day(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC);
    }

}
