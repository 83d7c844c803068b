package org.backbeat.nlp.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import org.backbeat.core.quantify.Confusion;
import org.backbeat.nlp.sentiment.CalibratedScorer;
import org.backbeat.nlp.sentiment.SoftmaxModel;

/**
 * Measures a model's {@link Confusion} on labelled examples it was not trained on (its calibration split):
 * the label {@link CalibratedScorer} would give each one against its gold label, and the mean of its
 * calibrated probabilities per gold class. The quantifier corrects bucket shares with it.
 */
public final class ModelConfusion {

    private ModelConfusion() {
    }

    /** The confusion of {@code model} on {@code examples}; {@code modelSha256} names the model file. */
    public static Confusion measure(SoftmaxModel model, String modelSha256, List<SentimentTrainer.Example> examples) {
        long[][] counts = new long[3][3];
        double[][] sums = new double[3][3];
        for (SentimentTrainer.Example e : examples) {
            double[] p = model.probabilities(e.features());
            int gold = e.gold().ordinal();
            counts[gold][CalibratedScorer.sentiment(p).label().ordinal()]++;
            for (int c = 0; c < 3; c++) {
                sums[gold][c] += p[c];
            }
        }
        double[][] means = new double[3][3];
        for (int t = 0; t < 3; t++) {
            long n = counts[t][0] + counts[t][1] + counts[t][2];
            for (int c = 0; c < 3; c++) {
                means[t][c] = n == 0 ? 0 : sums[t][c] / n;
            }
        }
        String sets = new TreeSet<>(examples.stream().map(SentimentTrainer.Example::set).toList()).toString();
        return new Confusion(model.version(), modelSha256, "calibration split of " + sets + ", " + examples.size() + " texts",
                counts, means);
    }

    /** SHA-256 of a model file, hex. */
    public static String sha256(Path modelFile) {
        try {
            return sha256(Files.readAllBytes(modelFile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model " + modelFile, e);
        }
    }

    /** SHA-256 of a model's bytes, hex. */
    public static String sha256(byte[] model) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(model));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
