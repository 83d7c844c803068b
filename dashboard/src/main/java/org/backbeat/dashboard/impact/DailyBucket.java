package org.backbeat.dashboard.impact;

import java.time.LocalDate;

/**
 * One calendar day of an entity's posts: how many, and their mean sentiment. The input of
 * {@link ChangePointDetector}; build a series with {@link DailySeries#of}, or from an Elasticsearch
 * {@code date_histogram} (count and average score per day, with empty days included).
 *
 * @param day       the day
 * @param count     posts that day
 * @param meanScore their mean score, NaN when {@code count} is 0
 */
public record DailyBucket(LocalDate day, long count, double meanScore) {

    public DailyBucket {
        if (day == null || count < 0) {
            throw new IllegalArgumentException("a daily bucket needs a day and a count >= 0, was " + day + " " + count);
        }
        if (count > 0 && !Double.isFinite(meanScore)) {
            throw new IllegalArgumentException("a day with posts needs a finite mean score: " + day + " had " + meanScore);
        }
    }

    /** A bucket from an aggregation that reports an empty day's mean as null (as the series API does). */
    public static DailyBucket of(LocalDate day, long count, Double meanScore) {
        return new DailyBucket(day, count, meanScore == null ? Double.NaN : meanScore);
    }
}
