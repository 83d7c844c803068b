package org.backbeat.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/series?entity=amazon&topic=&source=&lang=&interval=day&from=2011-03-01&to=2011-04-01}: volume,
 * mean sentiment with its 95% confidence interval, and label shares over time, corrected for the model's known
 * confusion ({@link CorrectedShares}; the counted shares under {@code raw}). With an entity, the sentiment towards that entity.
 */
final class SeriesController {

    record Response(String entity, String topic, String source, String lang, String interval, Instant from, Instant to,
                    List<ObjectNode> buckets) {
    }

    private final Params params;
    private final PostQueries queries;
    private final CorrectedShares corrected;

    SeriesController(Params params, PostQueries queries) {
        this(params, queries, CorrectedShares.standard());
    }

    SeriesController(Params params, PostQueries queries, CorrectedShares corrected) {
        this.params = params;
        this.queries = queries;
        this.corrected = corrected;
    }

    void series(Context ctx) {
        PostFilter filter = params.filter(ctx);
        Interval interval = Params.interval(ctx);
        var buckets = queries.series(filter, interval);
        ctx.json(new Response(filter.entity() == null ? Params.ALL : filter.entity(), filter.topic(), filter.source(),
                filter.lang(), interval.id(), filter.range().from(), filter.range().to(), corrected.buckets(buckets)));
    }
}
