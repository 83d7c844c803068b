package org.backbeat.nlp.sentiment;

import edu.stanford.nlp.sentiment.SentimentModel;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** The words CoreNLP's sentiment model has vectors for, lower-cased: what the normaliser counts as known. */
public final class Vocabulary {

    /** CoreNLP's sentiment model, in the {@code models} jar. */
    public static final String SENTIMENT_MODEL = "edu/stanford/nlp/models/sentiment/sentiment.ser.gz";

    private Vocabulary() {
    }

    /** Loads the sentiment model's word list (about a second). */
    public static Set<String> coreNlpSentiment() {
        SentimentModel model = SentimentModel.loadSerialized(SENTIMENT_MODEL);
        Set<String> words = new HashSet<>();
        for (String w : model.wordVectors.keySet()) {
            words.add(w.toLowerCase(Locale.ROOT));
        }
        return Set.copyOf(words);
    }
}
