package org.backbeat.nlp.sentiment;

import java.util.List;
import org.backbeat.core.Sentiment;

/**
 * Sentiment of a text as a whole and of each of its sentences, in text order.
 *
 * @param overall   sentiment of the whole text
 * @param sentences per-sentence sentiment with character offsets into the text
 */
public record TextSentiment(Sentiment overall, List<SentenceSentiment> sentences) {

    public TextSentiment {
        sentences = List.copyOf(sentences);
    }
}
