package org.backbeat.ingest.lang;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Measures {@link LinguaLanguageDetector} on the first 3,000 real airline tweets: speed, heap after GC,
 * and the languages it answers. Not a test: run by hand (see docs/sources-feeds-import.md) with
 * {@code <lowAccuracy> <Tweets.csv> <minRelativeDistance>}.
 */
public final class LanguageDetectionBench {

    public static void main(String[] args) throws IOException, InterruptedException {
        boolean low = Boolean.parseBoolean(args[0]);
        double distance = Double.parseDouble(args[2]);
        List<String> texts = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(Path.of(args[1]), StandardCharsets.UTF_8)) {
            for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().get().parse(in)) {
                texts.add(row.get("text"));
                if (texts.size() == 3000) {
                    break;
                }
            }
        }
        LinguaLanguageDetector detector = new LinguaLanguageDetector(LinguaLanguageDetector.STANDARD_LANGUAGES, low,
                LinguaLanguageDetector.DEFAULT_MIN_LETTERS, distance);
        for (int i = 0; i < 1000; i++) {
            detector.detect(texts.get(i));
        }
        long start = System.nanoTime();
        Map<String, Integer> counts = new TreeMap<>();
        for (String text : texts) {
            counts.merge(String.valueOf(detector.detect(text)), 1, Integer::sum);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.gc();
        Thread.sleep(500);
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        System.out.printf("lowAccuracy=%s minRelativeDistance=%s: %d texts in %.2f s = %.0f/s, heap after GC %d MB, answers %s%n",
                low, distance, texts.size(), seconds, texts.size() / seconds,
                (runtime.totalMemory() - runtime.freeMemory()) >> 20, counts);
    }
}
