package org.backbeat.dashboard;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.backbeat.core.Catalogue;

/**
 * The query parameters the API routes share, validated with {@code queryParamAsClass(...).check(...)}; a bad
 * value ends in a 400 whose message says what to send instead. Javalin 7 runs checks on absent parameters too
 * (value null): each check lets null through.
 */
final class Params {

    static final String ALL = "all";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");

    private final Catalogue catalogue;

    Params(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** {@code entity}: a catalogue entity id; absent, blank or {@code all}: null. */
    String entity(Context ctx) {
        String entity = ctx.queryParamAsClass("entity", String.class)
                .check(e -> e == null || e.isBlank() || ALL.equals(e) || catalogue.find(e).isPresent(),
                        "entity must be a catalogue entity id (see /api/entities) or 'all'")
                .getOrDefault(ALL);
        return entity.isBlank() || ALL.equals(entity) ? null : entity;
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
        String value = ctx.queryParamAsClass(name, String.class)
                .check(v -> v == null || v.isBlank() || ID.matcher(v.strip()).matches(),
                        name + " must be an id of letters, digits, '-', '_', '.' or ':' (at most 64), or 'all'")
                .getOrDefault("");
        return value.isBlank() || ALL.equals(value.strip()) ? null : value.strip();
    }

    /** {@code from} and {@code to}: ISO-8601 instants or dates (UTC midnight), {@code to} exclusive. */
    static TimeRange range(Context ctx) {
        Instant from = time(ctx, "from");
        Instant to = time(ctx, "to");
        if (from != null && to != null && !from.isBefore(to)) {
            throw new BadRequestResponse("from (" + from + ") must be before to (" + to + ")");
        }
        return new TimeRange(from, to);
    }

    /** Every filter of {@link PostFilter}: entity, topic, source, lang, from, to. */
    PostFilter filter(Context ctx) {
        return new PostFilter(entity(ctx), id(ctx, "topic"), id(ctx, "source"), id(ctx, "lang"), range(ctx));
    }

    static Interval interval(Context ctx) {
        return Interval.parse(ctx.queryParamAsClass("interval", String.class)
                .check(i -> i == null || Interval.parse(i).isPresent(), "interval must be one of " + Interval.choices())
                .getOrDefault(Interval.DAY.id())).orElseThrow();
    }

    /** A positive count up to {@code max}. */
    static int size(Context ctx, String name, int defaultValue, int max) {
        return ctx.queryParamAsClass(name, Integer.class)
                .check(n -> n == null || (n >= 1 && n <= max), name + " must be a whole number from 1 to " + max)
                .getOrDefault(defaultValue);
    }

    static Instant time(Context ctx, String name) {
        String value = ctx.queryParamAsClass(name, String.class)
                .check(v -> v == null || v.isBlank() || parseTime(v) != null,
                        name + " must be an ISO-8601 instant like 2011-03-29T00:00:00Z or a date like 2011-03-29")
                .getOrNull();
        return value == null || value.isBlank() ? null : parseTime(value);
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
