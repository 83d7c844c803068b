package org.backbeat.nlp.sentiment;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.neural.rnn.RNNCoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.sentiment.SentimentCoreAnnotations;
import edu.stanford.nlp.trees.Tree;
import edu.stanford.nlp.util.CoreMap;
import java.util.List;
import java.util.Properties;
import org.backbeat.core.Sentiment;
import org.backbeat.core.SentimentLabel;
import org.ejml.simple.SimpleMatrix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stanford CoreNLP's recursive sentiment model (5 classes, very negative to very positive) over trees
 * from the shift-reduce parser.
 *
 * <p>Per sentence the class distribution at the root of the sentiment tree is taken; a post's
 * distribution is the average over its sentences weighted by their token counts, so a long sentence
 * counts more than an "lol". The five classes fold into three (negative = p0 + p1, neutral = p2,
 * positive = p3 + p4); the label is the largest folded class (ties go to neutral, then negative), the
 * confidence its folded probability, and the score {@code -p0 - 0.5 p1 + 0.5 p3 + p4}, in [-1, 1].
 *
 * <p>Texts longer than {@link #MAX_CHARS} characters are scored on their first {@code MAX_CHARS}
 * characters only (cut at a word boundary when there is one): parsing is superlinear in sentence length
 * and one huge post must not stall a stream thread. The opening of a post carries its gist anyway.
 *
 * <p>Loading the models takes seconds and about 1 GB of heap: build one with {@link #load()} per process
 * and pass it down. One instance is safe to share between threads (CoreNLP's annotators are stateless
 * per document; one pipeline shared by two threads gives byte-identical results).
 */
public final class CoreNlpScorer implements Scorer {

    private static final Logger log = LoggerFactory.getLogger(CoreNlpScorer.class);

    /** Longest prefix of a text that is scored. */
    public static final int MAX_CHARS = 4_000;
    /** The shift-reduce parser: about 15x faster than the default PCFG; in the {@code models-english} jar. */
    public static final String SR_PARSER_MODEL = "edu/stanford/nlp/models/srparser/englishSR.ser.gz";

    private final StanfordCoreNLP pipeline;
    private final String model;
    private final String version;

    private CoreNlpScorer(StanfordCoreNLP pipeline, String model, String version) {
        this.pipeline = pipeline;
        this.model = model;
        this.version = version;
    }

    /** Loads the pipeline (seconds) and logs how long it took. */
    public static CoreNlpScorer load() {
        long start = System.nanoTime();
        StanfordCoreNLP pipeline = new StanfordCoreNLP(pipelineProperties());
        String version = StanfordCoreNLP.class.getPackage().getImplementationVersion();
        String model = "corenlp-" + (version == null ? "unknown" : version) + "/sr/sentiment";
        log.info("Loaded CoreNLP sentiment pipeline {} in {} ms", model, (System.nanoTime() - start) / 1_000_000);
        return new CoreNlpScorer(pipeline, model, version == null ? "unknown" : version);
    }

    /** The pipeline's settings; see DESIGN.md for the speed measurements behind them. */
    static Properties pipelineProperties() {
        Properties p = new Properties();
        p.setProperty("annotators", "tokenize,ssplit,pos,parse,sentiment");
        // Tweets hold characters the PTB lexer has no rule for: drop them without a warning per post.
        p.setProperty("tokenize.options", "untokenizable=noneDelete");
        p.setProperty("parse.model", SR_PARSER_MODEL);
        // The sentiment model reads the binarized constituency tree ...
        p.setProperty("parse.binaryTrees", "true");
        // ... and never the dependency graphs: skipping them doubles throughput, same sentiment output.
        p.setProperty("parse.buildgraphs", "false");
        return p;
    }

    @Override
    public String model() {
        return model;
    }

    /** CoreNLP's version, e.g. {@code 4.5.10}. */
    public String version() {
        return version;
    }

    @Override
    public Sentiment score(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("nothing to score");
        }
        List<SentenceDistribution> sentences = sentences(truncate(text, MAX_CHARS));
        if (sentences.isEmpty()) {
            throw new IllegalArgumentException("nothing to score: no words in the text");
        }
        return fold(SentenceDistribution.tokenWeighted(sentences));
    }

    /**
     * CoreNLP's 5-class distribution for each sentence of {@code text}, with its character offsets in
     * {@code text} and its token count; sentences CoreNLP gives no prediction for are left out.
     * The text is not truncated here.
     */
    public List<SentenceDistribution> sentences(String text) {
        Annotation document = new Annotation(text);
        pipeline.annotate(document);
        List<SentenceDistribution> out = new java.util.ArrayList<>();
        List<CoreMap> sentences = document.get(CoreAnnotations.SentencesAnnotation.class);
        for (CoreMap sentence : sentences == null ? List.<CoreMap>of() : sentences) {
            Tree tree = sentence.get(SentimentCoreAnnotations.SentimentAnnotatedTree.class);
            SimpleMatrix predictions = tree == null ? null : RNNCoreAnnotations.getPredictions(tree);
            if (predictions == null) {
                continue;
            }
            double[] p = new double[5];
            for (int c = 0; c < p.length; c++) {
                p[c] = predictions.get(c);
            }
            out.add(new SentenceDistribution(
                    sentence.get(CoreAnnotations.CharacterOffsetBeginAnnotation.class),
                    sentence.get(CoreAnnotations.CharacterOffsetEndAnnotation.class),
                    sentence.get(CoreAnnotations.TokensAnnotation.class).size(),
                    p));
        }
        return out;
    }

    /** Folds a 5-class distribution (very negative .. very positive) into the three-class sentiment. */
    public static Sentiment fold(double[] p) {
        double negative = p[0] + p[1];
        double neutral = p[2];
        double positive = p[3] + p[4];
        SentimentLabel label = SentimentLabel.NEUTRAL;
        double confidence = neutral;
        if (negative > confidence) {
            label = SentimentLabel.NEGATIVE;
            confidence = negative;
        }
        if (positive > confidence) {
            label = SentimentLabel.POSITIVE;
            confidence = positive;
        }
        double score = -p[0] - 0.5 * p[1] + 0.5 * p[3] + p[4];
        return new Sentiment(label, clamp(score, -1, 1), clamp(confidence, 0, 1));
    }

    /**
     * The first {@code max} characters of {@code text}, cut after the last whitespace in the final tenth
     * when there is one (so no half word is scored) and never inside a surrogate pair.
     */
    public static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        for (int i = end; i >= max - max / 10; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                return text.substring(0, i);
            }
        }
        return text.substring(0, end);
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
