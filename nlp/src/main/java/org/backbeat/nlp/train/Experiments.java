package org.backbeat.nlp.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.backbeat.core.Sentiment;
import org.backbeat.core.SentimentLabel;
import org.backbeat.nlp.sentiment.CalibratedScorer;
import org.backbeat.nlp.sentiment.Featuriser;
import org.backbeat.nlp.sentiment.Lexicon;
import org.backbeat.nlp.sentiment.SentimentFeatures;
import org.backbeat.nlp.sentiment.SoftmaxModel;
import org.backbeat.nlp.sentiment.TextNormaliser;
import org.backbeat.nlp.sentiment.Vocabulary;

/**
 * Development tool: trains with given settings from the CoreNLP cache only and prints calibration and
 * test metrics per corpus. {@code Experiments <shared-data> <cache> <shares> <l2> <minCount> <calibration sets>}.
 */
public final class Experiments {

    public static void main(String[] args) {
        LabelledSets sets = new LabelledSets(Path.of(args[0]));
        CoreNlpCache cache = new CoreNlpCache(Path.of(args[1]), t -> {
            throw new IllegalStateException("not cached: " + t);
        });
        Featuriser featuriser = new Featuriser(TextNormaliser.withVocabulary(Vocabulary.coreNlpSentiment()), cache,
                new SentimentFeatures(Lexicon.vader()));
        Map<String, Double> shares = new LinkedHashMap<>();
        for (String s : args[2].split(",")) {
            String[] kv = s.split("=");
            shares.put(kv[0], Double.parseDouble(kv[1]));
        }
        List<String> calibrationSets = List.of(args[5].split(","));
        List<SentimentTrainer.Example> train = new ArrayList<>(), calibration = new ArrayList<>();
        Map<String, List<SentimentTrainer.Example>> calib = new LinkedHashMap<>(), test = new LinkedHashMap<>();
        for (String set : LabelledSets.ALL) {
            for (LabelledText t : sets.read(set)) {
                SentimentTrainer.Example e = new SentimentTrainer.Example(set, t.gold(), featuriser.features(t.text()));
                switch (t.split()) {
                    case TRAIN -> train.add(e);
                    case CALIBRATION -> {
                        calib.computeIfAbsent(set, k -> new ArrayList<>()).add(e);
                        if (calibrationSets.contains(set)) {
                            calibration.add(e);
                        }
                    }
                    case TEST -> test.computeIfAbsent(set, k -> new ArrayList<>()).add(e);
                }
            }
        }
        for (String l2 : args[3].split(",")) {
            for (String min : args[4].split(",")) {
              for (String sym : (args.length > 6 ? args[6] : "1").split(",")) {
               for (String dense : (args.length > 7 ? args[7] : "1").split(",")) {
                SoftmaxModel model = SentimentTrainer.train(train, calibration, new SentimentTrainer.Options("exp", shares,
                        Double.parseDouble(l2), Integer.parseInt(min), Double.parseDouble(sym), Double.parseDouble(dense)));
                System.out.println("symbolPenaltyScale=" + sym + " densePenaltyScale=" + dense);
                System.out.printf(Locale.ROOT, "shares=%s l2=%s min=%s offsets=%s features=%d%n", shares, l2, min,
                        java.util.Arrays.toString(model.offsets()), model.weights().size());
                report("calib", calib, model);
                report("test ", test, model);
               }
              }
            }
        }
    }

    static void report(String what, Map<String, List<SentimentTrainer.Example>> bySet, SoftmaxModel model) {
        for (Map.Entry<String, List<SentimentTrainer.Example>> e : bySet.entrySet()) {
            List<SentimentLabel> gold = new ArrayList<>(), pred = new ArrayList<>();
            for (SentimentTrainer.Example x : e.getValue()) {
                Sentiment s = CalibratedScorer.sentiment(model.probabilities(x.features()));
                gold.add(x.gold());
                pred.add(s.label());
            }
            Metrics m = Metrics.of(gold, pred, null, null);
            System.out.printf(Locale.ROOT, "%s %-22s n=%5d macroR=%.3f acc=%.3f F1=%.3f R(neg/neu/pos)=%.2f/%.2f/%.2f%n", what, e.getKey(),
                    m.total(), m.macroRecall(), m.accuracy(), m.macroF1(), m.recall(SentimentLabel.NEGATIVE),
                    m.recall(SentimentLabel.NEUTRAL), m.recall(SentimentLabel.POSITIVE));
        }
    }
}
