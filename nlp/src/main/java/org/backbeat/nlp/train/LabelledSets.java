package org.backbeat.nlp.train;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.backbeat.core.SentimentLabel;

/**
 * Reads the labelled corpora of the shared data folder ({@link org.backbeat.core.SharedData}; see each
 * folder's PROVENANCE.txt). Graded corpora (VADER's ratings -4..4 divided by 4, SemEval-2017 Task 5
 * scores -1..1) get 3-class gold labels with
 * the band their provenance names: below -0.125 negative, above +0.125 positive (inclusive), else neutral.
 */
public final class LabelledSets {

    /** Tweets about US airlines, Feb 2015 (3-class). */
    public static final String AIRLINE = "airline";
    /** VADER's 4,200 tweets (graded). */
    public static final String VADER_TWEETS = "vader_tweets";
    /** VADER's Amazon review snippets (graded). */
    public static final String VADER_AMAZON = "vader_amazon";
    /** VADER's New York Times editorial snippets (graded). */
    public static final String VADER_NYT = "vader_nyt";
    /** SemEval-2017 Task 5 financial headlines (graded). */
    public static final String SEMEVAL5 = "semeval5_headlines";
    /** Financial PhraseBank, sentences all annotators agreed on (3-class). */
    public static final String FPB = "financial_phrasebank";
    /** CrowdFlower SXSW 2011 brand tweets, post-level emotion as 3-class ("I can't tell" left out). */
    public static final String SXSW = "sxsw_brands";

    /**
     * SemEval 2013-2016 Task 4 subtask A tweets (3-class), every set but the 2016 test set: 2013 train/dev/test,
     * 2014 test and sarcasm, 2015 train/test, 2016 train/dev/devtest. Split by text hash like the other corpora.
     */
    public static final String SEMEVAL_TWEETS = "semeval_tweets";
    /**
     * SemEval-2016 Task 4 subtask A test set (20,632 tweets): the main tweet benchmark, held out entirely
     * (see {@link #HELD_OUT}).
     */
    public static final String SEMEVAL_2016_TEST = "semeval2016_test";

    public static final List<String> ALL = List.of(AIRLINE, VADER_TWEETS, VADER_AMAZON, VADER_NYT, SEMEVAL5, FPB, SXSW,
            SEMEVAL_TWEETS, SEMEVAL_2016_TEST);

    /**
     * Corpora that are only reported, whole: never trained or calibrated on, used for no choice, and no
     * text of another corpus with the same {@link #dedupKey} is trained or calibrated on either.
     */
    public static final java.util.Set<String> HELD_OUT = java.util.Set.of(SEMEVAL_2016_TEST);

    /** The subtask A files of {@link #SEMEVAL_TWEETS}. */
    static final List<String> SEMEVAL_TWEET_FILES = List.of("twitter-2013train-A", "twitter-2013dev-A", "twitter-2013test-A",
            "twitter-2014test-A", "twitter-2014sarcasm-A", "twitter-2015train-A", "twitter-2015test-A",
            "twitter-2016train-A", "twitter-2016dev-A", "twitter-2016devtest-A");

    private static final double BAND = 0.125;

    private final Path data;

    /** @param data the shared data folder, usually {@link org.backbeat.core.SharedData#root()} */
    public LabelledSets(Path data) {
        this.data = data;
    }

