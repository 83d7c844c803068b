package org.backbeat.dashboard;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.backbeat.core.Catalogue;

/**
 * {@code GET /api/series?entity=amazon&interval=day&from=2011-03-01&to=2011-04-01}: volume and mean sentiment
 * over time. {@code entity} absent or {@code all}: every post. {@code from}/{@code to}: ISO-8601 instants or
 * dates (UTC midnight), {@code to} exclusive.
 */
final class SeriesController {

    static final String ALL = "all";

    record Response(String entity, String interval, Instant from, Instant to, List<PostQueries.SeriesBucket> buckets) {
    }

    private final Catalogue catalogue;
    private final PostQueries queries;

    SeriesController(Catalogue catalogue, PostQueries queries) {
        this.catalogue = catalogue;
        this.queries = queries;
    }

    void series(Context ctx) {
        // Javalin 7 runs checks on absent parameters too (value null): each check lets null through.
        String entity = ctx.queryParamAsClass("entity", String.class)
                .check(e -> e == null || e.isBlank() || ALL.equals(e) || catalogue.find(e).isPresent(),
                        "entity must be a catalogue entity id (see /api/entities) or 'all'")
                .getOrDefault(ALL);
        Interval interval = Interval.parse(ctx.queryParamAsClass("interval", String.class)
                .check(i -> i == null || Interval.parse(i).isPresent(), "interval must be one of " + Interval.choices())
                .getOrDefault(Interval.DAY.id())).orElseThrow();
        Instant from = time(ctx, "from");
        Instant to = time(ctx, "to");
        if (from != null && to != null && !from.isBefore(to)) {
            throw new BadRequestResponse("from (" + from + ") must be before to (" + to + ")");
        }
        String filter = entity.isBlank() || ALL.equals(entity) ? null : entity;
        var buckets = queries.series(filter, interval, new TimeRange(from, to));
        ctx.json(new Response(filter == null ? ALL : filter, interval.id(), from, to, buckets));
    }

    private static Instant time(Context ctx, String name) {
        String value = ctx.queryParamAsClass(name, String.class)
                .check(v -> v == null || parseTime(v) != null,
                        name + " must be an ISO-8601 instant like 2011-03-29T00:00:00Z or a date like 2011-03-29")
                .getOrNull();
        return value == null ? null : parseTime(value);
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
