package org.backbeat.dashboard.impact;

import java.time.Instant;

/**
 * One post's sentiment about one entity: when it was published, its score in [-1, 1] and the text it carries.
 * The input of {@link ImpactEstimator} (through {@link DailyScores}) and {@link DailySeries}; volume is counted
 * from how many observations fall in a period.
 *
 * @param time  the post's publication time (event time, not indexing time)
 * @param score the post's sentiment score, -1 (negative) to 1 (positive)
 * @param text  the post's text cluster (copies and retweets of one text share it), or null when unknown: the
 *              post then counts as a text of its own
 */
public record Observation(Instant time, double score, String text) {

    public Observation {
        if (time == null) {
            throw new IllegalArgumentException("an observation needs a time");
        }
        if (!Double.isFinite(score) || score < -1 || score > 1) {
            throw new IllegalArgumentException("an observation's score must be in [-1, 1], was " + score + " at " + time);
        }
    }

    /** A post whose text is not known (or known to be unique). */
    public Observation(Instant time, double score) {
        this(time, score, null);
    }
}
