package org.backbeat.nlp.train;

import java.util.List;
import org.backbeat.core.Sentiment;
import org.backbeat.nlp.sentiment.CalibratedScorer;
import org.backbeat.nlp.sentiment.CoreNlpScorer;
import org.backbeat.nlp.sentiment.Featuriser;
import org.backbeat.nlp.sentiment.Lexicon;
import org.backbeat.nlp.sentiment.Scorer;
import org.backbeat.nlp.sentiment.SentenceDistribution;
import org.backbeat.nlp.sentiment.SentimentFeatures;
import org.backbeat.nlp.sentiment.SoftmaxModel;
import org.backbeat.nlp.sentiment.TextNormaliser;
import org.backbeat.nlp.sentiment.Vocabulary;

/**
 * The evaluated scorers built over a {@link CoreNlpCache}: the same code as production, with CoreNLP's
 * distributions read from the cache where it has them (and computed and added where not).
 */
public final class CachedScorers {

    private CachedScorers() {
    }

    /** The calibrated scorer over the cache. */
    public static CalibratedScorer calibrated(CoreNlpCache cache, SoftmaxModel model, String coreNlpVersion) {
        Featuriser featuriser = new Featuriser(TextNormaliser.withVocabulary(Vocabulary.coreNlpSentiment()), cache,
                new SentimentFeatures(Lexicon.vader()));
        return new CalibratedScorer(featuriser, model, coreNlpVersion);
    }

    /** The baseline: CoreNLP on the raw text, token-weighted, 5 classes folded to 3 (as {@link CoreNlpScorer#score}). */
    public static Scorer baseline(CoreNlpCache cache, String model) {
        return new Scorer() {
            @Override
            public Sentiment score(String text) {
                if (text == null || text.isBlank()) {
                    throw new IllegalArgumentException("nothing to score");
                }
                List<SentenceDistribution> sentences = cache.apply(CoreNlpScorer.truncate(text, CoreNlpScorer.MAX_CHARS));
                if (sentences.isEmpty()) {
                    throw new IllegalArgumentException("nothing to score: no words in the text");
                }
                return CoreNlpScorer.fold(SentenceDistribution.tokenWeighted(sentences));
            }

            @Override
            public String model() {
                return model;
            }
        };
    }
}
