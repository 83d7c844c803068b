package org.backbeat.dashboard.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.backbeat.dashboard.PostFilter;
import org.backbeat.dashboard.PostQueries;
import org.backbeat.dashboard.TimeRange;
import org.backbeat.dashboard.events.Event;
import org.backbeat.dashboard.events.EventStore;
import org.backbeat.dashboard.impact.DailyScores;
import org.backbeat.dashboard.impact.ImpactConfig;
import org.backbeat.dashboard.impact.ImpactEstimator;
import org.backbeat.dashboard.Weight;
import org.backbeat.dashboard.impact.Observation;

/**
 * The impact estimate two ways, in-process and without the app's cache, for the same-run comparison in
 * {@link DashboardBenchmark}: as it was computed until issue 10 (read every scored post of the span, then estimate)
 * and as {@code ImpactController} computes it now (one search of daily and per-repeated-text aggregations; single
 * posts read only for a window small enough to bootstrap).
 */
final class ImpactPaths {

    private ImpactPaths() {
    }

    /** The window (days) of impact request {@code i}: 5 to 10, changing after each round of the six events. */
    static int window(int i) {
        return 5 + i / DashboardBenchmark.IMPACT_EVENTS.length % 6;
    }

    /** Markdown rows: p50 / p95 / max ms of both paths over {@code distinct} event × window estimates. */
    static String compare(PostQueries queries, EventStore events, String[][] eventIds, int distinct) {
        double[] readPosts = new double[distinct];
        double[] aggregated = new double[distinct];
        Parts parts = new Parts(distinct);
        for (int round = 0; round < 2; round++) { // the first round warms both paths up
            for (int i = 0; i < distinct; i++) {
                Event event = events.get(eventIds[i % eventIds.length][0]).orElseThrow();
                String entity = eventIds[i % eventIds.length][1];
                long s = System.nanoTime();
                estimate(queries, events, event, entity, window(i), null, 0);
                readPosts[i] = (System.nanoTime() - s) / 1e6;
                s = System.nanoTime();
                estimate(queries, events, event, entity, window(i), parts, i);
                aggregated[i] = (System.nanoTime() - s) / 1e6;
            }
        }
        return row("impact in-process, every post read (the path before issue 10)", readPosts)
                + row("impact in-process, aggregations (the path now)", aggregated)
                + row("  of which the aggregation search (daily and per repeated text)", parts.search)
                + row("  of which single posts read for the bootstrap", parts.sample)
                + row("  of which the estimate itself (bootstrap, regression, placebo)", parts.compute)
                + String.format(Locale.ROOT, "| (windows bootstrapped: %d of %d estimates) | | | | |%n", parts.sampled(), distinct);
    }

    /** Where the time of each aggregated estimate went, in ms. */
    private record Parts(double[] search, double[] sample, double[] compute) {
        Parts(int n) {
            this(new double[n], new double[n], new double[n]);
        }

        long sampled() {
            return Arrays.stream(sample).filter(ms -> ms > 0).count();
        }
    }

    private static String row(String name, double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        String row = String.format(Locale.ROOT, "| %s | %d distinct event × window estimates | %.1f | %.1f | %.1f |%n", name,
                sorted.length, pct(sorted, 50), pct(sorted, 95), sorted[sorted.length - 1]);
        System.out.print(row);
        return row;
    }

    private static double pct(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    private static void estimate(PostQueries queries, EventStore events, Event event, String entity, int window, Parts parts, int i) {
        ImpactEstimator estimator = new ImpactEstimator(ImpactConfig.defaults()
                .withWindows(Duration.ofDays(window), Duration.ofDays(window)));
        Instant eventTime = estimator.eventTime(event.date());
        List<Instant> known = events.list(entity, null, null).stream().filter(e -> !e.id().equals(event.id()))
                .map(e -> estimator.eventTime(e.date())).toList();
        Instant placebo = estimator.placeboTime(eventTime, known);
        Instant earliest = (placebo == null ? eventTime : placebo).minus(Duration.ofDays(window));
        TimeRange range = new TimeRange(earliest, eventTime.plus(Duration.ofDays(window)));
        if (parts != null) {
            long start = System.nanoTime();
            DailyScores scores = queries.dailyScores(PostFilter.entity(entity, range), eventTime, 5_000);
            long searched = System.nanoTime();
            long[] sampling = new long[1];
            int limit = estimator.config().bootstrapMaxPosts();
            estimator.estimate(scores, eventTime, known, (from, to) -> {
                long s = System.nanoTime();
                List<Observation> read = queries.scores(PostFilter.entity(entity, new TimeRange(from, to)), limit + 1).stream()
                        .map(p -> new Observation(p.time(), p.score(), p.textCluster())).toList();
                sampling[0] += System.nanoTime() - s;
                return read;
            }, Weight.POSTS);
            long end = System.nanoTime();
            parts.search[i] = (searched - start) / 1e6;
            parts.sample[i] = sampling[0] / 1e6;
            parts.compute[i] = (end - searched - sampling[0]) / 1e6;
        } else {
            List<Observation> posts = queries.scores(PostFilter.entity(entity, range), 200_000).stream()
                    .map(p -> new Observation(p.time(), p.score())).toList();
            estimator.estimate(posts, eventTime, known);
        }
    }
}
