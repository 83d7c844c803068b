package org.backbeat.dashboard.impact;

import org.backbeat.dashboard.Weight;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded percentile cluster bootstrap of a difference of means: each resample draws every window's texts with
 * replacement (as many as the window has), each drawn text bringing all its copies; the mean of a resample is its
 * posts' mean (each text weighs its number of copies) or, for {@link Weight#TEXTS}, the mean of its texts' means.
 * The interval is the {@code (1-level)/2} and {@code 1-(1-level)/2} quantiles of the resampled differences. When
 * no text repeats it is the ordinary bootstrap over posts. The same seed and data always give the same interval.
 */
final class Bootstrap {

    /** The texts of one window: for each, its number of copies and the sum of their scores. */
    record Texts(double[] counts, double[] sums) {
        Texts {
            if (counts.length != sums.length) {
                throw new IllegalArgumentException("one count and one sum per text");
            }
        }

        /** Each value a text of its own. */
        static Texts singles(double[] values) {
            double[] ones = new double[values.length];
            Arrays.fill(ones, 1);
            return new Texts(ones, values);
        }

        /** Every text once, with the mean of its copies. */
        Texts perTextMeans() {
            double[] means = new double[sums.length];
            for (int i = 0; i < sums.length; i++) {
                means[i] = sums[i] / counts[i];
            }
            return singles(means);
        }

        int size() {
            return counts.length;
        }
    }

    private Bootstrap() {
    }

    static ConfidenceInterval differenceOfMeans(double[] before, double[] after, int resamples, long seed, double level) {
        return differenceOfMeans(Texts.singles(before), Texts.singles(after), resamples, seed, level);
    }

    static ConfidenceInterval differenceOfMeans(Texts before, Texts after, int resamples, long seed, double level) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] differences = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            differences[r] = resampledMean(after, random) - resampledMean(before, random);
        }
        Arrays.sort(differences);
        double alpha = 1 - level;
        return new ConfidenceInterval(quantile(differences, alpha / 2), quantile(differences, 1 - alpha / 2));
    }

    private static double resampledMean(Texts texts, SplittableRandom random) {
        double sum = 0;
        double count = 0;
        for (int i = 0; i < texts.size(); i++) {
            int pick = random.nextInt(texts.size());
            sum += texts.sums()[pick];
            count += texts.counts()[pick];
        }
        return sum / count;
    }

    /** Linear interpolation between order statistics (type 7, as R's and NumPy's default). */
    static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
