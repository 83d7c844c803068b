package org.backbeat.dashboard;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Sentiment of a set of posts: how many were scored, their mean score with its 95% confidence interval, and
 * the shares of negative, neutral and positive labels. Built from what Elasticsearch's {@code extended_stats}
 * returns (count, sum, sum of squares), so nothing needs the posts themselves.
 *
 * <p>The interval is Student's t: {@code mean ± t(0.975, n-1) · s / √n} with the sample variance
 * {@code s² = (Σx² − (Σx)²/n) / (n−1)}. Null where it does not exist: mean and shares when nothing was scored,
 * the interval when fewer than two posts were.
 *
 * @param scored   posts with a score (unscored posts count in volume only)
 * @param mean     mean score in [-1, 1]
 * @param ciLow    lower bound of the 95% confidence interval of the mean
 * @param ciHigh   upper bound
 * @param negative share of scored posts labelled negative, in [0, 1]
 * @param neutral  share labelled neutral
 * @param positive share labelled positive
 */
public record SentimentStats(long scored, Double mean, Double ciLow, Double ciHigh,
                             Double negative, Double neutral, Double positive) {

    public static final SentimentStats NONE = new SentimentStats(0, null, null, null, null, null, null);
    private static final ConcurrentMap<Long, Double> T_QUANTILES = new ConcurrentHashMap<>();

    /**
     * @param n            number of scores
     * @param sum          their sum
     * @param sumOfSquares the sum of their squares
     * @param negatives    how many are labelled negative (likewise neutrals, positives)
     */
    public static SentimentStats of(long n, double sum, double sumOfSquares, long negatives, long neutrals, long positives) {
        if (n <= 0) {
            return NONE;
        }
        double mean = sum / n;
        Double low = null;
        Double high = null;
        if (n >= 2) {
            double variance = Math.max(0, (sumOfSquares - sum * sum / n) / (n - 1));
            double half = tQuantile975(n - 1) * Math.sqrt(variance / n);
            low = mean - half;
            high = mean + half;
        }
        return new SentimentStats(n, mean, low, high, (double) negatives / n, (double) neutrals / n, (double) positives / n);
    }

    /** The 97.5% quantile of Student's t with {@code degreesOfFreedom}: the 95% two-sided critical value. */
    static double tQuantile975(long degreesOfFreedom) {
        return T_QUANTILES.computeIfAbsent(degreesOfFreedom,
                df -> new TDistribution(null, df).inverseCumulativeProbability(0.975));
    }
}
