package org.backbeat.dashboard;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.backbeat.core.Catalogue;
import org.backbeat.dashboard.events.Event;
import org.backbeat.dashboard.events.EventStore;
import org.backbeat.dashboard.impact.ImpactConfig;
import org.backbeat.dashboard.impact.ImpactEstimator;
import org.backbeat.dashboard.impact.ImpactResult;
import org.backbeat.dashboard.impact.ImpactSummary;
import org.backbeat.dashboard.impact.Observation;

/**
 * {@code GET /api/impact?event=<id>&entity=<id>&window=<days>}: how an event moved opinion of an entity. Reads the
 * entity's scored posts around the event (and around a placebo date clear of the entity's other events) from
 * Elasticsearch, hands them to the {@link ImpactEstimator}, and answers its numbers with a plain-words summary.
 * Answers are kept for a minute ({@link ImpactCache}).
 */
final class ImpactController {

    static final int DEFAULT_WINDOW_DAYS = 7;
    static final int MAX_WINDOW_DAYS = 60;
    /** Most posts read for one estimate; beyond it the newest are left out and the response says so. */
    static final int MAX_OBSERVATIONS = 200_000;

    /**
     * @param observations scored posts read (both windows, event and placebo)
     * @param truncated    whether {@link #MAX_OBSERVATIONS} cut the read short
     */
    record Response(Event event, String entity, String entityName, int windowDays, Instant eventTime,
                    int observations, boolean truncated, ImpactResult result, ImpactSummary summary) {
    }

    private final Catalogue catalogue;
    private final Params params;
    private final PostQueries queries;
    private final EventStore events;
    private final ImpactCache<List<Object>, Response> cache =
            new ImpactCache<>(Duration.ofSeconds(60), 500, java.time.Clock.systemUTC());

    ImpactController(Catalogue catalogue, Params params, PostQueries queries, EventStore events) {
        this.catalogue = catalogue;
        this.params = params;
        this.queries = queries;
        this.events = events;
    }

    void impact(Context ctx) {
        String eventId = ctx.queryParamAsClass("event", String.class)
                .check(e -> e != null && !e.isBlank(), "event is required: an event id (see /api/events)")
                .get();
        Event event = events.get(eventId.strip())
                .orElseThrow(() -> new NotFoundResponse("no event with id '" + eventId + "' (see /api/events)"));
        String entity = params.entity(ctx);
        if (entity == null) {
            entity = event.entities().get(0);
        }
        int window = Params.size(ctx, "window", DEFAULT_WINDOW_DAYS, MAX_WINDOW_DAYS);
        ctx.json(answer(event, entity, window));
    }

    /** The estimate the route answers (and the CSV export writes), from the cache when it is fresh. */
    Response answer(Event event, String entity, int window) {
        // the event record is part of the key: an edited event (another date) is estimated afresh
        return cache.get(List.of(event, entity, window), () -> estimate(event, entity, window));
    }

    private Response estimate(Event event, String entity, int window) {
        ImpactEstimator estimator = new ImpactEstimator(ImpactConfig.defaults()
                .withWindows(Duration.ofDays(window), Duration.ofDays(window)));
        Instant eventTime = estimator.eventTime(event.date());
        String target = entity;
        List<Instant> known = events.list(entity, null, null).stream()
                .filter(e -> !e.id().equals(event.id()))
                .map(e -> estimator.eventTime(e.date()))
                .toList();
        Instant placebo = estimator.placeboTime(eventTime, known);
        Instant earliest = (placebo == null || placebo.isAfter(eventTime) ? eventTime : placebo).minus(Duration.ofDays(window));
        Instant latest = eventTime.plus(Duration.ofDays(window));
        if (!earliest.isBefore(latest)) {
            throw new BadRequestResponse("window must be at least 1 day");
        }
        List<PostQueries.Scored> scores = queries.scores(PostFilter.entity(target, new TimeRange(earliest, latest)),
                MAX_OBSERVATIONS);
        List<Observation> observations = scores.stream().map(s -> new Observation(s.time(), s.score())).toList();
        ImpactResult result = estimator.estimate(observations, eventTime, known);
        String name = catalogue.find(entity).map(e -> e.name()).orElse(entity);
        return new Response(event, entity, name, window, eventTime, observations.size(),
                observations.size() >= MAX_OBSERVATIONS, result, ImpactSummary.describe(result, name, event.title()));
    }
}
