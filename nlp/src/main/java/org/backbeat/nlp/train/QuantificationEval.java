package org.backbeat.nlp.train;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.backbeat.core.SentimentLabel;
import org.backbeat.core.quantify.Confusion;
import org.backbeat.core.quantify.ShareQuantifier;
import org.backbeat.nlp.sentiment.CalibratedScorer;

/**
 * How well do corrected shares track the true ones? Two checks on labelled tweets grouped as a dashboard
 * groups posts (see docs/nlp-evaluation.md, "Quantification"):
 * <ul>
 *   <li>{@link #subtaskD}: SemEval-2016 Task 4 subtask D, per topic the Kullback–Leibler divergence between
 *       the true and the estimated positive/negative shares, averaged over topics;</li>
 *   <li>{@link #daily}: per group (an airline's day), the net sentiment (positive − negative) / n of the
 *       estimate against the labels': mean absolute error, bias, Pearson r, and how often the corrected
 *       interval holds the labels' net.</li>
 * </ul>
 * Each compares classify and count (the labels' shares), the mean probabilities (probabilistic classify and
 * count), adjusted classify and count (ACC) and probabilistic ACC (PACC), from one scoring of the texts.
 */
public final class QuantificationEval {

    /** A labelled text and the group (topic, airline and day) it is counted in. */
    public record Labelled(String group, SentimentLabel gold, String text) {
    }

    /**
     * One group's gold label counts, predicted label counts and summed calibrated probabilities (classes in
     * {@link SentimentLabel} order).
     */
    public record Group(String name, long[] gold, long[] predicted, double[] probabilities) {
        public long n() {
            return gold[0] + gold[1] + gold[2];
        }
    }

    /** The estimators compared, in report order. */
    public static final List<String> METHODS = List.of("classify and count", "mean probabilities", "ACC", "PACC");

    private static final Pattern ESCAPE = Pattern.compile("\\\\u([0-9a-fA-F]{4})");

    private QuantificationEval() {
    }

    /** Scores every text once ({@code probabilities}: calibrated negative, neutral, positive) and sums per group, groups sorted. */
    public static List<Group> groups(List<Labelled> texts, Function<String, double[]> probabilities) {
        Map<String, Group> groups = new TreeMap<>();
        for (Labelled t : texts) {
            Group g = groups.computeIfAbsent(t.group(), name -> new Group(name, new long[3], new long[3], new double[3]));
            double[] p = probabilitiesOrNeutral(probabilities, t.text());
            g.gold()[t.gold().ordinal()]++;
            g.predicted()[CalibratedScorer.sentiment(p).label().ordinal()]++;
            for (int c = 0; c < 3; c++) {
                g.probabilities()[c] += p[c];
            }
        }
        return List.copyOf(groups.values());
    }

    /** A text the scorer refuses (nothing to score) counts as certainly neutral, as in {@link SentimentEvaluation}. */
    private static double[] probabilitiesOrNeutral(Function<String, double[]> probabilities, String text) {
        try {
            return probabilities.apply(text);
        } catch (IllegalArgumentException e) {
            return new double[] {0, 1, 0};
        }
    }

    // --- SemEval-2016 Task 4, subtask D ---

    /**
     * The tweets of a SemEval Task 4 B/D file ({@code id <TAB> topic <TAB> positive|negative <TAB> text}), grouped by
     * topic, with the literal {@code \\uXXXX} escapes the download left in the texts decoded.
     */
    public static List<Labelled> semEvalTopics(Path file) {
        try {
            List<Labelled> out = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] cols = line.split("\t", -1);
                if (cols.length < 4 || cols[3].isBlank()) {
                    continue;
                }
                SentimentLabel gold = SentimentLabel.valueOf(cols[2].trim().toUpperCase(Locale.ROOT));
                out.add(new Labelled(cols[1].trim(), gold, unescape(cols[3])));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The texts of the first {@code limit} groups in the order they first appear (all with {@code limit <= 0}). */
    public static List<Labelled> firstGroups(List<Labelled> texts, int limit) {
        if (limit <= 0) {
            return texts;
        }
        List<String> kept = texts.stream().map(Labelled::group).distinct().limit(limit).toList();
        return texts.stream().filter(t -> kept.contains(t.group())).toList();
    }

    static String unescape(String text) {
        Matcher m = ESCAPE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        }
        return m.appendTail(out).toString();
    }

    /**
     * Subtask D's KLD of one topic: {@code Σ p log(p / p̂)} over positive and negative, both distributions smoothed
     * as the task did, {@code p_s = (p + ε) / (1 + 2ε)} with {@code ε = 1 / (2n)}, n the topic's tweets.
     */
    public static double kld(double truePositive, double estimatedPositive, long n) {
        double eps = 1.0 / (2.0 * n);
        double[] p = {truePositive, 1 - truePositive};
        double[] q = {estimatedPositive, 1 - estimatedPositive};
        double kld = 0;
        for (int c = 0; c < 2; c++) {
            double ps = (p[c] + eps) / (1 + 2 * eps);
            double qs = (q[c] + eps) / (1 + 2 * eps);
            kld += ps * Math.log(ps / qs);
        }
        return kld;
    }

