package org.backbeat.dashboard.impact;

import java.time.Instant;
import java.util.List;

/**
 * Reads the single scored posts (with their text cluster) of a period, for the bootstrap; the estimator asks only
 * when the period holds at most {@link ImpactConfig#bootstrapMaxPosts()} posts.
 */
@FunctionalInterface
public interface PostSample {

    /** The scored posts published in {@code [from, to)}. */
    List<Observation> read(Instant from, Instant to);
}
