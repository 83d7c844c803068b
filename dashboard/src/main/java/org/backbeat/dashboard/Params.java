package org.backbeat.dashboard;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import org.backbeat.core.Catalogue;
import org.backbeat.core.SentimentLabel;

/**
 * The query parameters the API routes (and the exports, the CLI and scheduled reports, which hold the same
 * parameters without an HTTP request) share. A bad value ends in a 400 ({@link BadRequestResponse}) whose message
 * says what to send instead. Absent, blank or {@code all} means "any".
 */
public final class Params {

    public static final String ALL = "all";
    static final int MAX_TEXT = 200;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");

    /** Where parameter values come from: a request's query string, a saved report, command-line options. */
    @FunctionalInterface
    public interface Lookup {
        /** The value of {@code name}, or null when absent. */
        String get(String name);

        static Lookup of(Context ctx) {
            return ctx::queryParam;
        }

        static Lookup of(java.util.Map<String, String> values) {
            return values::get;
        }
    }

    private final Catalogue catalogue;

    public Params(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    public Catalogue catalogue() {
        return catalogue;
    }

    /** {@code entity}: a catalogue entity id; absent, blank or {@code all}: null. */
    String entity(Context ctx) {
        return entity(Lookup.of(ctx));
    }

    public String entity(Lookup p) {
        String entity = p.get("entity");
        if (entity == null || entity.isBlank() || ALL.equals(entity.strip())) {
            return null;
        }
        entity = entity.strip();
        if (catalogue.find(entity).isEmpty()) {
            throw new BadRequestResponse("entity must be a catalogue entity id (see /api/entities) or 'all'");
        }
        return entity;
    }

    /** {@code entity}, required. */
    String requiredEntity(Context ctx) {
        String entity = entity(ctx);
        if (entity == null) {
            throw new BadRequestResponse("entity is required: a catalogue entity id (see /api/entities)");
        }
        return entity;
    }

    /** An optional id-like parameter (topic, source, lang); absent, blank or {@code all}: null. */
    static String id(Context ctx, String name) {
        return id(Lookup.of(ctx), name);
    }

    public static String id(Lookup p, String name) {
        String value = p.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!ID.matcher(value.strip()).matches()) {
            throw new BadRequestResponse(name + " must be an id of letters, digits, '-', '_', '.' or ':' (at most 64), or 'all'");
        }
        return ALL.equals(value.strip()) ? null : value.strip();
    }

    /** {@code from} and {@code to}: ISO-8601 instants or dates (UTC midnight), {@code to} exclusive. */
    static TimeRange range(Context ctx) {
        return range(Lookup.of(ctx));
    }

    public static TimeRange range(Lookup p) {
        Instant from = time(p, "from");
        Instant to = time(p, "to");
        if (from != null && to != null && !from.isBefore(to)) {
            throw new BadRequestResponse("from (" + from + ") must be before to (" + to + ")");
        }
        return new TimeRange(from, to);
    }

    /** Every filter of {@link PostFilter}: entity, topic, source, lang, from, to, label, minScore, maxScore, text. */
    PostFilter filter(Context ctx) {
        return filter(Lookup.of(ctx));
    }

    public PostFilter filter(Lookup p) {
        Double min = score(p, "minScore");
        Double max = score(p, "maxScore");
        if (min != null && max != null && min > max) {
            throw new BadRequestResponse("minScore (" + min + ") must not be above maxScore (" + max + ")");
        }
        String text = p.get("text");
        if (text != null && text.strip().length() > MAX_TEXT) {
            throw new BadRequestResponse("text must be at most " + MAX_TEXT + " characters");
        }
        return new PostFilter(entity(p), id(p, "topic"), id(p, "source"), id(p, "lang"), range(p), label(p), min, max, text);
    }

    /** {@code label}: negative, neutral or positive (any case); absent, blank or {@code all}: null. */
    public static SentimentLabel label(Lookup p) {
        String value = p.get("label");
        if (value == null || value.isBlank() || ALL.equalsIgnoreCase(value.strip())) {
            return null;
        }
        return Arrays.stream(SentimentLabel.values()).filter(l -> l.name().equalsIgnoreCase(value.strip())).findFirst()
                .orElseThrow(() -> new BadRequestResponse("label must be one of negative, neutral, positive, or 'all'"));
    }

    static Double score(Lookup p, String name) {
        String value = p.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            double d = Double.parseDouble(value.strip());
            if (d >= -1 && d <= 1) {
                return d;
            }
        } catch (NumberFormatException e) {
            // falls through to the message
        }
        throw new BadRequestResponse(name + " must be a number from -1 to 1, like -0.5");
    }

    static Interval interval(Context ctx) {
        return interval(Lookup.of(ctx));
    }

    public static Interval interval(Lookup p) {
        String value = p.get("interval");
        if (value == null) {
            return Interval.DAY;
        }
        return Interval.parse(value).orElseThrow(() -> new BadRequestResponse("interval must be one of " + Interval.choices()));
    }

    /** A positive count up to {@code max}. */
    static int size(Context ctx, String name, int defaultValue, int max) {
        return size(Lookup.of(ctx), name, defaultValue, max);
    }

    public static int size(Lookup p, String name, int defaultValue, int max) {
        String value = p.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the message
        }
        throw new BadRequestResponse(name + " must be a whole number from 1 to " + max);
    }

    /** One of {@code choices} (lower case), or {@code defaultValue} when absent. */
    public static String choice(Lookup p, String name, String defaultValue, String... choices) {
        String value = p.get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (Arrays.asList(choices).contains(v)) {
            return v;
        }
        throw new BadRequestResponse(name + " must be one of " + String.join(", ", choices));
    }

    static Instant time(Context ctx, String name) {
        return time(Lookup.of(ctx), name);
    }

    static Instant time(Lookup p, String name) {
        String value = p.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant t = parseTime(value);
        if (t == null) {
            throw new BadRequestResponse(name + " must be an ISO-8601 instant like 2011-03-29T00:00:00Z or a date like 2011-03-29");
        }
        return t;
    }

    static Instant parseTime(String value) {
        String v = value.strip();
        try {
            return v.length() == 10 ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(v);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
