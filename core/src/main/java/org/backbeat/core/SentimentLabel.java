package org.backbeat.core;

/** The three classes every chart and report uses. */
public enum SentimentLabel {
    NEGATIVE, NEUTRAL, POSITIVE
}
