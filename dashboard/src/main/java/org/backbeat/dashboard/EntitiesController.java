package org.backbeat.dashboard;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.backbeat.core.Catalogue;
import org.backbeat.core.TrackedEntity;

/**
 * {@code GET /api/entities}: the catalogue's entities with how many posts mention each and the sentiment towards
 * each; {@code GET /api/share-of-voice}: each entity's share of the mentions in a date range.
 */
final class EntitiesController {

    /** One entity in the list; {@code meanScore} is null when no scored post mentions it. */
    record EntityView(String id, String name, String kind, String parent, long count, Double meanScore,
                      SentimentStats sentiment) {
    }

    record Response(long total, List<EntityView> entities) {
    }

    /**
     * One entity's voice: {@code count} posts and {@code distinctTexts} distinct texts mention it; {@code share} of
     * the listed entities' mentions, counted by the response's weight (posts, or distinct texts: a storm of copies of
     * one text is one mention). The sentiment is by posts either way.
     */
    record Voice(String id, String name, long count, long distinctTexts, double share, SentimentStats sentiment) {
    }

    record VoiceResponse(Instant from, Instant to, String weight, long mentions, List<Voice> entities) {
    }

    private final Catalogue catalogue;
    private final Params params;
    private final PostQueries queries;

    EntitiesController(Catalogue catalogue, Params params, PostQueries queries) {
        this.catalogue = catalogue;
        this.params = params;
        this.queries = queries;
    }

    void list(Context ctx) {
        List<TrackedEntity> entities = catalogue.entities();
        // a few spare slots for ids an older catalogue tagged; only the current catalogue's are listed
        Map<String, PostQueries.EntityStats> stats = queries.entitySummary(TimeRange.ALL, entities.size() + 50);
        List<EntityView> views = new ArrayList<>();
        for (TrackedEntity e : entities) {
            PostQueries.EntityStats s = stats.get(e.id());
            SentimentStats sentiment = s == null ? SentimentStats.NONE : s.sentiment();
            views.add(new EntityView(e.id(), e.name(), e.kind(), e.parent(), s == null ? 0 : s.count(),
                    sentiment.mean(), sentiment));
        }
        ctx.json(new Response(queries.count(), views));
    }

    /**
     * {@code entities}: comma-separated ids to compare; default: the catalogue's top-level entities (a product's
     * posts also count for its company, so mixing levels would count them twice).
     */
    void shareOfVoice(Context ctx) {
        ctx.json(shareOfVoice(Params.Lookup.of(ctx)));
    }

    /** The share of voice the parameters ask for: what the route answers and the CSV export writes. */
    VoiceResponse shareOfVoice(Params.Lookup p) {
        String list = p.get("entities") == null ? "" : p.get("entities");
        if (!list.isBlank() && !Arrays.stream(list.split(",")).map(String::strip).allMatch(id -> catalogue.find(id).isPresent())) {
            throw new BadRequestResponse("entities must be comma-separated catalogue entity ids (see /api/entities)");
        }
        List<TrackedEntity> chosen = list.isBlank()
                ? catalogue.entities().stream().filter(e -> e.parent() == null).toList()
                : Arrays.stream(list.split(",")).map(String::strip).distinct().map(id -> catalogue.find(id).orElseThrow()).toList();
        PostFilter filter = params.filter(p).withEntity(null);
        Weight weight = Weight.of(p);
        Map<String, PostQueries.EntityStats> stats = queries.entitySummary(filter, catalogue.entities().size() + 50);
        java.util.function.ToLongFunction<PostQueries.EntityStats> counted = weight == Weight.TEXTS
                ? PostQueries.EntityStats::distinctTexts : PostQueries.EntityStats::count;
        long mentions = chosen.stream().mapToLong(e -> stats.containsKey(e.id()) ? counted.applyAsLong(stats.get(e.id())) : 0).sum();
        List<Voice> voices = new ArrayList<>();
        for (TrackedEntity e : chosen) {
            PostQueries.EntityStats s = stats.get(e.id());
            long mentioned = s == null ? 0 : counted.applyAsLong(s);
            voices.add(new Voice(e.id(), e.name(), s == null ? 0 : s.count(), s == null ? 0 : s.distinctTexts(),
                    mentions == 0 ? 0 : (double) mentioned / mentions, s == null ? SentimentStats.NONE : s.sentiment()));
        }
        voices.sort(Comparator.comparingDouble(Voice::share).reversed().thenComparing(Comparator.comparingLong(Voice::count).reversed()));
        return new VoiceResponse(filter.range().from(), filter.range().to(), weight.id(), mentions, voices);
    }
}
