package org.backbeat.core;

import java.util.Objects;

/**
 * Sentiment of a text.
 *
 * @param label      the class the scorer chose
 * @param score      polarity in [-1, 1]: -1 very negative, 0 neutral, 1 very positive
 * @param confidence the scorer's probability for {@code label}, in [0, 1]
 */
public record Sentiment(SentimentLabel label, double score, double confidence) {

    public Sentiment {
        Objects.requireNonNull(label, "label");
        if (!(score >= -1.0 && score <= 1.0)) {
            throw new IllegalArgumentException("score must be in [-1, 1], was " + score);
        }
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("confidence must be in [0, 1], was " + confidence);
        }
    }
}
