package org.backbeat.dashboard.impact;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded percentile bootstrap of a difference of means: each resample draws every window's posts with
 * replacement (same sizes), the interval is the {@code (1-level)/2} and {@code 1-(1-level)/2} quantiles of the
 * resampled differences. The same seed and data always give the same interval.
 */
final class Bootstrap {

    private Bootstrap() {
    }

    static ConfidenceInterval differenceOfMeans(double[] before, double[] after, int resamples, long seed, double level) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] differences = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            differences[r] = resampledMean(after, random) - resampledMean(before, random);
        }
        Arrays.sort(differences);
        double alpha = 1 - level;
        return new ConfidenceInterval(quantile(differences, alpha / 2), quantile(differences, 1 - alpha / 2));
    }

    private static double resampledMean(double[] values, SplittableRandom random) {
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            sum += values[random.nextInt(values.length)];
        }
        return sum / values.length;
    }

    /** Linear interpolation between order statistics (type 7, as R's and NumPy's default). */
    static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
