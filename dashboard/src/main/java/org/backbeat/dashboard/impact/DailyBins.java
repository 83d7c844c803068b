package org.backbeat.dashboard.impact;

import java.time.Duration;
import java.time.Instant;

/**
 * Posts around one moment counted in 24-hour bins from that moment: bin index {@code -daysBefore} to
 * {@code daysAfter - 1}, index 0 being the first day after the moment. Holds each bin's count and score sum.
 * The day sums come from {@link DailyScores}.
 */
final class DailyBins {

    private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

    private final int daysBefore;
    private final long[] counts;
    private final double[] sums;

    private DailyBins(int daysBefore, long[] counts, double[] sums) {
        this.daysBefore = daysBefore;
        this.counts = counts;
        this.sums = sums;
    }

    /** The days {@code -daysBefore} to {@code daysAfter - 1} around {@code moment}, which must start a day of {@code scores}. */
    static DailyBins of(DailyScores scores, Instant moment, int daysBefore, int daysAfter) {
        long[] counts = new long[daysBefore + daysAfter];
        double[] sums = new double[daysBefore + daysAfter];
        for (int i = 0; i < counts.length; i++) {
            ScoreSums day = scores.day(moment.plusMillis((long) (i - daysBefore) * DAY_MILLIS));
            counts[i] = day.count();
            sums[i] = day.sum();
        }
        return new DailyBins(daysBefore, counts, sums);
    }

    int size() {
        return counts.length;
    }

    /** Day index counted from the moment: -1 is the last day before, 0 the first day after. */
    int dayIndex(int i) {
        return i - daysBefore;
    }

    long count(int i) {
        return counts[i];
    }

    double mean(int i) {
        return sums[i] / counts[i];
    }

    /**
     * Over-dispersion of the daily counts: the within-side variance pooled over both sides divided by the mean
     * count, at least 1 (Poisson); 1 when there are too few days to tell.
     */
    double dispersion() {
        double within = 0;
        int df = 0;
        double total = 0;
        for (int[] side : new int[][] {{0, daysBefore}, {daysBefore, counts.length}}) {
            int k = side[1] - side[0];
            if (k < 2) {
                continue;
            }
            double mean = 0;
            for (int i = side[0]; i < side[1]; i++) {
                mean += counts[i];
            }
            mean /= k;
            for (int i = side[0]; i < side[1]; i++) {
                within += (counts[i] - mean) * (counts[i] - mean);
            }
            df += k - 1;
        }
        for (long c : counts) {
            total += c;
        }
        if (df == 0 || total == 0) {
            return 1;
        }
        double meanCount = total / counts.length;
        return Math.max(1, within / df / meanCount);
    }
}
