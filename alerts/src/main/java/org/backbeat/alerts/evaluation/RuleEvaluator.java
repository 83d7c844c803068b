package org.backbeat.alerts.evaluation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.backbeat.alerts.rules.AlertRule;
import org.backbeat.core.Alert;

/**
 * The statistics of every rule kind, on one window and its baseline. Plain functions: the topology and the
 * backtest call the same code.
 *
 * <ul>
 *   <li><b>Volume spike, topic burst</b>: posts in the window (for a burst: posts with the topic) above
 *       {@code mean + k·σ} of the baseline's windows. σ is at least √mean and at least 1 (Poisson noise), so
 *       a flat or empty history does not make every post a spike.</li>
 *   <li><b>Sentiment dip / rise, mean</b>: Welch's t-test of the window's mean sentiment against the baseline's,
 *       one-sided, at the rule's confidence. The sample sizes are the numbers of distinct texts, not of posts,
 *       so copies of one text never add significance.</li>
 *   <li><b>Sentiment dip / rise, negative share</b>: a two-proportion z-test of the negative share (a dip is the
 *       share rising), again with distinct texts as the sample sizes.</li>
 * </ul>
 *
 * <p>Never crying wolf: when a statistic shifts, the evaluator asks whether it survives with every repeated text
 * counted once. If it does, the shift is broad ({@link Verdict#MANY} texts drive it). If not, it counts the fewest
 * repeated texts that, counted once, undo it (the heaviest first): a shift resting on fewer than
 * {@code minDistinctTexts} texts (default 3) does not fire, whatever its size. A window tracks its
 * {@code AlertRule.TRACKED_TEXTS} texts with the most copies; the others count as they are.
 */
public final class RuleEvaluator {

    private static final NormalDistribution NORMAL = new NormalDistribution();
    /** Drivers an alert names. */
    public static final int DRIVERS_NAMED = 5;

    private RuleEvaluator() {
    }

    /**
     * False when {@code rule} certainly does not find {@code window} shifted from {@code baseline}, without the
     * statistics: a mean-sentiment test whose window mean lies on the wrong side of the baseline's cannot be
     * significant at any confidence above one half (the topology asks this of every open window on every post).
     * True means "evaluate it".
     */
    public static boolean mayShift(AlertRule rule, WindowAggregate window, Baseline baseline) {
        boolean sentiment = rule.kind() == Alert.Kind.SENTIMENT_DIP || rule.kind() == Alert.Kind.SENTIMENT_RISE;
        if (!sentiment || rule.metric() != AlertRule.Metric.MEAN || window.scoredPosts() == 0
                || baseline.scoredPosts() == 0 || rule.confidence() <= 0.5) {
            return true;
        }
        double m1 = window.sentimentSum() / window.scoredPosts();
        double m0 = baseline.sentimentSum() / baseline.scoredPosts();
        return rule.kind() == Alert.Kind.SENTIMENT_DIP ? m1 < m0 : m1 > m0;
    }

