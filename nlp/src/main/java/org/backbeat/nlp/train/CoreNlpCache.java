package org.backbeat.nlp.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.backbeat.nlp.sentiment.SentenceDistribution;

/**
 * CoreNLP's sentence distributions for texts, kept in a TSV file so that training and evaluation run
 * CoreNLP (about 100 texts/s) once per text and not once per experiment. One line per text:
 * SHA-256 of the text, then per sentence {@code begin,end,tokens,p0,p1,p2,p3,p4} separated by {@code ;}.
 * Lines are appended as texts are computed; the file is a cache, never committed (delete it when the
 * CoreNLP version or the normalisation changes).
 */
public final class CoreNlpCache implements Function<String, List<SentenceDistribution>> {

    private final Path file;
    private final Function<String, List<SentenceDistribution>> compute;
    private final Map<String, List<SentenceDistribution>> entries = new ConcurrentHashMap<>();

    /**
     * @param file    the cache file (created when missing)
     * @param compute computes the distributions of a text the cache does not hold
     */
    public CoreNlpCache(Path file, Function<String, List<SentenceDistribution>> compute) {
        this.file = file;
        this.compute = compute;
        load();
    }

    @Override
    public List<SentenceDistribution> apply(String text) {
        String key = key(text);
        List<SentenceDistribution> cached = entries.get(key);
        if (cached != null) {
            return cached;
        }
        List<SentenceDistribution> computed = compute.apply(text);
        entries.put(key, computed);
        append(key, computed);
        return computed;
    }

    /** Whether the cache holds {@code text}. */
    public boolean contains(String text) {
        return entries.containsKey(key(text));
    }

    public int size() {
        return entries.size();
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] cols = line.split("\t", -1);
                if (cols.length != 2) {
                    continue; // a line cut short by a crash
                }
                List<SentenceDistribution> sentences = new ArrayList<>();
                for (String s : cols[1].isEmpty() ? new String[0] : cols[1].split(";")) {
                    String[] f = s.split(",");
                    double[] p = new double[5];
                    for (int c = 0; c < 5; c++) {
                        p[c] = Double.parseDouble(f[3 + c]);
                    }
                    sentences.add(new SentenceDistribution(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]), p));
                }
                entries.put(cols[0], List.copyOf(sentences));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CoreNLP cache " + file, e);
        }
    }

    private synchronized void append(String key, List<SentenceDistribution> sentences) {
        StringBuilder line = new StringBuilder(key).append('\t');
        for (int i = 0; i < sentences.size(); i++) {
            SentenceDistribution s = sentences.get(i);
            line.append(i == 0 ? "" : ";").append(s.begin()).append(',').append(s.end()).append(',').append(s.tokens());
            for (double v : s.p()) {
                line.append(',').append(String.format(Locale.ROOT, "%.6g", v));
            }
        }
        line.append('\n');
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                w.write(line.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write CoreNLP cache " + file, e);
        }
    }

    private static String key(String text) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
