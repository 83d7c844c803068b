package org.backbeat.dashboard;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Posts: {@code GET /api/posts/{id}} (one indexed document, or 404), {@code GET /api/posts} (the posts behind a
 * chart point: the filters plus the bucket's from/to) and {@code GET /api/top-posts} (most negative, most
 * positive or most engaged).
 */
final class PostsController {

    static final int MAX_SIZE = 100;

    record TopResponse(String entity, String ranking, Instant from, Instant to, List<PostQueries.PostView> posts) {
    }

    record ListResponse(String entity, Instant from, Instant to, long total, List<PostQueries.PostView> posts) {
    }

    private final Params params;
    private final PostQueries queries;

    PostsController(Params params, PostQueries queries) {
        this.params = params;
        this.queries = queries;
    }

    void get(Context ctx) {
        String id = ctx.pathParam("id");
        ctx.json(queries.find(id).orElseThrow(() -> new NotFoundResponse("no indexed post with id '" + id + "'")));
    }

    void list(Context ctx) {
        PostFilter filter = params.filter(ctx);
        int size = Params.size(ctx, "size", 20, MAX_SIZE);
        PostQueries.PostPage page = queries.posts(filter, size);
        ctx.json(new ListResponse(filter.entity() == null ? Params.ALL : filter.entity(), filter.range().from(),
                filter.range().to(), page.total(), page.posts()));
    }

    void top(Context ctx) {
        PostFilter filter = params.filter(ctx);
        String choices = String.join(", ", Arrays.stream(PostQueries.Ranking.values()).map(PostQueries.Ranking::id).toList());
        String ranking = ctx.queryParamAsClass("ranking", String.class)
                .check(r -> r == null || Arrays.stream(PostQueries.Ranking.values()).anyMatch(x -> x.id().equals(r)),
                        "ranking must be one of " + choices)
                .getOrDefault(PostQueries.Ranking.NEGATIVE.id());
        int size = Params.size(ctx, "size", 10, MAX_SIZE);
        PostQueries.Ranking rank = PostQueries.Ranking.valueOf(ranking.toUpperCase(java.util.Locale.ROOT));
        ctx.json(new TopResponse(filter.entity() == null ? Params.ALL : filter.entity(), rank.id(),
                filter.range().from(), filter.range().to(), queries.topPosts(filter, rank, size)));
    }
}
