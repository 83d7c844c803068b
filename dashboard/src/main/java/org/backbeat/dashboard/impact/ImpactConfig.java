package org.backbeat.dashboard.impact;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Settings of {@link ImpactEstimator}.
 *
 * @param before         length of the window before the event, whole days (default 7 days)
 * @param after          length of the window after the event (default 7 days)
 * @param minPerSide     fewest posts each window needs before means are compared (default 5); with fewer the
 *                       result says "not enough data" instead of giving an interval
 * @param minDaysPerSide fewest days with posts each side needs for the interrupted time series (default 3)
 * @param resamples      bootstrap resamples (default 2000)
 * @param seed           seed of the bootstrap's random numbers: the same data give the same interval
 * @param level          confidence level of every interval (default 0.95)
 * @param zone           time zone in which an event's calendar date starts ({@link ImpactEstimator#eventTime});
 *                       default UTC
 * @param bootstrapMaxPosts most posts (both windows together) the bootstrap resamples (default 4000). Above it
 *                       only Welch's interval is given: with thousands of posts a mean is close to normal
 *                       (central limit theorem), the two intervals agree, and resampling would cost hundreds of
 *                       milliseconds per request for nothing
 */
public record ImpactConfig(Duration before, Duration after, int minPerSide, int minDaysPerSide, int resamples, long seed,
                           double level, ZoneId zone, int bootstrapMaxPosts) {

    public static final Duration DEFAULT_WINDOW = Duration.ofDays(7);
    public static final long DEFAULT_SEED = 20_110_329L;

    public ImpactConfig {
        if (before == null || after == null || before.compareTo(Duration.ofDays(1)) < 0 || after.compareTo(Duration.ofDays(1)) < 0
                || before.toMillis() % Duration.ofDays(1).toMillis() != 0 || after.toMillis() % Duration.ofDays(1).toMillis() != 0) {
            throw new IllegalArgumentException("the before and after windows must be whole days (the analysis reads daily sums), were "
                    + before + " and " + after);
        }
        if (minPerSide < 2) {
            throw new IllegalArgumentException("minPerSide must be at least 2 (a variance needs two posts), was " + minPerSide);
        }
        if (minDaysPerSide < 3) {
            throw new IllegalArgumentException("minDaysPerSide must be at least 3 (a slope and its error need three days), was " + minDaysPerSide);
        }
        if (resamples < 100) {
            throw new IllegalArgumentException("resamples must be at least 100, was " + resamples);
        }
        if (!(level > 0.5 && level < 1)) {
            throw new IllegalArgumentException("level must be between 0.5 and 1 (e.g. 0.95), was " + level);
        }
        zone = zone == null ? ZoneOffset.UTC : zone;
        if (bootstrapMaxPosts < 0) {
            throw new IllegalArgumentException("bootstrapMaxPosts must be 0 or more, was " + bootstrapMaxPosts);
        }
    }

    /** Posts above which the bootstrap is skipped by default. */
    public static final int DEFAULT_BOOTSTRAP_MAX_POSTS = 4_000;

    /** Seven days either side, at least 5 posts a side, 2000 bootstrap resamples up to 4000 posts, 95% intervals, UTC. */
    public static ImpactConfig defaults() {
        return new ImpactConfig(DEFAULT_WINDOW, DEFAULT_WINDOW, 5, 3, 2000, DEFAULT_SEED, 0.95, ZoneOffset.UTC, DEFAULT_BOOTSTRAP_MAX_POSTS);
    }

    public ImpactConfig withWindows(Duration newBefore, Duration newAfter) {
        return new ImpactConfig(newBefore, newAfter, minPerSide, minDaysPerSide, resamples, seed, level, zone, bootstrapMaxPosts);
    }

    public ImpactConfig withBootstrap(int newResamples, long newSeed) {
        return new ImpactConfig(before, after, minPerSide, minDaysPerSide, newResamples, newSeed, level, zone, bootstrapMaxPosts);
    }

    public ImpactConfig withBootstrapMaxPosts(int maxPosts) {
        return new ImpactConfig(before, after, minPerSide, minDaysPerSide, resamples, seed, level, zone, maxPosts);
    }

    public ImpactConfig withZone(ZoneId newZone) {
        return new ImpactConfig(before, after, minPerSide, minDaysPerSide, resamples, seed, level, newZone, bootstrapMaxPosts);
    }
}
