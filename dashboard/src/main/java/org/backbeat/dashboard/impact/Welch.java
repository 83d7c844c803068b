package org.backbeat.dashboard.impact;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.StatUtils;

/**
 * Welch's unequal-variances t comparison of two samples' means, with the Welch–Satterthwaite degrees of
 * freedom {@code df = (vA/nA + vB/nB)² / ((vA/nA)²/(nA-1) + (vB/nB)²/(nB-1))}.
 */
final class Welch {

    /** Result for {@code mean(after) - mean(before)}. */
    record Result(double difference, double standardError, double t, double df, double p, ConfidenceInterval interval) {
    }

    private Welch() {
    }

    /** Compares {@code after} with {@code before} (each at least two values) at confidence {@code level}. */
    static Result compare(double[] before, double[] after, double level) {
        if (before.length < 2 || after.length < 2) {
            throw new IllegalArgumentException("Welch's t needs at least two values per sample, had " + before.length + " and " + after.length);
        }
        double difference = StatUtils.mean(after) - StatUtils.mean(before);
        double qb = StatUtils.variance(before) / before.length;
        double qa = StatUtils.variance(after) / after.length;
        double se = Math.sqrt(qa + qb);
        if (se == 0) {
            // Both samples constant: the difference is known exactly.
            return new Result(difference, 0, difference == 0 ? 0 : Math.copySign(Double.MAX_VALUE, difference),
                    before.length + after.length - 2.0, difference == 0 ? 1 : 0, new ConfidenceInterval(difference, difference));
        }
        double df = (qa + qb) * (qa + qb) / (qa * qa / (after.length - 1) + qb * qb / (before.length - 1));
        double t = difference / se;
        TDistribution dist = new TDistribution(null, df);
        double p = 2 * dist.cumulativeProbability(-Math.abs(t));
        double q = dist.inverseCumulativeProbability(1 - (1 - level) / 2);
        return new Result(difference, se, t, df, p, ConfidenceInterval.around(difference, q * se));
    }
}
