package org.backbeat.dashboard;

import io.javalin.http.Context;
import java.util.List;
import org.backbeat.dashboard.impact.CandidatePoint;
import org.backbeat.dashboard.impact.ChangePointConfig;

/**
 * {@code GET /api/candidates?entity=&metric=sentiment|volume|all&from=&to=&weight=posts|texts&includeDrivenByFewTexts=false}:
 * days where an entity's daily series shifted (sentiment) or burst (volume), strongest first: candidate events a user
 * may confirm (by posting an event with the admin token). Candidates that disappear when every distinct text counts
 * once are marked {@code drivenByFewTexts} and left out unless {@code includeDrivenByFewTexts=true}
 * ({@link CandidateFinder}).
 */
final class CandidatesController {

    static final List<String> METRICS = List.of(CandidatePoint.SENTIMENT, CandidatePoint.VOLUME, "all");

    record Response(String entity, String metric, String weight, boolean includeDrivenByFewTexts, int days,
                    List<CandidatePoint> candidates) {
    }

    private final Params params;
    private final CandidateFinder finder;

    CandidatesController(Params params, PostQueries queries) {
        this.params = params;
        this.finder = new CandidateFinder(queries, ChangePointConfig.defaults());
    }

    void candidates(Context ctx) {
        String entity = params.requiredEntity(ctx);
        String metric = ctx.queryParamAsClass("metric", String.class)
                .check(m -> m == null || METRICS.contains(m), "metric must be one of " + String.join(", ", METRICS))
                .getOrDefault("all");
        TimeRange range = Params.range(ctx);
        Params.Lookup p = Params.Lookup.of(ctx);
        Weight weight = Weight.of(p);
        boolean include = "true".equals(Params.choice(p, "includeDrivenByFewTexts", "false", "true", "false"));
        CandidateFinder.Found found = finder.find(entity, range, metric, weight, include);
        ctx.json(new Response(entity, metric, weight.id(), include, found.days(), found.candidates()));
    }
}
