package org.backbeat.nlp.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scores of texts already analysed, by {@link PostAnalyzer#textKey text key}: {@link #lru} for the
 * topology (one per process, shared by its stream threads) and for {@code backbeat score}. Holding what a
 * deterministic scorer said about a text, it is never state: losing it costs only time.
 */
public interface ScoreCache {

    /** The cached scores for {@code key}, or null. */
    TextScores get(String key);

    void put(String key, TextScores scores);

    /** A synchronized cache of the {@code size} texts least recently used, safe to share between threads. */
    static ScoreCache lru(int size) {
        Map<String, TextScores> map = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, TextScores> eldest) {
                return size() > size;
            }
        };
        return new ScoreCache() {
            @Override
            public TextScores get(String key) {
                synchronized (map) {
                    return map.get(key);
                }
            }

            @Override
            public void put(String key, TextScores scores) {
                synchronized (map) {
                    map.put(key, scores);
                }
            }
        };
    }

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
