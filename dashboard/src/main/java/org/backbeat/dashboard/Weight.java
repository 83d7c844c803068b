package org.backbeat.dashboard;

import java.util.List;
import java.util.Locale;

/**
 * What one unit of a count or a mean is: every post ({@link #POSTS}, "what was seen", the default) or every
 * distinct text once ({@link #TEXTS}, "what was said": a storm of 151 copies of one headline is one voice).
 *
 * <p>With {@code posts} the mean is the mean of all scores and its 95% interval is clustered by text
 * ({@link ClusteredMean}). With {@code texts} each distinct text is one observation whose value is the mean score of
 * its copies; the mean is the mean of these per-text means and the interval is the plain Student's t interval over
 * them ({@code G} texts, {@code G − 1} degrees of freedom), so the interval is consistent with that definition.
 * When no text repeats both give the same mean and interval.
 */
public enum Weight {
    POSTS, TEXTS;

    /** The name used in URLs and JSON. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code posts} or {@code texts} (any case); null or blank gives {@link #POSTS}. */
    public static Weight parse(String value) {
        if (value == null || value.isBlank()) {
            return POSTS;
        }
        for (Weight w : values()) {
            if (w.id().equalsIgnoreCase(value.strip())) {
                return w;
            }
        }
        throw new IllegalArgumentException("weight must be posts or texts, was '" + value + "'");
    }

    /** {@code weight}: posts (default) or texts. */
    public static Weight of(Params.Lookup p) {
        return valueOf(Params.choice(p, "weight", "posts", "posts", "texts").toUpperCase(Locale.ROOT));
    }

    /**
     * A mean under this weight.
     *
     * @param scored the scored posts
     * @param texts  the distinct texts among them
     * @param mean   the mean (null when nothing was scored)
     * @param ciLow  its 95% interval (null with fewer than two distinct texts)
     */
    public record Mean(long scored, long texts, Double mean, Double ciLow, Double ciHigh) {
        public static final Mean NONE = new Mean(0, 0, null, null, null);
    }

    /**
     * The mean of {@code n} scores with sum {@code sum} and sum of squares {@code sumOfSquares}, of which the
     * texts in {@code repeated} occur more than once (what a terms aggregation with {@code min_doc_count: 2} on the
     * text cluster returns); every other score is a text of its own.
     */
    public Mean mean(long n, double sum, double sumOfSquares, List<ClusteredMean.Cluster> repeated) {
        if (n <= 0) {
            return Mean.NONE;
        }
        ClusteredMean.Result clustered = ClusteredMean.of(n, sum, sumOfSquares, repeated);
        if (this == POSTS) {
            return new Mean(n, clustered.texts(), clustered.mean(), clustered.low(), clustered.high());
        }
        // one value per text: the single posts' scores as they are, each repeated text's mean
        long singles = n;
        double values = sum;
        double squares = sumOfSquares;
        for (ClusteredMean.Cluster c : repeated) {
            double m = c.sum() / c.count();
            singles -= c.count();
            values += m - c.sum();
            squares += m * m - c.sumOfSquares();
        }
        long texts = singles + repeated.size();
        SentimentStats perText = SentimentStats.of(texts, values, Math.max(0, squares), 0, 0, 0);
        return new Mean(n, texts, perText.mean(), perText.ciLow(), perText.ciHigh());
    }
}
