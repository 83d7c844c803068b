package org.backbeat.alerts.evaluation;

/**
 * The trailing history a window is compared with: sums over the last closed windows of one rule and entity,
 * kept as running sums (a window enters when it closes and leaves when it falls out of the baseline).
 *
 * @param windows        closed windows in the baseline (empty ones included)
 * @param posts          posts in them
 * @param postsSq        sum over windows of posts squared (for the standard deviation of volume)
 * @param texts          sum over windows of distinct texts
 * @param scoredPosts    scored posts
 * @param scoredTexts    sum over windows of distinct scored texts: the sample size of sentiment tests
 * @param sentimentSum   sum of scored posts' sentiment
 * @param sentimentSumSq sum of squares
 * @param negatives      scored posts labelled negative
 */
public record Baseline(int windows, long posts, long postsSq, long texts, long scoredPosts, long scoredTexts,
                       double sentimentSum, double sentimentSumSq, long negatives) {

    public static final Baseline EMPTY = new Baseline(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public Baseline plus(WindowAggregate w) {
        return new Baseline(windows + 1, posts + w.posts(), postsSq + w.posts() * w.posts(), texts + w.texts(),
                scoredPosts + w.scoredPosts(), scoredTexts + w.scoredTexts(), sentimentSum + w.sentimentSum(),
                sentimentSumSq + w.sentimentSumSq(), negatives + w.negatives());
    }

    public Baseline minus(WindowAggregate w) {
        return new Baseline(windows - 1, posts - w.posts(), postsSq - w.posts() * w.posts(), texts - w.texts(),
                scoredPosts - w.scoredPosts(), scoredTexts - w.scoredTexts(), sentimentSum - w.sentimentSum(),
                sentimentSumSq - w.sentimentSumSq(), negatives - w.negatives());
    }

    /** Mean posts per window. */
    public double meanPosts() {
        return windows == 0 ? 0 : (double) posts / windows;
    }

    /** Sample standard deviation of posts per window (0 with fewer than two windows). */
    public double stdDevPosts() {
        if (windows < 2) {
            return 0;
        }
        double mean = meanPosts();
        return Math.sqrt(Math.max(0, (postsSq - windows * mean * mean) / (windows - 1)));
    }

    public Double meanSentiment() {
        return scoredPosts == 0 ? null : sentimentSum / scoredPosts;
    }

    /** Sample variance of scored posts' sentiment. */
    public double sentimentVariance() {
        return variance(scoredPosts, sentimentSum, sentimentSumSq);
    }

    public Double negativeShare() {
        return scoredPosts == 0 ? null : (double) negatives / scoredPosts;
    }

    static double variance(long n, double sum, double sumSq) {
        if (n < 2) {
            return 0;
        }
        double mean = sum / n;
        return Math.max(0, (sumSq - n * mean * mean) / (n - 1));
    }
}
