package org.backbeat.nlp.sentiment;

/**
 * The scorer production uses: the one place that decides which model scores posts, so the pipeline,
 * {@code backbeat score} and {@code backbeat eval} always agree.
 */
public final class Scorers {

    private Scorers() {
    }

    /** Loads the standard scorer (seconds, about 1 GB of heap). */
    public static Scorer standard() {
        return CalibratedScorer.load();
    }
}
