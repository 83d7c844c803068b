package org.backbeat.nlp.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.backbeat.core.quantify.Confusion;
import org.backbeat.nlp.sentiment.CoreNlpScorer;
import org.backbeat.nlp.sentiment.Featuriser;
import org.backbeat.nlp.sentiment.Lexicon;
import org.backbeat.nlp.sentiment.SentimentFeatures;
import org.backbeat.nlp.sentiment.SoftmaxModel;
import org.backbeat.nlp.sentiment.TextNormaliser;
import org.backbeat.nlp.sentiment.Vocabulary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recipe of the committed model, in one place: which corpora train it, with which shares, penalty
 * and feature threshold, and which corpora calibrate it. {@code backbeat train} runs it.
 */
public final class SentimentTraining {

    private static final Logger log = LoggerFactory.getLogger(SentimentTraining.class);

    /** The model's version, recorded in every scored post's model name. */
    public static final String VERSION = "backbeat-sentiment-2";

    /** The committed model's settings; see docs/nlp-evaluation.md for the experiments that chose them. */
    public static final SentimentTrainer.Options STANDARD = new SentimentTrainer.Options(VERSION,
            Map.of(LabelledSets.AIRLINE, 1.0, LabelledSets.VADER_TWEETS, 1.0, LabelledSets.SXSW, 1.0,
                    LabelledSets.VADER_AMAZON, 0.5, LabelledSets.VADER_NYT, 0.5,
                    LabelledSets.SEMEVAL5, 0.5, LabelledSets.FPB, 0.5, LabelledSets.SEMEVAL_TWEETS, 1.0),
            30.0, 10, 0.1, 1.0);

    /** Corpora whose calibration split fits the class offsets: the tweet corpora. */
    public static final List<String> CALIBRATION_SETS = List.of(LabelledSets.AIRLINE, LabelledSets.VADER_TWEETS, LabelledSets.SXSW,
            LabelledSets.SEMEVAL_TWEETS);

    private SentimentTraining() {
    }

    /** The standard options without some corpora (the cross-domain check): version {@code ...-without-<names>}. */
    public static SentimentTrainer.Options standardWithout(List<String> leftOut) {
        Map<String, Double> shares = new java.util.HashMap<>(STANDARD.shares());
        leftOut.forEach(shares::remove);
        return new SentimentTrainer.Options(VERSION + "-without-" + String.join("-", leftOut), shares, STANDARD.l2(),
                STANDARD.minCount(), STANDARD.symbolPenaltyScale(), STANDARD.densePenaltyScale());
    }

    /** The standard calibration corpora without some. */
    public static List<String> calibrationSetsWithout(List<String> leftOut) {
        return CALIBRATION_SETS.stream().filter(s -> !leftOut.contains(s)).toList();
    }

    /**
     * Trains the standard model from the corpora under {@code data}, computing CoreNLP distributions
     * the cache file lacks on {@code threads} threads (loading CoreNLP only if some are missing).
     */
    public static SoftmaxModel train(Path data, Path cacheFile, int threads) throws Exception {
        return train(data, cacheFile, threads, STANDARD, CALIBRATION_SETS);
    }

    /** Trains with other options (experiments, the cross-domain check). */
    public static SoftmaxModel train(Path data, Path cacheFile, int threads, SentimentTrainer.Options options,
                                     List<String> calibrationSets) throws Exception {
        return trainAndCalibrate(data, cacheFile, threads, options, calibrationSets).model();
    }

    /** A trained model and the calibration texts its offsets were fit on, featurised (for its {@link Confusion}). */
    public record Trained(SoftmaxModel model, List<SentimentTrainer.Example> calibration) {

        /** The model's errors on its calibration split; {@code modelSha256} names the model file they belong to. */
        public Confusion confusion(String modelSha256) {
            return ModelConfusion.measure(model, modelSha256, calibration);
        }
    }

    /** Trains and keeps the calibration examples. */
    public static Trained trainAndCalibrate(Path data, Path cacheFile, int threads, SentimentTrainer.Options options,
                                            List<String> calibrationSets) throws Exception {
        List<LabelledText> texts = texts(data, set -> options.shares().containsKey(set) || calibrationSets.contains(set));
        Featuriser featuriser = featuriser(texts.stream().filter(t -> t.split() != Split.TEST).toList(), cacheFile, threads);
        List<SentimentTrainer.Example> train = examples(texts, featuriser,
                t -> t.split() == Split.TRAIN && options.shares().containsKey(t.set()));
        List<SentimentTrainer.Example> calibration = calibration(texts, featuriser, calibrationSets);
        log.info("Training on {} texts, calibrating on {}", train.size(), calibration.size());
        return new Trained(SentimentTrainer.train(train, calibration, options), calibration);
    }

