package org.backbeat.alerts.evaluation;

import org.backbeat.core.Alert;

/**
 * One distinct text (text cluster) of a window: how many posts of the window are copies of it, their
 * sentiment, and one of them as an example.
 *
 * @param textCluster     the cluster id
 * @param copies          posts of the window with this text
 * @param scoredCopies    those that carry a sentiment
 * @param sentimentSum    sum of their sentiment scores
 * @param sentimentSumSq  sum of the squares
 * @param negatives       those labelled negative
 * @param example         one of the copies, for people (text, link, author), or null
 */
public record TextCount(String textCluster, long copies, long scoredCopies, double sentimentSum,
                        double sentimentSumSq, long negatives, Alert.Sample example) {

    /** The first copy of a text. */
    public static TextCount first(String textCluster, Double sentiment, boolean negative, Alert.Sample example) {
        return new TextCount(textCluster, 0, 0, 0, 0, 0, example).plus(sentiment, negative);
    }

    /** One more copy. */
    public TextCount plus(Double sentiment, boolean negative) {
        boolean scored = sentiment != null;
        double s = scored ? sentiment : 0;
        return new TextCount(textCluster, copies + 1, scoredCopies + (scored ? 1 : 0), sentimentSum + s,
                sentimentSumSq + s * s, negatives + (scored && negative ? 1 : 0), example);
    }

    /** Mean sentiment of the copies, or null when none is scored. */
    public Double meanSentiment() {
        return scoredCopies == 0 ? null : sentimentSum / scoredCopies;
    }

    /** As the alert names it. */
    public Alert.Driver driver() {
        return new Alert.Driver(textCluster, example == null ? null : example.text(), copies, meanSentiment());
    }
}
