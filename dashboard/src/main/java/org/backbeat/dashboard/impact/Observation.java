package org.backbeat.dashboard.impact;

import java.time.Instant;

/**
 * One post's sentiment about one entity: when it was published and its score in [-1, 1]. The input of
 * {@link ImpactEstimator} and {@link DailySeries}; volume is counted from how many observations fall in a period.
 *
 * @param time  the post's publication time (event time, not indexing time)
 * @param score the post's sentiment score, -1 (negative) to 1 (positive)
 */
public record Observation(Instant time, double score) {

    public Observation {
        if (time == null) {
            throw new IllegalArgumentException("an observation needs a time");
        }
        if (!Double.isFinite(score) || score < -1 || score > 1) {
            throw new IllegalArgumentException("an observation's score must be in [-1, 1], was " + score + " at " + time);
        }
    }
}