    /** One method's estimate of the positive share among positive and negative, for a topic known to hold no neutral tweet. */
    public static double positiveShare(String method, Group topic, Confusion confusion) {
        int negPos = 0b101; // subtask D's tweets are all positive or negative about their topic: neutral is known to be absent
        double[] shares = switch (method) {
            case "classify and count" -> normalise(topic.predicted());
            case "mean probabilities" -> normalise(topic.probabilities());
            case "ACC" -> ShareQuantifier.onSimplex(confusion.rates(), normalise(topic.predicted()), negPos);
            case "PACC" -> ShareQuantifier.onSimplex(confusion.meanProbabilities(), normalise(topic.probabilities()), negPos);
            default -> throw new IllegalArgumentException("unknown method " + method);
        };
        // Our classifier also answers neutral: the raw methods drop it and share the rest.
        double both = shares[0] + shares[2];
        return both == 0 ? 0.5 : shares[2] / both;
    }

    /** Mean KLD over topics per method. */
    public static Map<String, Double> subtaskD(List<Group> topics, Confusion confusion) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String method : METHODS) {
            double sum = 0;
            for (Group t : topics) {
                double truePositive = (double) t.gold()[2] / (t.gold()[0] + t.gold()[2]);
                sum += kld(truePositive, positiveShare(method, t, confusion), t.n());
            }
            out.put(method, sum / topics.size());
        }
        return out;
    }

    // --- daily net sentiment ---

    /** The airline corpus's tweets grouped by airline and local day ({@code tweet_created}'s date, as written). */
    public static List<Labelled> airlineDays(Path tweetsCsv) {
        try (Reader reader = Files.newBufferedReader(tweetsCsv, StandardCharsets.UTF_8)) {
            List<Labelled> out = new ArrayList<>();
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                String day = r.get("tweet_created").substring(0, 10);
                SentimentLabel gold = SentimentLabel.valueOf(r.get("airline_sentiment").trim().toUpperCase(Locale.ROOT));
                out.add(new Labelled(r.get("airline") + " " + day, gold, r.get("text")));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + tweetsCsv, e);
        }
    }

    /** One method's daily tracking: mean absolute error, mean signed error (bias) and Pearson r of the net against the labels'. */
    public record Tracking(String method, double mae, double bias, double pearson) {
    }

    /** The groups' nets per method and the corrected interval's coverage. */
    public record Daily(int groups, List<Tracking> tracking, double coverage, double meanWidth) {
    }

    /** Tracks the net sentiment of every group with at least {@code minTexts} texts. */
    public static Daily daily(List<Group> all, ShareQuantifier quantifier, int minTexts) {
        List<Group> groups = all.stream().filter(g -> g.n() >= minTexts).toList();
        double[] gold = new double[groups.size()];
        Map<String, double[]> nets = new LinkedHashMap<>();
        METHODS.forEach(m -> nets.put(m, new double[groups.size()]));
        int covered = 0;
        double width = 0;
        for (int i = 0; i < groups.size(); i++) {
            Group g = groups.get(i);
            gold[i] = net(normalise(g.gold()));
            ShareQuantifier.Shares acc = quantifier.adjusted(g.predicted());
            ShareQuantifier.Shares pacc = quantifier.probabilistic(g.probabilities());
            nets.get("classify and count")[i] = acc.rawNet();
            nets.get("mean probabilities")[i] = pacc.rawNet();
            nets.get("ACC")[i] = acc.net();
            nets.get("PACC")[i] = pacc.net();
            if (acc.netLow() <= gold[i] && gold[i] <= acc.netHigh()) {
                covered++;
            }
            width += acc.netHigh() - acc.netLow();
        }
        List<Tracking> tracking = new ArrayList<>();
        for (Map.Entry<String, double[]> m : nets.entrySet()) {
            double[] est = m.getValue();
            double mae = 0, bias = 0;
            for (int i = 0; i < est.length; i++) {
                mae += Math.abs(est[i] - gold[i]);
                bias += est[i] - gold[i];
            }
            double r = est.length < 3 ? Double.NaN : new PearsonsCorrelation().correlation(est, gold);
            tracking.add(new Tracking(m.getKey(), mae / est.length, bias / est.length, r));
        }
        return new Daily(groups.size(), tracking, (double) covered / groups.size(), width / groups.size());
    }

    private static double net(double[] shares) {
        return shares[2] - shares[0];
    }

    private static double[] normalise(long[] counts) {
        double n = counts[0] + counts[1] + counts[2];
        return new double[] {counts[0] / n, counts[1] / n, counts[2] / n};
    }

    private static double[] normalise(double[] sums) {
        double n = sums[0] + sums[1] + sums[2];
        return new double[] {sums[0] / n, sums[1] / n, sums[2] / n};
    }
}
