package org.backbeat.dashboard;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.backbeat.dashboard.impact.CandidatePoint;
import org.backbeat.dashboard.impact.ChangePointConfig;
import org.backbeat.dashboard.impact.ChangePointDetector;
import org.backbeat.dashboard.impact.DailyBucket;

/**
 * {@code GET /api/candidates?entity=&metric=sentiment|volume|all&from=&to=}: days where an entity's daily series
 * shifted (sentiment) or burst (volume), strongest first: candidate events a user may confirm (by posting an
 * event with the admin token).
 */
final class CandidatesController {

    static final List<String> METRICS = List.of(CandidatePoint.SENTIMENT, CandidatePoint.VOLUME, "all");

    record Response(String entity, String metric, int days, List<CandidatePoint> candidates) {
    }

    private final Params params;
    private final PostQueries queries;
    private final ChangePointDetector detector = new ChangePointDetector(ChangePointConfig.defaults());

    CandidatesController(Params params, PostQueries queries) {
        this.params = params;
        this.queries = queries;
    }

    void candidates(Context ctx) {
        String entity = params.requiredEntity(ctx);
        String metric = ctx.queryParamAsClass("metric", String.class)
                .check(m -> m == null || METRICS.contains(m), "metric must be one of " + String.join(", ", METRICS))
                .getOrDefault("all");
        TimeRange range = Params.range(ctx);
        // sentiment: weighted by the scored posts; volume: every post, scored or not (its mean is not read)
        List<DailyBucket> scored = new ArrayList<>();
        List<DailyBucket> volume = new ArrayList<>();
        for (PostQueries.SeriesBucket b : queries.series(PostFilter.entity(entity, range), Interval.DAY)) {
            LocalDate day = b.time().atOffset(ZoneOffset.UTC).toLocalDate();
            double mean = b.meanScore() == null ? Double.NaN : b.meanScore();
            scored.add(new DailyBucket(day, b.scored(), mean));
            volume.add(new DailyBucket(day, b.count(), Double.isNaN(mean) ? 0 : mean));
        }
        List<CandidatePoint> found = new ArrayList<>();
        if (!CandidatePoint.VOLUME.equals(metric)) {
            found.addAll(detector.sentimentShifts(scored));
        }
        if (!CandidatePoint.SENTIMENT.equals(metric)) {
            found.addAll(detector.volumeBursts(volume));
        }
        found.sort(Comparator.comparingDouble(CandidatePoint::strength).reversed().thenComparing(CandidatePoint::day));
        int max = ChangePointConfig.defaults().maxCandidates();
        ctx.json(new Response(entity, metric, scored.size(), List.copyOf(found.subList(0, Math.min(max, found.size())))));
    }
}
