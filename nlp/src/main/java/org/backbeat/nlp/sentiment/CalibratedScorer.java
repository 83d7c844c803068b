package org.backbeat.nlp.sentiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.backbeat.core.Post;
import org.backbeat.core.Sentiment;
import org.backbeat.core.SentimentLabel;

/**
 * Backbeat's sentiment model: CoreNLP's 5-class distribution stacked with tweet features (lexicon,
 * emoji, emoticons, negation, intensity, learned words and bigrams) in a multinomial logistic regression
 * trained on labelled tweets, reviews and headlines with balanced classes, then calibrated for
 * macro-averaged recall (see docs/nlp-evaluation.md and {@code backbeat train}).
 *
 * <p>A label is the class of highest calibrated probability (ties go to neutral), the confidence that
 * probability, the score {@code P(positive) - P(negative)}. Thread-safe when its CoreNLP function is.
 */
public final class CalibratedScorer implements Scorer {

    /** A press item's headline and its summary count equally, however long the summary. */
    public static final double HEADLINE_WEIGHT = 0.5;

    private final Featuriser featuriser;
    private final SoftmaxModel model;
    private final String name;

    /**
     * @param featuriser     text to features
     * @param model          the trained model
     * @param coreNlpVersion the CoreNLP version its features come from, recorded in {@link #model()}
     */
    public CalibratedScorer(Featuriser featuriser, SoftmaxModel model, String coreNlpVersion) {
        this.featuriser = featuriser;
        this.model = model;
        this.name = model.version() + "+corenlp-" + coreNlpVersion;
    }

    /** The standard scorer: CoreNLP (seconds, about 1 GB of heap), VADER's lexicon and the committed model. */
    public static CalibratedScorer load() {
        return over(CoreNlpScorer.load(), SoftmaxModel.standard());
    }

    /** A calibrated scorer reading CoreNLP's distributions from {@code coreNlp} (shared, e.g. with the baseline). */
    public static CalibratedScorer over(CoreNlpScorer coreNlp, SoftmaxModel model) {
        Featuriser featuriser = new Featuriser(TextNormaliser.withVocabulary(Vocabulary.coreNlpSentiment()),
                coreNlp::sentences, new SentimentFeatures(Lexicon.vader()));
        return new CalibratedScorer(featuriser, model, coreNlp.version());
    }

    @Override
    public String model() {
        return name;
    }

    @Override
    public Sentiment score(String text) {
        requireText(text);
        return sentiment(model.probabilities(featuriser.features(text)));
    }

    /**
     * A press item's sentiment: headline and summary scored apart, their probabilities averaged with
     * weight {@link #HEADLINE_WEIGHT} on the headline; a post without headline is scored on its text.
     */
    @Override
    public Sentiment scorePost(Post post) {
        String headline = post.headline();
        if (headline == null || headline.isBlank()) {
            return score(post.text());
        }
        double[] h = model.probabilities(featuriser.features(headline));
        if (post.text().isBlank()) {
            return sentiment(h);
        }
        double[] b = model.probabilities(featuriser.features(post.text()));
        double[] p = new double[3];
        for (int c = 0; c < 3; c++) {
            p[c] = HEADLINE_WEIGHT * h[c] + (1 - HEADLINE_WEIGHT) * b[c];
        }
        return sentiment(p);
    }

    /**
     * The whole text's sentiment, and each sentence's from the same model (its own words and CoreNLP
     * distribution). Sentences are CoreNLP's, mapped back to the given text; each runs to where the next
     * begins (so an emoji after a full stop belongs to the sentence before it), trailing spaces excluded.
     */
    @Override
    public TextSentiment analyse(String text) {
        requireText(text);
        Featuriser.Read read = featuriser.read(text);
        Sentiment overall = sentiment(model.probabilities(featuriser.features(read.normalised(), read.sentences())));
        List<SentenceDistribution> sentences = read.sentences();
        if (sentences.size() <= 1) {
            return new TextSentiment(overall, List.of(new SentenceSentiment(0, trimEnd(text, text.length()), overall)));
        }
        List<SentenceSentiment> out = new ArrayList<>();
        NormalisedText n = read.normalised();
        for (int i = 0; i < sentences.size(); i++) {
            int begin = i == 0 ? 0 : n.originBegin(sentences.get(i).begin());
            int end = i == sentences.size() - 1 ? text.length() : n.originBegin(sentences.get(i + 1).begin());
            end = trimEnd(text, end);
            if (end <= begin) {
                continue;
            }
            Map<String, Double> f = featuriser.features(featuriser.normalise(text.substring(begin, end)), List.of(sentences.get(i)));
            out.add(new SentenceSentiment(begin, end, sentiment(model.probabilities(f))));
        }
        return new TextSentiment(overall, out);
    }

    /** The calibrated class probabilities (negative, neutral, positive) of {@code text}. */
    public double[] probabilities(String text) {
        requireText(text);
        return model.probabilities(featuriser.features(text));
    }

    /** The sentiment of calibrated probabilities (negative, neutral, positive). */
    public static Sentiment sentiment(double[] p) {
        SentimentLabel label = SentimentLabel.NEUTRAL;
        double confidence = p[1];
        if (p[0] > confidence) {
            label = SentimentLabel.NEGATIVE;
            confidence = p[0];
        }
        if (p[2] > confidence) {
            label = SentimentLabel.POSITIVE;
            confidence = p[2];
        }
        double score = Math.max(-1, Math.min(1, p[2] - p[0]));
        return new Sentiment(label, score, Math.max(0, Math.min(1, confidence)));
    }

    private static int trimEnd(String text, int end) {
        while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    private static void requireText(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("nothing to score");
        }
    }
}
