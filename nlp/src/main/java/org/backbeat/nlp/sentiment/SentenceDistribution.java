package org.backbeat.nlp.sentiment;

import java.util.List;

/**
 * CoreNLP's sentiment for one sentence: the 5-class distribution at the root of its sentiment tree
 * (very negative, negative, neutral, positive, very positive).
 *
 * @param begin  offset of the sentence's first character in the text CoreNLP read
 * @param end    offset just past its last character
 * @param tokens number of tokens
 * @param p      the five class probabilities
 */
public record SentenceDistribution(int begin, int end, int tokens, double[] p) {

    /** The polarity {@code -p0 - 0.5 p1 + 0.5 p3 + p4}, in [-1, 1]. */
    public double score() {
        return -p[0] - 0.5 * p[1] + 0.5 * p[3] + p[4];
    }

    /** The token-weighted average distribution of {@code sentences} (all zeros when there are none). */
    public static double[] tokenWeighted(List<SentenceDistribution> sentences) {
        double[] p = new double[5];
        long tokens = 0;
        for (SentenceDistribution s : sentences) {
            for (int c = 0; c < p.length; c++) {
                p[c] += s.tokens * s.p[c];
            }
            tokens += s.tokens;
        }
        for (int c = 0; tokens > 0 && c < p.length; c++) {
            p[c] /= tokens;
        }
        return p;
    }
}