    /** The verdict of {@code rule} on {@code window} against {@code baseline}. */
    public static Verdict evaluate(AlertRule rule, WindowAggregate window, Baseline baseline) {
        if (baseline.windows() < rule.minBaselineWindows()) {
            return Verdict.insufficient("the baseline has " + baseline.windows() + " of the " + rule.minBaselineWindows()
                    + " windows of history it needs");
        }
        Stat stat = statistic(rule, window, baseline);
        if (stat.insufficient != null) {
            return Verdict.insufficient(stat.insufficient);
        }
        if (!stat.shifted) {
            // (the numbers are in the verdict: no text is built for the common case)
            return new Verdict(false, false, "no shift", stat.observed, stat.mean, stat.stdDev, stat.threshold, stat.score,
                    stat.pValue, 0, 0, List.of());
        }
        // Which texts carry the shift: does it survive when every repeated text counts once? If not, collapse the
        // heaviest repeated texts one by one until it is undone: that many texts drive it.
        List<TextCount> candidates = candidates(rule, window, baseline, stat);
        WindowAggregate once = window;
        for (TextCount c : candidates) {
            once = once.collapse(c);
        }
        int driving = Verdict.MANY;
        long drivingCopies = 0;
        if (!holds(rule, once, baseline)) {
            WindowAggregate rest = window;
            for (int i = 0; i < candidates.size(); i++) {
                rest = rest.collapse(candidates.get(i));
                drivingCopies += candidates.get(i).copies();
                if (!holds(rule, rest, baseline)) {
                    driving = i + 1;
                    break;
                }
            }
        }
        List<TextCount> drivers = new ArrayList<>(candidates.subList(0, driving == Verdict.MANY ? 0 : driving));
        for (TextCount t : window.topTexts()) {
            if (drivers.size() >= Math.max(DRIVERS_NAMED, driving)) {
                break;
            }
            if (!drivers.contains(t)) {
                drivers.add(t);
            }
        }
        if (driving == Verdict.MANY) {
            drivingCopies = 0;
        }
        String reason = null;
        if (window.posts() < rule.minPosts()) {
            reason = window.posts() + " posts, fewer than the " + rule.minPosts() + " the rule needs";
        } else if (window.texts() < rule.minDistinctTexts()) {
            reason = window.texts() + " distinct texts, fewer than the " + rule.minDistinctTexts() + " the rule needs";
        } else if (driving != Verdict.MANY && driving < rule.minDistinctTexts()) {
            reason = "driven by " + texts(driving, drivingCopies) + ", fewer distinct texts than the "
                    + rule.minDistinctTexts() + " the rule needs";
        }
        return new Verdict(reason == null, true, reason, stat.observed, stat.mean, stat.stdDev, stat.threshold,
                stat.score, stat.pValue, driving, drivingCopies, drivers);
    }

    /** "1 distinct text, 150 copies", "3 distinct texts, 41 copies". */
    public static String texts(int distinct, long copies) {
        return distinct + (distinct == 1 ? " distinct text, " : " distinct texts, ") + copies + (copies == 1 ? " copy" : " copies");
    }

    private static boolean holds(AlertRule rule, WindowAggregate window, Baseline baseline) {
        Stat s = statistic(rule, window, baseline);
        return s.insufficient == null && s.shifted;
    }

    /** The repeated texts whose copies move the statistic most in the alert's direction, heaviest first. */
    private static List<TextCount> candidates(AlertRule rule, WindowAggregate window, Baseline baseline, Stat stat) {
        List<TextCount> all = new ArrayList<>(window.topTexts());
        all.removeIf(t -> t.copies() <= 1);
        Comparator<TextCount> order;
        switch (rule.kind()) {
            case VOLUME_SPIKE, TOPIC_BURST -> order = WindowAggregate.MOST_COPIES;
            default -> {
                boolean dip = rule.kind() == Alert.Kind.SENTIMENT_DIP;
                double sign = dip ? 1 : -1;
                if (rule.metric() == AlertRule.Metric.NEGATIVE_SHARE) {
                    double p0 = stat.mean;
                    // a text's negatives above what the baseline share expects of its copies
                    all.removeIf(t -> sign * (t.negatives() - p0 * t.scoredCopies()) <= 0);
                    order = Comparator.comparingDouble((TextCount t) -> -sign * (t.negatives() - p0 * t.scoredCopies()));
                } else {
                    double m0 = stat.mean;
                    // a text's pull on the mean: its copies times its distance from the baseline, in the alert's direction
                    all.removeIf(t -> t.scoredCopies() == 0 || sign * (m0 * t.scoredCopies() - t.sentimentSum()) <= 0);
                    order = Comparator.comparingDouble((TextCount t) -> -sign * (m0 * t.scoredCopies() - t.sentimentSum()));
                }
            }
        }
        all.sort(order.thenComparing(TextCount::textCluster));
        return all;
    }

    private record Stat(String insufficient, boolean shifted, double observed, double mean, double stdDev,
                        double threshold, double score, Double pValue) {
        static Stat insufficient(String why) {
            return new Stat(why, false, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, null);
        }
    }

    private static Stat statistic(AlertRule rule, WindowAggregate w, Baseline b) {
        return switch (rule.kind()) {
            case VOLUME_SPIKE, TOPIC_BURST -> volume(rule, w, b);
            case SENTIMENT_DIP, SENTIMENT_RISE -> rule.metric() == AlertRule.Metric.NEGATIVE_SHARE
                    ? negativeShare(rule, w, b) : meanSentiment(rule, w, b);
        };
    }

