package org.backbeat.dashboard;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.backbeat.core.Catalogue;
import org.backbeat.core.TrackedEntity;

/** {@code GET /api/entities}: the catalogue's entities with how many posts mention each and their mean sentiment. */
final class EntitiesController {

    /** One entity in the response; {@code meanScore} is null when no post mentions it. */
    record EntityView(String id, String name, String kind, String parent, long count, Double meanScore) {
    }

    record Response(long total, List<EntityView> entities) {
    }

    private final Catalogue catalogue;
    private final PostQueries queries;

    EntitiesController(Catalogue catalogue, PostQueries queries) {
        this.catalogue = catalogue;
        this.queries = queries;
    }

    void list(Context ctx) {
        List<TrackedEntity> entities = catalogue.entities();
        // a few spare slots for ids an older catalogue tagged; only the current catalogue's are listed
        Map<String, PostQueries.EntityStats> stats = queries.entitySummary(TimeRange.ALL, entities.size() + 50);
        List<EntityView> views = new ArrayList<>();
        for (TrackedEntity e : entities) {
            PostQueries.EntityStats s = stats.get(e.id());
            views.add(new EntityView(e.id(), e.name(), e.kind(), e.parent(),
                    s == null ? 0 : s.count(), s == null ? null : s.meanScore()));
        }
        ctx.json(new Response(queries.count(), views));
    }
}
