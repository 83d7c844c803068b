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
import org.backbeat.dashboard.impact.DailyScores;
import org.backbeat.dashboard.impact.ImpactConfig;
import org.backbeat.dashboard.impact.ImpactEstimator;
import org.backbeat.dashboard.impact.ImpactResult;
import org.backbeat.dashboard.impact.ImpactSummary;
import org.backbeat.dashboard.impact.Observation;
import org.backbeat.dashboard.impact.PostSample;
import org.backbeat.dashboard.impact.ScoreSums;

/**
 * {@code GET /api/impact?event=<id>&entity=<id>&window=<days>&weight=posts|texts}: how an event moved opinion of an
 * entity. Asks Elasticsearch for the entity's scores summed per day and per repeated text around the event (and
 * around a placebo date clear of the entity's other events), hands them to the {@link ImpactEstimator} (which reads
 * single posts only to bootstrap small windows), and answers its numbers with a plain-words summary. Answers are
 * kept for a minute ({@link ImpactCache}).
 */
final class ImpactController {

    static final int DEFAULT_WINDOW_DAYS = 7;
    static final int MAX_WINDOW_DAYS = 60;
    /** Most repeated texts aggregated for one estimate (the most copied); beyond it the response says so. */
    static final int MAX_REPEATED_TEXTS = 5_000;

    /**
     * @param weight       {@code posts} (every post counts, the default) or {@code texts} (every distinct text once)
     * @param observations scored posts from the start of the earliest window to the end of the event's after window
     * @param truncated    whether there were more than {@link #MAX_REPEATED_TEXTS} repeated texts (the rarest then
     *                     count as single posts, and the intervals may be too narrow)
     */
    record Response(Event event, String entity, String entityName, int windowDays, String weight, Instant eventTime,
                    long observations, boolean truncated, ImpactResult result, ImpactSummary summary) {
    }

    private final Catalogue catalogue;
    private final Params params;
    private final PostQueries queries;
    private final EventStore events;
    private final BucketDrivers drivers;
    private final ImpactCache<List<Object>, Response> cache =
            new ImpactCache<>(Duration.ofSeconds(60), 500, java.time.Clock.systemUTC());

    ImpactController(Catalogue catalogue, Params params, PostQueries queries, EventStore events) {
        this.catalogue = catalogue;
        this.params = params;
        this.queries = queries;
        this.events = events;
        this.drivers = new BucketDrivers(queries);
    }

    /** The event, the entity (default: the event's first) and the window in days that both routes read. */
    private record Subject(Event event, String entity, int window) {
    }

    private Subject subject(Context ctx) {
        String eventId = ctx.queryParamAsClass("event", String.class)
                .check(e -> e != null && !e.isBlank(), "event is required: an event id (see /api/events)")
                .get();
        Event event = events.get(eventId.strip())
                .orElseThrow(() -> new NotFoundResponse("no event with id '" + eventId + "' (see /api/events)"));
        String entity = params.entity(ctx);
        return new Subject(event, entity == null ? event.entities().get(0) : entity,
                Params.size(ctx, "window", DEFAULT_WINDOW_DAYS, MAX_WINDOW_DAYS));
    }

    void impact(Context ctx) {
        Subject subject = subject(ctx);
        Weight weight;
        try {
            weight = Weight.parse(ctx.queryParam("weight"));
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
        ctx.json(answer(subject.event(), subject.entity(), subject.window(), weight));
    }

    /**
     * {@code GET /api/impact/drivers?event=&entity=&window=&size=}: the texts that moved the event's change in mean
     * sentiment (every post counted), each with its copies, sentiment and contribution (the contributions of all the
     * after window's texts add up to {@code meanAfter − meanBefore}), and the topics that grew after it.
     */
    void drivers(Context ctx) {
        Subject subject = subject(ctx);
        int size = Params.size(ctx, "size", 5, BucketDrivers.TEXTS_READ);
        Instant eventTime = new ImpactEstimator(ImpactConfig.defaults()).eventTime(subject.event().date());
        Duration span = Duration.ofDays(subject.window());
        ctx.json(drivers.ofChange(PostFilter.entity(subject.entity(), TimeRange.ALL),
                new TimeRange(eventTime.minus(span), eventTime), new TimeRange(eventTime, eventTime.plus(span)), size));
    }

    /** The estimate the route answers, from the cache when it is fresh. */
    Response answer(Event event, String entity, int window, Weight weight) {
        // the event record is part of the key: an edited event (another date) is estimated afresh
        return cache.get(List.of(event, entity, window, weight), () -> estimate(event, entity, window, weight));
    }

    private Response estimate(Event event, String entity, int window, Weight weight) {
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
        DailyScores scores = queries.dailyScores(PostFilter.entity(target, new TimeRange(earliest, latest)), eventTime,
                MAX_REPEATED_TEXTS);
        int sampleLimit = estimator.config().bootstrapMaxPosts();
        PostSample sample = (from, to) -> queries.scores(PostFilter.entity(target, new TimeRange(from, to)), sampleLimit + 1)
                .stream().map(s -> new Observation(s.time(), s.score(), s.textCluster())).toList();
        ImpactResult result = estimator.estimate(scores, eventTime, known, sample, weight);
        long observations = scores.days().values().stream().mapToLong(ScoreSums::count).sum();
        String name = catalogue.find(entity).map(e -> e.name()).orElse(entity);
        return new Response(event, entity, name, window, weight.id(), eventTime, observations, scores.repeatedCapped(), result,
                ImpactSummary.describe(result, name, event.title()));
    }
}
