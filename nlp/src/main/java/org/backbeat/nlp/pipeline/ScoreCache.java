package org.backbeat.nlp.pipeline;

/**
 * Scores of texts already analysed, by {@link PostAnalyzer#textKey text key}. The topology backs it with
 * a bounded state store; {@code backbeat score} with a small in-memory map.
 */
public interface ScoreCache {

    /** The cached scores for {@code key}, or null. */
    TextScores get(String key);

    void put(String key, TextScores scores);

    /** A cache that remembers nothing. */
    static ScoreCache none() {
        return new ScoreCache() {
            @Override
            public TextScores get(String key) {
                return null;
            }

            @Override
            public void put(String key, TextScores scores) {
            }
        };
    }
}
