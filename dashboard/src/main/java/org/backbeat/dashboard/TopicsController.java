package org.backbeat.dashboard;

import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;

/** {@code GET /api/topics?entity=&from=&to=&size=}: the most frequent topics of the posts, with their sentiment. */
final class TopicsController {

    record Response(String entity, Instant from, Instant to, List<PostQueries.TopicStats> topics) {
    }

    private final Params params;
    private final PostQueries queries;

    TopicsController(Params params, PostQueries queries) {
        this.params = params;
        this.queries = queries;
    }

    void top(Context ctx) {
        PostFilter filter = params.filter(ctx);
        int size = Params.size(ctx, "size", 10, 100);
        ctx.json(new Response(filter.entity() == null ? Params.ALL : filter.entity(), filter.range().from(),
                filter.range().to(), queries.topTopics(filter, size)));
    }
}
