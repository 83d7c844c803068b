package org.backbeat.dashboard.impact;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.Well19937c;

/**
 * Seeded synthetic posts: day {@code d} (counted from {@code start}, may be negative) gets a Poisson number of
 * posts with mean {@code volume(d)}, spread evenly over the day, each scored N(mean(d), sd) clipped to [-1, 1].
 */
final class Synthetic {

    static final Instant EVENT = Instant.parse("2011-03-29T00:00:00Z");

    private final Well19937c random;

    Synthetic(long seed) {
        this.random = new Well19937c(seed);
    }

    List<Observation> posts(int firstDay, int lastDayExclusive, IntToDoubleFunction volume, IntToDoubleFunction mean, double sd) {
        List<Observation> posts = new ArrayList<>();
        for (int d = firstDay; d < lastDayExclusive; d++) {
            int n = poisson(volume.applyAsDouble(d));
            Instant dayStart = EVENT.plus(Duration.ofDays(d));
            for (int i = 0; i < n; i++) {
                double score = Math.max(-1, Math.min(1, mean.applyAsDouble(d) + sd * random.nextGaussian()));
                posts.add(new Observation(dayStart.plusMillis((long) ((i + 0.5) * 86_400_000L / n)), score));
            }
        }
        return posts;
    }

    /**
     * Like {@link #posts}, each post its own text, plus on each day, with probability {@code stormChance}, a retweet
     * storm: about {@code copies} (Poisson) copies of one text spread over the day, all with that text's score,
     * N(mean(d), stormSd) clipped. Texts are named "single-i" and "storm-d".
     */
    List<Observation> postsWithStorms(int firstDay, int lastDayExclusive, double volume, IntToDoubleFunction mean, double sd,
                                      double stormChance, double copies, double stormSd) {
        List<Observation> posts = new ArrayList<>();
        int single = 0;
        for (int d = firstDay; d < lastDayExclusive; d++) {
            Instant dayStart = EVENT.plus(Duration.ofDays(d));
            int n = poisson(volume);
            for (int i = 0; i < n; i++) {
                double score = Math.max(-1, Math.min(1, mean.applyAsDouble(d) + sd * random.nextGaussian()));
                posts.add(new Observation(dayStart.plusMillis((long) ((i + 0.5) * 86_400_000L / n)), score, "single-" + single++));
            }
            if (random.nextDouble() < stormChance) {
                int k = poisson(copies);
                double score = Math.max(-1, Math.min(1, mean.applyAsDouble(d) + stormSd * random.nextGaussian()));
                for (int i = 0; i < k; i++) {
                    posts.add(new Observation(dayStart.plusMillis((long) ((i + 0.25) * 86_400_000L / k)), score, "storm-" + d));
                }
            }
        }
        return posts;
    }

    int poisson(double mean) {
        return mean <= 0 ? 0 : new PoissonDistribution(random, mean, PoissonDistribution.DEFAULT_EPSILON,
                PoissonDistribution.DEFAULT_MAX_ITERATIONS).sample();
    }

    double gaussian() {
        return random.nextGaussian();
    }
}
