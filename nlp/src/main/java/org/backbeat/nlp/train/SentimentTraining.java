package org.backbeat.nlp.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    public static final String VERSION = "backbeat-sentiment-1";

    /** The committed model's settings; see docs/nlp-evaluation.md for the experiments that chose them. */
    public static final SentimentTrainer.Options STANDARD = new SentimentTrainer.Options(VERSION,
            Map.of(LabelledSets.AIRLINE, 1.0, LabelledSets.VADER_TWEETS, 1.0, LabelledSets.SXSW, 1.0,
                    LabelledSets.VADER_AMAZON, 0.5, LabelledSets.VADER_NYT, 0.5,
                    LabelledSets.SEMEVAL5, 0.5, LabelledSets.FPB, 0.5),
            30.0, 10, 0.1, 1.0);

    /** Corpora whose calibration split fits the class offsets: the tweet corpora. */
    public static final List<String> CALIBRATION_SETS = List.of(LabelledSets.AIRLINE, LabelledSets.VADER_TWEETS, LabelledSets.SXSW);

    private SentimentTraining() {
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
        LabelledSets sets = new LabelledSets(data);
        List<LabelledText> texts = new ArrayList<>();
        for (String set : LabelledSets.ALL) {
            if (options.shares().containsKey(set) || calibrationSets.contains(set)) {
                texts.addAll(sets.read(set));
            }
        }
        TextNormaliser normaliser = TextNormaliser.withVocabulary(Vocabulary.coreNlpSentiment());
        LazyCoreNlp coreNlp = new LazyCoreNlp();
        CoreNlpCache cache = new CoreNlpCache(cacheFile, coreNlp);
        CorpusDistributions.fill(texts.stream().filter(t -> t.split() != Split.TEST).toList(), normaliser, cache, threads);
        Featuriser featuriser = new Featuriser(normaliser, cache, new SentimentFeatures(Lexicon.vader()));
        List<SentimentTrainer.Example> train = new ArrayList<>(), calibration = new ArrayList<>();
        for (LabelledText t : texts) {
            if (t.split() == Split.TRAIN && options.shares().containsKey(t.set())) {
                train.add(new SentimentTrainer.Example(t.set(), t.gold(), featuriser.features(t.text())));
            } else if (t.split() == Split.CALIBRATION && calibrationSets.contains(t.set())) {
                calibration.add(new SentimentTrainer.Example(t.set(), t.gold(), featuriser.features(t.text())));
            }
        }
        log.info("Training on {} texts, calibrating on {}", train.size(), calibration.size());
        return SentimentTrainer.train(train, calibration, options);
    }

    /** CoreNLP loaded on first use: a warm cache never loads it. */
    private static final class LazyCoreNlp implements java.util.function.Function<String, List<org.backbeat.nlp.sentiment.SentenceDistribution>> {
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
