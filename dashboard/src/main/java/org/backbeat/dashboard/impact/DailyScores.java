package org.backbeat.dashboard.impact;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One entity's scores summed per 24-hour day, and per day for each text that occurs more than once: the whole
 * input of {@link ImpactEstimator}, and exactly what Elasticsearch aggregations return (a {@code date_histogram}
 * with {@code extended_stats}, and a {@code terms} aggregation on the text cluster with {@code min_doc_count: 2}
 * and the same histogram under it). Days start at the anchor's time of day (an event's midnight), so every window
 * of whole days around the event, or around a placebo whole days earlier, is a set of days.
 *
 * @param days           day start → count, sum and sum of squares of that day's scores (days without posts may be absent)
 * @param repeated       text cluster → day start → its scores that day, for texts with at least two scores in all
 * @param repeatedCapped whether the repeated texts were cut short (the rarest left out, then counted as single posts)
 */
public record DailyScores(Map<Instant, ScoreSums> days, Map<String, Map<Instant, ScoreSums>> repeated, boolean repeatedCapped) {

    static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

    public DailyScores {
        days = Map.copyOf(days);
        repeated = Map.copyOf(repeated);
    }

    /** The sums of observations in days aligned on {@code anchor} (observations without a text count as single posts). */
    public static DailyScores of(List<Observation> observations, Instant anchor) {
        Map<Instant, ScoreSums> days = new HashMap<>();
        Map<String, Map<Instant, ScoreSums>> texts = new HashMap<>();
        Map<String, Integer> copies = new HashMap<>();
        for (Observation o : observations) {
            Instant day = dayStart(o.time(), anchor);
            ScoreSums one = ScoreSums.of(o.score());
            days.merge(day, one, ScoreSums::plus);
            if (o.text() != null) {
                texts.computeIfAbsent(o.text(), t -> new HashMap<>()).merge(day, one, ScoreSums::plus);
                copies.merge(o.text(), 1, Integer::sum);
            }
        }
        texts.keySet().removeIf(t -> copies.get(t) < 2);
        return new DailyScores(days, texts, false);
    }

    /** The start of the 24-hour day holding {@code time}, days starting at {@code anchor}'s time of day. */
    public static Instant dayStart(Instant time, Instant anchor) {
        long offset = Math.floorDiv(time.toEpochMilli() - anchor.toEpochMilli(), DAY_MILLIS);
        return anchor.plusMillis(offset * DAY_MILLIS);
    }

    /** The day's sums, empty when no post fell on it. */
    public ScoreSums day(Instant start) {
        return days.getOrDefault(start, ScoreSums.EMPTY);
    }
}
