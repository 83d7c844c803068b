package org.backbeat.nlp.sentiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * A trained multinomial logistic regression over the three classes (negative, neutral, positive):
 * a weight per feature and class, a bias per class, and per-class offsets fit afterwards on the
 * calibration split to maximise macro-averaged recall. Stored as JSON (see {@link #write}).
 *
 * @param version  model name and version, e.g. {@code backbeat-sentiment-1}
 * @param bias     per-class bias
 * @param offsets  per-class offsets added to the logits at decision time
 * @param weights  feature name to its three class weights
 * @param training what it was trained on and with which settings (documentation only)
 */
public record SoftmaxModel(String version, double[] bias, double[] offsets, Map<String, double[]> weights,
                           Map<String, Object> training) {

    /** Where the standard model lives on the classpath. */
    public static final String RESOURCE = "org/backbeat/nlp/sentiment/sentiment-model.json";

    /** The calibrated class probabilities of a feature vector (softmax of logits plus offsets). */
    public double[] probabilities(Map<String, Double> features) {
        double[] z = new double[3];
        for (int c = 0; c < 3; c++) {
            z[c] = bias[c] + offsets[c];
        }
        for (Map.Entry<String, Double> f : features.entrySet()) {
            double[] w = weights.get(f.getKey());
            if (w != null) {
                for (int c = 0; c < 3; c++) {
                    z[c] += w[c] * f.getValue();
                }
            }
        }
        return softmax(z);
    }

    static double[] softmax(double[] z) {
        double max = Math.max(z[0], Math.max(z[1], z[2]));
        double[] p = new double[3];
        double sum = 0;
        for (int c = 0; c < 3; c++) {
            p[c] = Math.exp(z[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < 3; c++) {
            p[c] /= sum;
        }
        return p;
    }

    /** Writes the model as JSON, features sorted, so the same training gives the same bytes. */
    public void write(Path file) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            ObjectMapper mapper = new ObjectMapper();
            Map<String, Object> json = new java.util.LinkedHashMap<>();
            json.put("version", version);
            json.put("classes", java.util.List.of("NEGATIVE", "NEUTRAL", "POSITIVE"));
            json.put("bias", round(bias));
            json.put("offsets", round(offsets));
            json.put("training", training);
            Map<String, double[]> sorted = new TreeMap<>();
            weights.forEach((k, v) -> sorted.put(k, round(v)));
            json.put("weights", sorted);
            mapper.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write model " + file, e);
        }
    }

    /** Reads a model written by {@link #write}. */
    @SuppressWarnings("unchecked")
    public static SoftmaxModel read(InputStream in) {
        try {
            Map<String, Object> json = new ObjectMapper().readValue(in, Map.class);
            Map<String, double[]> weights = new java.util.HashMap<>();
            ((Map<String, java.util.List<Number>>) json.get("weights")).forEach((k, v) -> weights.put(k, array(v)));
            return new SoftmaxModel((String) json.get("version"), array((java.util.List<Number>) json.get("bias")),
                    array((java.util.List<Number>) json.get("offsets")), weights, (Map<String, Object>) json.get("training"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sentiment model", e);
        }
    }

    /** The standard model from the classpath. */
    public static SoftmaxModel standard() {
        try (InputStream in = SoftmaxModel.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath: run ./backbeat train");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double[] array(java.util.List<Number> values) {
        double[] a = new double[values.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = values.get(i).doubleValue();
        }
        return a;
    }

    private static double[] round(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = Math.round(v[i] * 1e5) / 1e5;
        }
        return r;
    }
}