    /**
     * The standard calibration split, featurised, for measuring an existing model's confusion without
     * retraining: CoreNLP runs only on the calibration texts the cache lacks.
     */
    public static List<SentimentTrainer.Example> calibrationExamples(Path data, Path cacheFile, int threads) throws Exception {
        List<LabelledText> texts = texts(data, CALIBRATION_SETS::contains);
        List<LabelledText> calibration = texts.stream().filter(t -> t.split() == Split.CALIBRATION).toList();
        return calibration(calibration, featuriser(calibration, cacheFile, threads), CALIBRATION_SETS);
    }

    /**
     * The texts of the corpora {@code sets} accepts, for training and calibration: never a {@link LabelledSets#HELD_OUT}
     * corpus, and no text whose {@link LabelledSets#dedupKey} is a held-out text's (duplicates and retweets
     * of the benchmark would leak it into training).
     */
    static List<LabelledText> texts(Path data, java.util.function.Predicate<String> sets) {
        LabelledSets labelled = new LabelledSets(data);
        java.util.Set<String> heldOut = new java.util.HashSet<>();
        for (String set : LabelledSets.HELD_OUT) {
            if (sets.test(set)) {
                throw new IllegalArgumentException(set + " is held out: it is never trained or calibrated on");
            }
            labelled.read(set).forEach(t -> heldOut.add(LabelledSets.dedupKey(t.text())));
        }
        List<LabelledText> texts = new ArrayList<>();
        for (String set : LabelledSets.ALL) {
            if (sets.test(set)) {
                int dropped = 0;
                for (LabelledText t : labelled.read(set)) {
                    if (heldOut.contains(LabelledSets.dedupKey(t.text()))) {
                        dropped++;
                    } else {
                        texts.add(t);
                    }
                }
                if (dropped > 0) {
                    log.info("{}: left out {} texts that are also in a held-out corpus", set, dropped);
                }
            }
        }
        return texts;
    }

    /** The featuriser over the CoreNLP cache, after computing what the cache lacks for {@code texts}. */
    private static Featuriser featuriser(List<LabelledText> texts, Path cacheFile, int threads) throws Exception {
        TextNormaliser normaliser = TextNormaliser.withVocabulary(Vocabulary.coreNlpSentiment());
        CoreNlpCache cache = new CoreNlpCache(cacheFile, new LazyCoreNlp());
        CorpusDistributions.fill(texts, normaliser, cache, threads);
        return new Featuriser(normaliser, cache, new SentimentFeatures(Lexicon.vader()));
    }

    private static List<SentimentTrainer.Example> calibration(List<LabelledText> texts, Featuriser featuriser, List<String> calibrationSets) {
        return examples(texts, featuriser, t -> t.split() == Split.CALIBRATION && calibrationSets.contains(t.set()));
    }

    private static List<SentimentTrainer.Example> examples(List<LabelledText> texts, Featuriser featuriser,
                                                           java.util.function.Predicate<LabelledText> which) {
        List<SentimentTrainer.Example> examples = new ArrayList<>();
        for (LabelledText t : texts) {
            if (which.test(t)) {
                examples.add(new SentimentTrainer.Example(t.set(), t.gold(), featuriser.features(t.text())));
            }
        }
        return examples;
    }

    /** CoreNLP loaded on first use: a warm cache never loads it. */
    public static final class LazyCoreNlp implements java.util.function.Function<String, List<org.backbeat.nlp.sentiment.SentenceDistribution>> {
        private volatile CoreNlpScorer scorer;

        @Override
        public List<org.backbeat.nlp.sentiment.SentenceDistribution> apply(String text) {
            CoreNlpScorer s = scorer;
            if (s == null) {
                synchronized (this) {
                    if (scorer == null) {
                        scorer = CoreNlpScorer.load();
                    }
                    s = scorer;
                }
            }
            return s.sentences(text);
        }
    }
}
