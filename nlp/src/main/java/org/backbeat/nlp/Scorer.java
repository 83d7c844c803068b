package org.backbeat.nlp;

import org.backbeat.core.Sentiment;

/**
 * Scores the sentiment of one text. Implementations are shared by every stream thread, so they must be
 * thread-safe; they throw {@link IllegalArgumentException} for a text they cannot score.
 */
public interface Scorer {

    /** The sentiment of {@code text}; throws {@link IllegalArgumentException} if it is blank. */
    Sentiment score(String text);

    /** Name and version of the model, recorded on every scored post, e.g. {@code corenlp-4.5.10/sr/sentiment}. */
    String model();
}
