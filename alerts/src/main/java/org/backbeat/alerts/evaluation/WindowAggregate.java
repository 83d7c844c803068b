package org.backbeat.alerts.evaluation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What one window of one rule and entity holds: counts and sentiment sums over posts and over distinct texts,
 * and the texts with the most copies. Built post by post by the topology, or from Elasticsearch aggregations
 * by a backtest; the evaluator reads nothing else.
 *
 * @param start          window start (event time, inclusive)
 * @param end            window end (exclusive)
 * @param posts          posts
 * @param texts          distinct texts (text clusters) among them
 * @param scoredPosts    posts with a sentiment
 * @param scoredTexts    distinct texts among the scored posts
 * @param sentimentSum   sum of the scored posts' sentiment
 * @param sentimentSumSq sum of its squares
 * @param negatives      scored posts labelled negative
 * @param topTexts       up to {@code AlertRule.TRACKED_TEXTS} texts with the most copies, most first (may be
 *                       empty where the caller did not load them)
 */
public record WindowAggregate(Instant start, Instant end, long posts, long texts, long scoredPosts, long scoredTexts,
                              double sentimentSum, double sentimentSumSq, long negatives, List<TextCount> topTexts) {

    public static final Comparator<TextCount> MOST_COPIES = Comparator.comparingLong(TextCount::copies).reversed()
            .thenComparing(TextCount::textCluster);

    public WindowAggregate {
        topTexts = topTexts == null ? List.of() : List.copyOf(topTexts);
    }

    public static WindowAggregate empty(Instant start, Instant end) {
        return new WindowAggregate(start, end, 0, 0, 0, 0, 0, 0, 0, List.of());
    }

    /**
     * This window with one more post.
     *
     * @param firstCopy       whether the post's text is new in this window
     * @param firstScoredCopy whether it is the first scored copy of its text in this window
     */
    public WindowAggregate plusPost(boolean firstCopy, boolean firstScoredCopy, Double sentiment, boolean negative) {
        boolean scored = sentiment != null;
        double s = scored ? sentiment : 0;
        return new WindowAggregate(start, end, posts + 1, texts + (firstCopy ? 1 : 0), scoredPosts + (scored ? 1 : 0),
                scoredTexts + (firstScoredCopy ? 1 : 0), sentimentSum + s, sentimentSumSq + s * s,
                negatives + (scored && negative ? 1 : 0), topTexts);
    }

    /** This window with its top texts (sorted, most copies first, at most {@code limit}). */
    public WindowAggregate withTopTexts(List<TextCount> texts, int limit) {
        List<TextCount> sorted = new ArrayList<>(texts);
        sorted.sort(MOST_COPIES);
        return new WindowAggregate(start, end, posts, this.texts, scoredPosts, scoredTexts, sentimentSum,
                sentimentSumSq, negatives, sorted.subList(0, Math.min(limit, sorted.size())));
    }

    /** The window as if the copies of {@code text} had not been posted. */
    public WindowAggregate without(TextCount text) {
        List<TextCount> rest = topTexts.stream().filter(t -> !t.textCluster().equals(text.textCluster())).toList();
        return new WindowAggregate(start, end, posts - text.copies(), texts - 1, scoredPosts - text.scoredCopies(),
                scoredTexts - (text.scoredCopies() > 0 ? 1 : 0), sentimentSum - text.sentimentSum(),
                sentimentSumSq - text.sentimentSumSq(), negatives - text.negatives(), rest);
    }

    /**
     * The window as if {@code text} had been posted once: its other copies removed, the one left with the
     * copies' mean sentiment and labelled negative when most copies were.
     */
    public WindowAggregate collapse(TextCount text) {
        if (text.copies() <= 1) {
            return this;
        }
        long keptScored = text.scoredCopies() > 0 ? 1 : 0;
        double mean = text.scoredCopies() > 0 ? text.sentimentSum() / text.scoredCopies() : 0;
        long keptNegative = keptScored == 1 && 2 * text.negatives() > text.scoredCopies() ? 1 : 0;
        List<TextCount> rest = topTexts.stream().filter(t -> !t.textCluster().equals(text.textCluster())).toList();
        return new WindowAggregate(start, end, posts - text.copies() + 1, texts, scoredPosts - text.scoredCopies() + keptScored,
                scoredTexts, sentimentSum - text.sentimentSum() + keptScored * mean,
                sentimentSumSq - text.sentimentSumSq() + keptScored * mean * mean, negatives - text.negatives() + keptNegative,
                rest);
    }

    public Double meanSentiment() {
        return scoredPosts == 0 ? null : sentimentSum / scoredPosts;
    }

    public Double negativeShare() {
        return scoredPosts == 0 ? null : (double) negatives / scoredPosts;
    }
}
