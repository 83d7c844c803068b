package org.backbeat.dashboard.impact;

/**
 * Count, sum and sum of squares of some scores: what an Elasticsearch {@code extended_stats} aggregation returns,
 * and all a mean and its variance need.
 */
public record ScoreSums(long count, double sum, double sumOfSquares) {

    public static final ScoreSums EMPTY = new ScoreSums(0, 0, 0);

    public ScoreSums {
        if (count < 0) {
            throw new IllegalArgumentException("a count cannot be negative, was " + count);
        }
    }

    public static ScoreSums of(double score) {
        return new ScoreSums(1, score, score * score);
    }

    public ScoreSums plus(ScoreSums other) {
        return new ScoreSums(count + other.count, sum + other.sum, sumOfSquares + other.sumOfSquares);
    }

    /** The mean, NaN when there are no scores. */
    public double mean() {
        return count == 0 ? Double.NaN : sum / count;
    }
}
