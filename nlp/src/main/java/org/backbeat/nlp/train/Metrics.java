package org.backbeat.nlp.train;

import java.util.List;
import java.util.Locale;
import org.backbeat.core.SentimentLabel;

/**
 * Classification metrics over the three classes: a confusion matrix (rows gold, columns predicted, in
 * the order negative, neutral, positive), and Pearson r between graded gold scores and predicted
 * polarity where the corpus is graded.
 *
 * @param confusion counts, {@code confusion[gold][predicted]}
 * @param pearson   Pearson r of graded gold and predicted score, NaN when the corpus is not graded
 */
public record Metrics(long[][] confusion, double pearson) {

    /** Metrics of predictions against gold labels; {@code graded} and {@code scores} may be null. */
    public static Metrics of(List<SentimentLabel> gold, List<SentimentLabel> predicted, double[] graded, double[] scores) {
        long[][] m = new long[3][3];
        for (int i = 0; i < gold.size(); i++) {
            m[gold.get(i).ordinal()][predicted.get(i).ordinal()]++;
        }
        return new Metrics(m, graded == null ? Double.NaN : pearson(graded, scores));
    }

    public long total() {
        long n = 0;
        for (long[] row : confusion) {
            for (long v : row) {
                n += v;
            }
        }
        return n;
    }

    public double accuracy() {
        return total() == 0 ? 0 : (double) (confusion[0][0] + confusion[1][1] + confusion[2][2]) / total();
    }

    /** Recall of class {@code c}: NaN when the gold has none of it. */
    public double recall(SentimentLabel c) {
        int k = c.ordinal();
        long row = confusion[k][0] + confusion[k][1] + confusion[k][2];
        return row == 0 ? Double.NaN : (double) confusion[k][k] / row;
    }

    public double precision(SentimentLabel c) {
        int k = c.ordinal();
        long col = confusion[0][k] + confusion[1][k] + confusion[2][k];
        return col == 0 ? 0 : (double) confusion[k][k] / col;
    }

    /** Macro-averaged recall over the classes present in the gold (SemEval-2017 Task 4A's measure). */
    public double macroRecall() {
        double sum = 0;
        int n = 0;
        for (SentimentLabel c : SentimentLabel.values()) {
            double r = recall(c);
            if (!Double.isNaN(r)) {
                sum += r;
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    /** F1 of class {@code c} (0 when neither predicted nor gold has it right). */
    public double f1(SentimentLabel c) {
        double r = recall(c);
        double p = precision(c);
        return Double.isNaN(r) || p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** SemEval Task 4A's second measure, F1<sup>PN</sup>: the mean F1 of positive and negative (neutral only as an error). */
    public double f1PosNeg() {
        return (f1(SentimentLabel.POSITIVE) + f1(SentimentLabel.NEGATIVE)) / 2;
    }

    /** Macro-averaged F1 over the classes present in the gold. */
    public double macroF1() {
        double sum = 0;
        int n = 0;
        for (SentimentLabel c : SentimentLabel.values()) {
            double r = recall(c);
            if (!Double.isNaN(r)) {
                double p = precision(c);
                sum += p + r == 0 ? 0 : 2 * p * r / (p + r);
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    /** The confusion matrix as text, one gold row a line. */
    public String confusionText() {
        StringBuilder out = new StringBuilder("gold \\ predicted   negative  neutral  positive\n");
        for (SentimentLabel g : SentimentLabel.values()) {
            out.append(String.format(Locale.ROOT, "%-18s %8d %8d %9d%n", g.name().toLowerCase(Locale.ROOT),
                    confusion[g.ordinal()][0], confusion[g.ordinal()][1], confusion[g.ordinal()][2]));
        }
        return out.toString();
    }

    static double pearson(double[] x, double[] y) {
        int n = x.length;
        if (n < 2) {
            return Double.NaN;
        }
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }
}
