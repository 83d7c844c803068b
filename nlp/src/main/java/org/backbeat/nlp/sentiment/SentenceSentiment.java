package org.backbeat.nlp.sentiment;

import org.backbeat.core.Sentiment;

/**
 * Sentiment of one sentence of a text.
 *
 * @param begin     offset of the sentence's first character in the scored text
 * @param end       offset just past its last character
 * @param sentiment the sentence's sentiment
 */
public record SentenceSentiment(int begin, int end, Sentiment sentiment) {
}
