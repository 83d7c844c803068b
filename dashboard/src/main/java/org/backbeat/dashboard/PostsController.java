package org.backbeat.dashboard;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;

/** {@code GET /api/posts/{id}}: one indexed post, or 404. */
final class PostsController {

    private final PostQueries queries;

    PostsController(PostQueries queries) {
        this.queries = queries;
    }

    void get(Context ctx) {
        String id = ctx.pathParam("id");
        ctx.json(queries.find(id).orElseThrow(() -> new NotFoundResponse("no indexed post with id '" + id + "'")));
    }
}
