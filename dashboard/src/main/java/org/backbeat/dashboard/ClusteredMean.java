package org.backbeat.dashboard;

import java.util.List;

/**
 * The mean of a set of scores and its 95% interval with the standard error clustered by text: copies of one
 * text (a retweet storm of one headline) are one opinion repeated, not many independent ones, so a bucket
 * dominated by one text gets a wide interval.
 *
 * <p>The variance is the cluster-robust (CR1, Liang–Zeger) estimator of a mean:
 * {@code V = G/(G−1) · Σ_c (S_c − n_c·m)² / n²}, where {@code G} is the number of distinct texts, {@code S_c} and
 * {@code n_c} the sum and count of the scores of text {@code c}, {@code n} all scores and {@code m} their mean; the
 * critical value is Student's t with {@code G − 1} degrees of freedom. When no text repeats ({@code G = n}) it is
 * exactly the plain interval {@code m ± t(n−1) · s/√n} of {@link SentimentStats#of}.
 *
 * <p>It needs only what Elasticsearch aggregations return: the count, sum and sum of squares of all scores, and
 * count, sum and sum of squares of each <em>repeated</em> text (a terms aggregation on the text cluster with
 * {@code min_doc_count: 2}); every other text is a single post whose contribution is recovered from the totals.
 */
public final class ClusteredMean {

    /** Count, sum and sum of squares of the scores of one text that occurs at least twice. */
    public record Cluster(long count, double sum, double sumOfSquares) {
        public Cluster {
            if (count < 1) {
                throw new IllegalArgumentException("a cluster has at least one score, got " + count);
            }
        }
    }

    /**
     * @param n          all scores
     * @param mean       their mean (null when n = 0)
     * @param texts      distinct texts G (repeated clusters plus single posts)
     * @param halfWidth  half the width of the 95% interval (null when fewer than two distinct texts)
     */
    public record Result(long n, Double mean, long texts, Double halfWidth) {
        public Double low() {
            return halfWidth == null ? null : mean - halfWidth;
        }

        public Double high() {
            return halfWidth == null ? null : mean + halfWidth;
        }

        /** The clustered standard error of the mean (the half width over Student's t quantile), null with fewer than two texts. */
        public Double standardError() {
            return halfWidth == null ? null : halfWidth / SentimentStats.tQuantile975(texts - 1);
        }
    }

    private ClusteredMean() {
    }

    /**
     * @param n            number of scores
     * @param sum          their sum
     * @param sumOfSquares the sum of their squares
     * @param repeated     the texts that occur more than once (any order; a cluster of one is accepted too)
     */
    public static Result of(long n, double sum, double sumOfSquares, List<Cluster> repeated) {
        if (n <= 0) {
            return new Result(0, null, 0, null);
        }
        double mean = sum / n;
        long inClusters = 0;
        double clusterSum = 0;
        double clusterSquares = 0;
        double between = 0;
        for (Cluster c : repeated) {
            inClusters += c.count();
            clusterSum += c.sum();
            clusterSquares += c.sumOfSquares();
            double residual = c.sum() - c.count() * mean;
            between += residual * residual;
        }
        if (inClusters > n) {
            throw new IllegalArgumentException("clusters hold " + inClusters + " scores, more than the " + n + " in all");
        }
        long singles = n - inClusters;
        double singleSum = sum - clusterSum;
        double singleSquares = sumOfSquares - clusterSquares;
        // Σ (x − m)² over the single posts, from their sum and sum of squares.
        double singleResiduals = Math.max(0, singleSquares - 2 * mean * singleSum + singles * mean * mean);
        long texts = singles + repeated.size();
        if (texts < 2) {
            return new Result(n, mean, texts, null);
        }
        double variance = (double) texts / (texts - 1) * (between + singleResiduals) / ((double) n * n);
        return new Result(n, mean, texts, SentimentStats.tQuantile975(texts - 1) * Math.sqrt(variance));
    }
}