    /** The texts of {@code set}, in file order. */
    public List<LabelledText> read(String set) {
        try {
            return switch (set) {
                case AIRLINE -> airline();
                case VADER_TWEETS -> vader(set, "vader_tweets_GroundTruth.tsv");
                case VADER_AMAZON -> vader(set, "vader_amazonReviewSnippets_GroundTruth.tsv");
                case VADER_NYT -> vader(set, "vader_nytEditorialSnippets_GroundTruth.tsv");
                case SEMEVAL5 -> semeval5();
                case FPB -> fpb();
                case SXSW -> sxsw();
                case SEMEVAL_TWEETS -> semevalA(set, SEMEVAL_TWEET_FILES);
                case SEMEVAL_2016_TEST -> semevalA(set, List.of("twitter-2016test-A"));
                default -> throw new IllegalArgumentException("unknown labelled set " + set + "; known: " + ALL);
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read labelled set " + set + " under " + data, e);
        }
    }

    /** The 3-class label of a graded score in [-1, 1]. */
    public static SentimentLabel band(double graded) {
        return graded >= BAND ? SentimentLabel.POSITIVE : graded <= -BAND ? SentimentLabel.NEGATIVE : SentimentLabel.NEUTRAL;
    }

    private List<LabelledText> airline() throws IOException {
        List<LabelledText> out = new ArrayList<>();
        for (CSVRecord r : csv(data.resolve("twitter_us_airline_sentiment/Tweets.csv"), StandardCharsets.UTF_8)) {
            out.add(new LabelledText(AIRLINE, r.get("text"), label(r.get("airline_sentiment")), Double.NaN));
        }
        return out;
    }

    private List<LabelledText> sxsw() throws IOException {
        List<LabelledText> out = new ArrayList<>();
        Path file = data.resolve("crowdflower_brands_sxsw2011/judge-1377884607_tweet_product_company.csv");
        for (CSVRecord r : csv(file, Charset.forName("windows-1252"))) {
            String text = r.get("tweet_text");
            String emotion = r.get("is_there_an_emotion_directed_at_a_brand_or_product");
            SentimentLabel gold = switch (emotion) {
                case "Positive emotion" -> SentimentLabel.POSITIVE;
                case "Negative emotion" -> SentimentLabel.NEGATIVE;
                case "No emotion toward brand or product" -> SentimentLabel.NEUTRAL;
                default -> null;
            };
            if (gold != null && !text.isBlank()) {
                out.add(new LabelledText(SXSW, text, gold, Double.NaN));
            }
        }
        return out;
    }

    private List<LabelledText> vader(String set, String file) throws IOException {
        List<LabelledText> out = new ArrayList<>();
        for (String line : Files.readAllLines(data.resolve("sentiment_benchmarks").resolve(file), StandardCharsets.UTF_8)) {
            String[] cols = line.split("\t", 3);
            if (cols.length == 3 && !cols[2].isBlank()) {
                double graded = Double.parseDouble(cols[1]) / 4;
                out.add(new LabelledText(set, cols[2], band(graded), graded));
            }
        }
        return out;
    }

    private List<LabelledText> semeval5() throws IOException {
        List<LabelledText> out = new ArrayList<>();
        for (String line : Files.readAllLines(data.resolve("sentiment_benchmarks/semeval2017_task5_headlines.tsv"), StandardCharsets.UTF_8)) {
            String[] cols = line.split("\t", 4);
            if (cols.length == 4 && !cols[3].isBlank()) {
                double graded = Double.parseDouble(cols[2]);
                out.add(new LabelledText(SEMEVAL5, cols[3], band(graded), graded));
            }
        }
        return out;
    }

    private List<LabelledText> fpb() throws IOException {
        List<LabelledText> out = new ArrayList<>();
        for (String line : Files.readAllLines(data.resolve("sentiment_benchmarks/fpb_Sentences_AllAgree.tsv"), StandardCharsets.UTF_8)) {
            String[] cols = line.split("\t", 3);
            if (cols.length == 3 && !cols[2].isBlank()) {
                out.add(new LabelledText(FPB, cols[2], label(cols[1]), Double.NaN));
            }
        }
        return out;
    }

    /**
     * SemEval subtask A files ({@code id <TAB> label <TAB> text}, see the folder's PROVENANCE.txt): the text
     * unquoted and its literal {@code \\uXXXX} escapes decoded; tweets the download could not fetch ("Not
     * Available") and blank ones left out.
     */
    private List<LabelledText> semevalA(String set, List<String> files) throws IOException {
        List<LabelledText> out = new ArrayList<>();
        for (String file : files) {
            for (String line : Files.readAllLines(data.resolve("semeval_task4_2013_2016").resolve(file + ".tsv"), StandardCharsets.UTF_8)) {
                String[] cols = line.split("\t", 4);
                if (cols.length < 3) {
                    continue;
                }
                String text = semevalText(cols[2]);
                if (!text.isBlank() && !text.equals("Not Available")) {
                    out.add(new LabelledText(set, text, label(cols[1]), Double.NaN));
                }
            }
        }
        return out;
    }

    /** A SemEval text as written: outer quotes and the download's doubled or escaped quotes undone, {@code \\uXXXX} decoded. */
    static String semevalText(String field) {
        String text = field.trim();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1);
        }
        String before;
        do {
            before = text;
            text = text.replace("\\\"", "\"").replace("\"\"", "\"");
        } while (!text.equals(before));
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == 'u' && isHex(text, i + 2, i + 6)) {
                out.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
                i += 5;
            } else {
                out.append(c);
            }
        }
        return out.toString().trim();
    }

    private static boolean isHex(String s, int from, int to) {
        if (to > s.length()) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The key under which two texts count as the same tweet (for keeping {@link #HELD_OUT} texts out of
     * training): lower case, without URLs, @mentions, a retweet's "RT" and HTML entities, letters and digits
     * only, single spaces.
     */
    public static String dedupKey(String text) {
        String t = text.toLowerCase(Locale.ROOT)
                .replaceAll("https?://\\S+|www\\.\\S+|\\{link\\}", " ")
                .replaceAll("@\\w+", " ")
                .replaceAll("&[a-z]+;|&#\\d+;", " ")
                .replaceAll("[^\\p{L}\\p{N}]+", " ")
                .trim();
        return t.startsWith("rt ") ? t.substring(3) : t;
    }

    private static SentimentLabel label(String name) {
        return SentimentLabel.valueOf(name.trim().toUpperCase(Locale.ROOT));
    }

    private static List<CSVRecord> csv(Path file, Charset charset) throws IOException {
        // Decoding replaces bytes the charset does not map (the SXSW file has a few) instead of failing.
        try (Reader reader = new java.io.InputStreamReader(Files.newInputStream(file), charset)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        }
    }
}
