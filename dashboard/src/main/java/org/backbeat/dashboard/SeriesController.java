package org.backbeat.dashboard;

import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/series?entity=amazon&topic=&source=&lang=&interval=day&from=2011-03-01&to=2011-04-01&weight=posts}:
 * volume, distinct texts and authors, mean sentiment with its 95% interval clustered by text, and label shares over
 * time. With an entity, the sentiment towards that entity; {@code weight=texts} counts each distinct text once in the
 * mean ({@link Weight}).
 */
final class SeriesController {

    record Response(String entity, String topic, String source, String lang, String interval, String weight,
                    Instant from, Instant to, List<PostQueries.SeriesBucket> buckets) {
    }

    private final Params params;
    private final PostQueries queries;

    SeriesController(Params params, PostQueries queries) {
        this.params = params;
        this.queries = queries;
    }

    void series(Context ctx) {
        PostFilter filter = params.filter(ctx);
        Interval interval = Params.interval(ctx);
        Weight weight = Weight.of(Params.Lookup.of(ctx));
        var buckets = queries.series(filter, interval, weight);
        ctx.json(new Response(filter.entity() == null ? Params.ALL : filter.entity(), filter.topic(), filter.source(),
                filter.lang(), interval.id(), weight.id(), filter.range().from(), filter.range().to(), buckets));
    }
}
