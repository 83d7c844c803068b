package org.backbeat.nlp.train;

import org.backbeat.core.SentimentLabel;

/**
 * One text of a labelled corpus.
 *
 * @param set    corpus name, e.g. {@code airline}
 * @param text   the text
 * @param gold   the 3-class gold label
 * @param graded the graded gold score in [-1, 1] where the corpus has one, else NaN
 */
public record LabelledText(String set, String text, SentimentLabel gold, double graded) {

    /** Whether the corpus gives a graded score (for Pearson r). */
    public boolean isGraded() {
        return !Double.isNaN(graded);
    }

    /** The fixed split this text belongs to. */
    public Split split() {
        return Split.of(text);
    }
}
