package org.backbeat.nlp.sentiment;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one path from a text to the classifier's features, shared by training, evaluation and the
 * production scorer so they can never disagree: normalise, run CoreNLP on the model text (through
 * {@code coreNlp}, which may be a cache), extract features.
 */
public final class Featuriser {

    private final TextNormaliser normaliser;
    private final Function<String, List<SentenceDistribution>> coreNlp;
    private final SentimentFeatures features;

    /**
     * @param normaliser tweet-aware normalisation
     * @param coreNlp    CoreNLP's sentence distributions of a model text (e.g. {@link CoreNlpScorer#sentences})
     * @param features   the feature extractor
     */
    public Featuriser(TextNormaliser normaliser, Function<String, List<SentenceDistribution>> coreNlp, SentimentFeatures features) {
        this.normaliser = normaliser;
        this.coreNlp = coreNlp;
        this.features = features;
    }

    /** A text normalised and read by CoreNLP. */
    public record Read(NormalisedText normalised, List<SentenceDistribution> sentences) {
    }

    /** Normalises {@code text} and runs CoreNLP on its model text (truncated to {@link CoreNlpScorer#MAX_CHARS}). */
    public Read read(String text) {
        NormalisedText normalised = normaliser.normalise(text);
        String model = CoreNlpScorer.truncate(normalised.modelText(), CoreNlpScorer.MAX_CHARS);
        return new Read(normalised, model.isBlank() ? List.of() : coreNlp.apply(model));
    }

    /** The features of {@code text}. */
    public Map<String, Double> features(String text) {
        Read r = read(text);
        return features.extract(r.normalised(), r.sentences());
    }

    /** The features of a part of a text already read: its normalisation and its sentences. */
    public Map<String, Double> features(NormalisedText part, List<SentenceDistribution> sentences) {
        return features.extract(part, sentences);
    }

    /** Normalises a text without running CoreNLP. */
    public NormalisedText normalise(String text) {
        return normaliser.normalise(text);
    }
}
