package org.backbeat.dashboard;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.backbeat.core.ScoredPost;

/** Computes, without Elasticsearch, the series the queries must return: for checking them. */
final class ExpectedSeries {

    private ExpectedSeries() {
    }

    static List<PostQueries.SeriesBucket> of(List<ScoredPost> posts, String entity, Interval interval, TimeRange range) {
        UnaryOperator<Instant> floor = floor(interval);
        Map<Instant, List<Double>> scores = new TreeMap<>();
        for (ScoredPost p : posts) {
            Instant t = p.post().publishedAt();
            boolean inRange = (range.from() == null || !t.isBefore(range.from())) && (range.to() == null || t.isBefore(range.to()));
            if (inRange && (entity == null || p.entities().contains(entity))) {
                scores.computeIfAbsent(floor.apply(t), k -> new ArrayList<>()).add(p.sentiment().score());
            }
        }
        if (scores.isEmpty() && range.from() == null) {
            return List.of();
        }
        Instant first = range.from() != null && range.to() != null ? floor.apply(range.from()) : ((TreeMap<Instant, ?>) scores).firstKey();
        Instant last = range.from() != null && range.to() != null ? floor.apply(range.to().minusMillis(1)) : ((TreeMap<Instant, ?>) scores).lastKey();
        List<PostQueries.SeriesBucket> buckets = new ArrayList<>();
        for (Instant t = first; !t.isAfter(last); t = next(interval, t)) {
            List<Double> s = scores.getOrDefault(t, List.of());
            buckets.add(new PostQueries.SeriesBucket(t, s.size(), 0, 0, s.size(), 0,
                    s.isEmpty() ? null : s.stream().mapToDouble(Double::doubleValue).average().orElseThrow(),
                    null, null, null, null, null, PostQueries.LabelCounts.NONE));
        }
        return buckets;
    }

    private static UnaryOperator<Instant> floor(Interval interval) {
        return switch (interval) {
            case HOUR -> t -> t.truncatedTo(ChronoUnit.HOURS);
            case DAY -> t -> t.truncatedTo(ChronoUnit.DAYS);
            case WEEK -> t -> t.atZone(ZoneOffset.UTC).toLocalDate()
                    .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(ZoneOffset.UTC).toInstant();
        };
    }

    private static Instant next(Interval interval, Instant t) {
        return switch (interval) {
            case HOUR -> t.plus(1, ChronoUnit.HOURS);
            case DAY -> t.plus(1, ChronoUnit.DAYS);
            case WEEK -> t.plus(7, ChronoUnit.DAYS);
        };
    }
}
