package org.backbeat.nlp.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.backbeat.core.Sentiment;
import org.backbeat.core.SentimentLabel;
import org.backbeat.nlp.sentiment.Scorer;

/**
 * Evaluates scorers on the held-out test split of labelled corpora: the calibrated model and the
 * baseline (raw CoreNLP, 5 classes folded to 3) side by side on the same texts.
 */
public final class SentimentEvaluation {

    /** One corpus's figures for each scorer, in the order the scorers were given. */
    public record SetResult(String set, List<String> scorers, List<Metrics> metrics) {
    }

    private final LabelledSets sets;

    public SentimentEvaluation(LabelledSets sets) {
        this.sets = sets;
    }

    /**
     * The test texts of {@code set} (every text of a {@link LabelledSets#HELD_OUT} corpus): all of them, or with {@code sample > 0} the first {@code sample} in
     * the order of their texts' SHA-256 (a fixed pseudo-random sample).
     */
    public List<LabelledText> testTexts(String set, int sample) {
        List<LabelledText> test = LabelledSets.HELD_OUT.contains(set) ? sets.read(set)
                : sets.read(set).stream().filter(t -> t.split() == Split.TEST).toList();
        if (sample <= 0 || sample >= test.size()) {
            return test;
        }
        return test.stream()
                .sorted(Comparator.comparing((LabelledText t) -> HexFormat.of().formatHex(Split.sha256(t.text().trim()))))
                .limit(sample)
                .toList();
    }

    /** Scores {@code texts} with each scorer. */
    public static SetResult evaluate(String set, List<LabelledText> texts, List<Scorer> scorers) {
        List<Metrics> metrics = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Scorer scorer : scorers) {
            List<SentimentLabel> gold = new ArrayList<>(), predicted = new ArrayList<>();
            double[] graded = new double[texts.size()], scores = new double[texts.size()];
            boolean isGraded = !texts.isEmpty() && texts.get(0).isGraded();
            for (int i = 0; i < texts.size(); i++) {
                Sentiment s = scoreOrNeutral(scorer, texts.get(i).text());
                gold.add(texts.get(i).gold());
                predicted.add(s.label());
                graded[i] = texts.get(i).graded();
                scores[i] = s.score();
            }
            metrics.add(Metrics.of(gold, predicted, isGraded ? graded : null, isGraded ? scores : null));
            names.add(scorer.model());
        }
        return new SetResult(set, names, metrics);
    }

    /** A text a scorer refuses (CoreNLP finds no word in "😡😡") counts as neutral for it. */
    private static Sentiment scoreOrNeutral(Scorer scorer, String text) {
        try {
            return scorer.score(text);
        } catch (IllegalArgumentException e) {
            return new Sentiment(SentimentLabel.NEUTRAL, 0, 0);
        }
    }

    /** The results as a Markdown table, then each confusion matrix. */
    public static String markdown(List<SetResult> results) {
        StringBuilder out = new StringBuilder();
        out.append("| corpus (test split) | n | scorer | macro-recall | F1-PN | macro-F1 | accuracy | recall neg / neu / pos | Pearson r |\n");
        out.append("|---|---|---|---|---|---|---|---|---|\n");
        for (SetResult r : results) {
            for (int i = 0; i < r.scorers().size(); i++) {
                Metrics m = r.metrics().get(i);
                out.append(String.format(Locale.ROOT, "| %s | %d | %s | %.3f | %.3f | %.3f | %.3f | %s / %s / %s | %s |%n",
                        r.set(), m.total(), r.scorers().get(i), m.macroRecall(), m.f1PosNeg(), m.macroF1(), m.accuracy(),
                        fmt(m.recall(SentimentLabel.NEGATIVE)), fmt(m.recall(SentimentLabel.NEUTRAL)),
                        fmt(m.recall(SentimentLabel.POSITIVE)), fmt(m.pearson())));
            }
        }
        for (SetResult r : results) {
            for (int i = 0; i < r.scorers().size(); i++) {
                out.append("\n").append(r.set()).append(", ").append(r.scorers().get(i)).append(":\n```\n")
                        .append(r.metrics().get(i).confusionText()).append("```\n");
            }
        }
        return out.toString();
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v);
    }
}
