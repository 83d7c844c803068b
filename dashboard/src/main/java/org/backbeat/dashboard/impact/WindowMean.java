package org.backbeat.dashboard.impact;

import org.backbeat.dashboard.Weight;
import java.util.Collection;
import java.util.List;
import org.backbeat.dashboard.ClusteredMean;

/**
 * The mean score of one window (the posts before an event, or after it) with the variance of that mean clustered
 * by text, from the window's sums and those of its repeated texts.
 *
 * <p>With {@link Weight#POSTS} the mean counts every post and its variance is the cluster-robust one of
 * {@link ClusteredMean#smallSample} (copies of one text are one opinion repeated; CR2 with Bell–McCaffrey degrees
 * of freedom, which stay honest when one or two texts dominate a window); with {@link Weight#TEXTS} every text
 * contributes the mean of its copies once and the variance is the plain one of those per-text means, with the
 * distinct texts minus one as degrees of freedom. With no repeated text both are the plain {@code s²/n} with
 * {@code n − 1}.
 *
 * @param posts            scored posts in the window
 * @param texts            distinct texts among them
 * @param mean             the mean (NaN without posts)
 * @param sd               standard deviation of what is averaged (posts, or per-text means), NaN below two
 * @param varianceOfMean   the clustered variance of the mean (NaN below two texts)
 * @param df               degrees of freedom of that variance
 * @param naiveVariance    the variance of the mean as if every post were an independent opinion ({@code s²/n})
 */
record WindowMean(long posts, long texts, double mean, double sd, double varianceOfMean, double df, double naiveVariance) {

    /**
     * @param totals   the window's count, sum and sum of squares
     * @param repeated each repeated text's sums within the window (texts absent from it may be given as empty)
     */
    static WindowMean of(ScoreSums totals, Collection<ScoreSums> repeated, Weight weight) {
        List<ScoreSums> present = repeated.stream().filter(c -> c.count() > 0).toList();
        long n = totals.count();
        double postSd = sd(n, totals.sum(), totals.sumOfSquares());
        double naive = n < 2 ? Double.NaN : postSd * postSd / n;
        if (weight == Weight.POSTS) {
            ClusteredMean.SmallSample r = ClusteredMean.smallSample(n, totals.sum(), totals.sumOfSquares(),
                    present.stream().map(c -> new ClusteredMean.Cluster(c.count(), c.sum(), c.sumOfSquares())).toList());
            return new WindowMean(n, r.texts(), r.mean(), postSd, r.variance(), r.df(), naive);
        }
        long singles = n;
        double sum = totals.sum();
        double squares = totals.sumOfSquares();
        for (ScoreSums c : present) {
            singles -= c.count();
            sum -= c.sum();
            squares -= c.sumOfSquares();
            double m = c.mean();
            sum += m;
            squares += m * m;
        }
        long texts = singles + present.size();
        double textSd = sd(texts, sum, squares);
        return new WindowMean(n, texts, texts == 0 ? Double.NaN : sum / texts, textSd,
                texts < 2 ? Double.NaN : textSd * textSd / texts, texts - 1.0, naive);
    }

    private static double sd(long n, double sum, double squares) {
        if (n < 2) {
            return Double.NaN;
        }
        double mean = sum / n;
        return Math.sqrt(Math.max(0, (squares - n * mean * mean) / (n - 1)));
    }
}
