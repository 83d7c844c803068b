package org.backbeat.dashboard.impact;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.StatUtils;

/**
 * Welch's unequal-variances t comparison of two means, with the Welch–Satterthwaite degrees of freedom
 * {@code df = (qA + qB)² / (qA²/dfA + qB²/dfB)}, where {@code q} is each mean's variance and {@code dfA}, {@code dfB}
 * the degrees of freedom of those variances: {@code n − 1} for a plain sample ({@code q = s²/n}), or the distinct
 * texts minus one for a variance clustered by text ({@link WindowMean}).
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
        return compare(StatUtils.mean(before), StatUtils.variance(before) / before.length, before.length - 1.0,
                StatUtils.mean(after), StatUtils.variance(after) / after.length, after.length - 1.0, level);
    }

    /** Compares two windows' means with their clustered variances ({@link WindowMean#varianceOfMean()}). */
    static Result compare(WindowMean before, WindowMean after, double level) {
        return compare(before.mean(), before.varianceOfMean(), before.df(), after.mean(), after.varianceOfMean(), after.df(), level);
    }

    /** The same comparison as if every post were an independent opinion (each copy of a text counted in full). */
    static Result ignoringCopies(WindowMean before, WindowMean after, double level) {
        return compare(before.mean(), before.naiveVariance(), before.posts() - 1.0, after.mean(), after.naiveVariance(),
                after.posts() - 1.0, level);
    }

    /**
     * @param qb  variance of the before mean
     * @param dfb its degrees of freedom
     */
    static Result compare(double meanBefore, double qb, double dfb, double meanAfter, double qa, double dfa, double level) {
        if (!(dfb >= 1) || !(dfa >= 1)) {
            throw new IllegalArgumentException("Welch's t needs at least two values (texts) per side, had " + (dfb + 1) + " and " + (dfa + 1));
        }
        double difference = meanAfter - meanBefore;
        double se = Math.sqrt(qa + qb);
        if (se == 0) {
            // Both samples constant: the difference is known exactly.
            return new Result(difference, 0, difference == 0 ? 0 : Math.copySign(Double.MAX_VALUE, difference),
                    dfb + dfa, difference == 0 ? 1 : 0, new ConfidenceInterval(difference, difference));
        }
        double df = (qa + qb) * (qa + qb) / (qa * qa / dfa + qb * qb / dfb);
        double t = difference / se;
        TDistribution dist = new TDistribution(null, df);
        double p = 2 * dist.cumulativeProbability(-Math.abs(t));
        double q = dist.inverseCumulativeProbability(1 - (1 - level) / 2);
        return new Result(difference, se, t, df, p, ConfidenceInterval.around(difference, q * se));
    }
}