    private static Stat volume(AlertRule rule, WindowAggregate w, Baseline b) {
        double mean = b.meanPosts();
        double sd = Math.max(b.stdDevPosts(), Math.max(1, Math.sqrt(mean)));
        double threshold = mean + rule.effectiveK() * sd;
        double z = (w.posts() - mean) / sd;
        return new Stat(null, w.posts() > threshold, w.posts(), mean, b.stdDevPosts(), threshold, z, null);
    }

    private static Stat meanSentiment(AlertRule rule, WindowAggregate w, Baseline b) {
        long n1 = w.scoredTexts();
        long n0 = b.scoredTexts();
        if (n1 < 2 || n0 < 2 || w.scoredPosts() < 2 || b.scoredPosts() < 2) {
            return Stat.insufficient("too few scored texts for a test (" + n1 + " in the window, " + n0 + " in the baseline)");
        }
        double m1 = w.sentimentSum() / w.scoredPosts();
        double m0 = b.sentimentSum() / b.scoredPosts();
        double v1 = Baseline.variance(w.scoredPosts(), w.sentimentSum(), w.sentimentSumSq());
        double v0 = b.sentimentVariance();
        double a = v1 / n1;
        double c = v0 / n0;
        double se = Math.sqrt(a + c);
        boolean dip = rule.kind() == Alert.Kind.SENTIMENT_DIP;
        double alpha = 1 - rule.confidence();
        if (se == 0) {
            boolean shifted = dip ? m1 < m0 : m1 > m0;
            return new Stat(null, shifted, m1, m0, 0, m0, shifted ? (dip ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY) : 0,
                    shifted ? 0.0 : 1.0);
        }
        double denominator = a * a / (n1 - 1) + c * c / (n0 - 1);
        double df = denominator == 0 ? n1 + n0 - 2 : (a + c) * (a + c) / denominator;
        TDistribution t = new TDistribution(null, Math.max(1, df));
        double stat = (m1 - m0) / se;
        double p = dip ? t.cumulativeProbability(stat) : 1 - t.cumulativeProbability(stat);
        double critical = t.inverseCumulativeProbability(1 - alpha);
        double threshold = dip ? m0 - critical * se : m0 + critical * se;
        return new Stat(null, p < alpha, m1, m0, Math.sqrt(v0), threshold, stat, p);
    }

    private static Stat negativeShare(AlertRule rule, WindowAggregate w, Baseline b) {
        long n1 = w.scoredTexts();
        long n0 = b.scoredTexts();
        if (n1 < 1 || n0 < 1 || w.scoredPosts() == 0 || b.scoredPosts() == 0) {
            return Stat.insufficient("too few scored texts for a test (" + n1 + " in the window, " + n0 + " in the baseline)");
        }
        double p1 = (double) w.negatives() / w.scoredPosts();
        double p0 = (double) b.negatives() / b.scoredPosts();
        double pooled = (p1 * n1 + p0 * n0) / (n1 + n0);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n0));
        boolean dip = rule.kind() == Alert.Kind.SENTIMENT_DIP; // opinion dips: the negative share rises
        double alpha = 1 - rule.confidence();
        double critical = NORMAL.inverseCumulativeProbability(1 - alpha);
        if (se == 0) {
            return new Stat(null, false, p1, p0, Math.sqrt(p0 * (1 - p0)), p0, 0, 1.0);
        }
        double z = (p1 - p0) / se;
        double p = dip ? 1 - NORMAL.cumulativeProbability(z) : NORMAL.cumulativeProbability(z);
        double threshold = dip ? p0 + critical * se : p0 - critical * se;
        return new Stat(null, p < alpha, p1, p0, Math.sqrt(p0 * (1 - p0)), threshold, z, p);
    }

    static String fmt(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return String.valueOf(v);
        }
        return Math.abs(v - Math.rint(v)) < 1e-9 && Math.abs(v) < 1e12
                ? String.valueOf((long) Math.rint(v)) : String.format(Locale.ROOT, "%.3g", v);
    }
}
