package org.backbeat.core.quantify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The errors a sentiment model makes on labelled texts it was not trained on (its calibration split): how
 * many texts of each true class it gave each label, and the mean probability it gave each class. The
 * {@link ShareQuantifier} reads it to correct a bucket's label counts. Classes are in {@link
 * org.backbeat.core.SentimentLabel} order (negative, neutral, positive).
 *
 * @param model             the model's version
 * @param modelSha256       SHA-256 of the model file the figures were measured with, so a stale copy is noticed
 * @param source            which texts were counted, e.g. "calibration split of [airline, sxsw_brands, vader_tweets]"
 * @param counts            {@code counts[true][predicted]}: texts of a true class given a label
 * @param meanProbabilities {@code meanProbabilities[true][class]}: the mean probability the model gave a class
 *                          over the texts of a true class (rows sum to 1); for the probabilistic correction
 */
public record Confusion(String model, String modelSha256, String source, long[][] counts, double[][] meanProbabilities) {

    /** Where the committed model's confusion lives on the classpath ({@code ./backbeat train} writes it). */
    public static final String RESOURCE = "org/backbeat/core/quantify/sentiment-confusion.json";

    public Confusion {
        requireSquare(counts.length, counts);
        requireSquare(counts.length, meanProbabilities);
        for (int t = 0; t < counts.length; t++) {
            if (texts(counts[t]) == 0) {
                throw new IllegalArgumentException("the confusion has no text of class " + t + ": it cannot say how that class is labelled");
            }
        }
    }

    /** A confusion from label counts only (no probabilities): the mean probabilities are the label rates. */
    public static Confusion ofCounts(long[][] counts) {
        double[][] rates = new double[counts.length][];
        for (int t = 0; t < counts.length; t++) {
            rates[t] = rates(counts[t]);
        }
        return new Confusion("counts", "", "counts", counts, rates);
    }

    /** Number of classes. */
    public int classes() {
        return counts.length;
    }

    /** All texts counted. */
    public long texts() {
        long n = 0;
        for (long[] row : counts) {
            n += texts(row);
        }
        return n;
    }

    /** {@code rates()[true][predicted]}: the share of a true class's texts given each label (rows sum to 1). */
    public double[][] rates() {
        double[][] r = new double[counts.length][];
        for (int t = 0; t < counts.length; t++) {
            r[t] = rates(counts[t]);
        }
        return r;
    }

    /** Reads a confusion written by {@link #write}. */
    public static Confusion read(InputStream in) {
        try {
            return new ObjectMapper().readValue(in, Confusion.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a sentiment confusion", e);
        }
    }

    /** The committed model's confusion, from the classpath. */
    public static Confusion standard() {
        try (InputStream in = Confusion.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath: run ./backbeat train --confusion-only");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes it as indented JSON (probabilities rounded to 6 digits, so the same model gives the same bytes). */
    public void write(Path file) {
        double[][] rounded = new double[meanProbabilities.length][];
        for (int t = 0; t < rounded.length; t++) {
            rounded[t] = Arrays.stream(meanProbabilities[t]).map(v -> Math.round(v * 1e6) / 1e6).toArray();
        }
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(file.toFile(), new Confusion(model, modelSha256, source, counts, rounded));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the confusion to " + file, e);
        }
    }

    private static long texts(long[] row) {
        long n = 0;
        for (long c : row) {
            n += c;
        }
        return n;
    }

    private static double[] rates(long[] row) {
        double n = texts(row);
        return Arrays.stream(row).mapToDouble(c -> c / n).toArray();
    }

    private static void requireSquare(int n, Object rows) {
        int length = rows instanceof long[][] l ? l.length : ((double[][]) rows).length;
        if (n < 2 || length != n) {
            throw new IllegalArgumentException("a confusion needs the same number (at least 2) of rows and columns");
        }
        for (int t = 0; t < n; t++) {
            int columns = rows instanceof long[][] l ? l[t].length : ((double[][]) rows)[t].length;
            if (columns != n) {
                throw new IllegalArgumentException("a confusion needs the same number (at least 2) of rows and columns");
            }
        }
    }
}
