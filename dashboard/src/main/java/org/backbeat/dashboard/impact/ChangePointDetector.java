package org.backbeat.dashboard.impact;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Proposes candidate events from an entity's daily series:
 * <ul>
 *   <li><b>sentiment shifts</b>: binary segmentation of the daily mean scores (days without posts left out),
 *       each day weighted by its post count. A split is kept when its gain — the drop of the weighted sum of
 *       squares, in units of the noise variance — exceeds {@code penaltyPerLogDay · ln(days)}. The noise scale
 *       is estimated robustly from day-to-day differences (their median absolute deviation), so the shifts
 *       themselves do not inflate it. Strength is {@code sqrt(gain)} between the final neighbouring segments.</li>
 *   <li><b>volume bursts</b>: a day whose count exceeds the mean of the previous {@code burstLookback} days
 *       (earlier burst days excluded) by more than {@code burstZ} over-dispersed Poisson standard deviations,
 *       {@code z = (count - mean) / sqrt(phi · mean)}, {@code phi = max(1, variance/mean)} of those days.
 *       Consecutive burst days form one candidate on the first day; strength is the largest z.</li>
 * </ul>
 * Candidates of both kinds are ranked by strength, strongest first. Drops in volume are not reported.
 *
 * <p>Given the same days counted once per distinct text as well ({@link #sentimentShifts(List, List)},
 * {@link #volumeBursts(List, List)}), each candidate of the posts' series is marked {@code drivenByFewTexts} when
 * the change is not there in the texts' series: for a shift, when no split within a day of it, between the same
 * neighbouring segments, gains more than the penalty on the per-text daily means weighted by distinct texts (with
 * their own noise scale); for a burst, when the distinct texts do not burst within a day of it.
 */
public final class ChangePointDetector {

    private static final double MAD_TO_SD = 1.4826;

    private final ChangePointConfig config;

    public ChangePointDetector(ChangePointConfig config) {
        this.config = config;
    }

    /** Sentiment shifts and volume bursts of one entity's consecutive days, strongest first. */
    public List<CandidatePoint> detect(List<DailyBucket> days) {
        List<CandidatePoint> all = new ArrayList<>(sentimentShifts(days));
        all.addAll(volumeBursts(days));
        all.sort(Comparator.comparingDouble(CandidatePoint::strength).reversed().thenComparing(CandidatePoint::day));
        return List.copyOf(all.subList(0, Math.min(all.size(), config.maxCandidates())));
    }

    /** Shifts of the daily mean sentiment, in day order. */
    public List<CandidatePoint> sentimentShifts(List<DailyBucket> days) {
        return shifts(days).stream().map(Shift::point).toList();
    }

    /**
     * Shifts of the posts' daily mean sentiment, in day order, each marked {@code drivenByFewTexts} when it is not a
     * shift of the per-text means. {@code texts} has the same days as {@code posts}, with the distinct texts as
     * count and the mean of the per-text means as mean.
     */
    public List<CandidatePoint> sentimentShifts(List<DailyBucket> posts, List<DailyBucket> texts) {
        requireSameDays(posts, texts);
        List<Shift> shifts = shifts(posts);
        if (shifts.isEmpty()) {
            return List.of();
        }
        List<DailyBucket> used = new ArrayList<>();
        for (int i = 0; i < posts.size(); i++) {
            if (posts.get(i).count() > 0) {
                DailyBucket t = texts.get(i);
                used.add(t.count() > 0 ? t : new DailyBucket(t.day(), 1, posts.get(i).meanScore()));
            }
        }
        double[] y = used.stream().mapToDouble(DailyBucket::meanScore).toArray();
        double[] w = used.stream().mapToDouble(DailyBucket::count).toArray();
        double sigma = noiseScale(y, w);
        double penalty = config.penaltyPerLogDay() * Math.log(y.length);
        int m = config.minSegmentDays();
        List<CandidatePoint> points = new ArrayList<>();
        for (Shift s : shifts) {
            double best = 0;
            for (int tau = Math.max(s.start() + m, s.tau() - 1); tau <= Math.min(s.end() - m, s.tau() + 1); tau++) {
                best = Math.max(best, gain(y, w, s.start(), tau, s.end()));
            }
            boolean holds = !(sigma > 0) || best / (sigma * sigma) > penalty;
            points.add(s.point().drivenByFewTexts(!holds));
        }
        return points;
    }

    /**
     * Bursts of the posts' daily volume, in day order, each marked {@code drivenByFewTexts} when the distinct texts
     * ({@code texts}: same days, distinct texts as count) do not burst within a day of it.
     */
    public List<CandidatePoint> volumeBursts(List<DailyBucket> posts, List<DailyBucket> texts) {
        requireSameDays(posts, texts);
        List<LocalDate> textBurstDays = new ArrayList<>();
        List<CandidatePoint> textBursts = volumeBursts(texts);
        for (CandidatePoint b : textBursts) {
            textBurstDays.add(b.day());
        }
        List<CandidatePoint> points = new ArrayList<>();
        for (CandidatePoint p : volumeBursts(posts)) {
            boolean holds = textBurstDays.stream().anyMatch(d -> Math.abs(d.toEpochDay() - p.day().toEpochDay()) <= 1);
            points.add(p.drivenByFewTexts(!holds));
        }
        return points;
    }

    private static void requireSameDays(List<DailyBucket> posts, List<DailyBucket> texts) {
        if (posts.size() != texts.size()) {
            throw new IllegalArgumentException("the posts' and the texts' series need the same days: " + posts.size()
                    + " and " + texts.size());
        }
    }

    /** The weighted sum of squares explained by one split at {@code tau} of [start, end). */
    private static double gain(double[] y, double[] w, int start, int tau, int end) {
        double w1 = sum(w, start, tau);
        double w2 = sum(w, tau, end);
        if (!(w1 > 0) || !(w2 > 0)) {
            return 0;
        }
        double diff = weightedSum(y, w, start, tau) / w1 - weightedSum(y, w, tau, end) / w2;
        return w1 * w2 / (w1 + w2) * diff * diff;
    }

    /** A shift with the indices (among the days with posts) of its segment's start, its day and the next segment's end. */
    private record Shift(CandidatePoint point, int start, int tau, int end) {
    }

    private List<Shift> shifts(List<DailyBucket> days) {
        List<DailyBucket> used = days.stream().filter(d -> d.count() > 0).toList();
        int n = used.size();
        if (n < 2 * config.minSegmentDays()) {
            return List.of();
        }
        double[] y = used.stream().mapToDouble(DailyBucket::meanScore).toArray();
        double[] w = used.stream().mapToDouble(DailyBucket::count).toArray();
        double sigma = noiseScale(y, w);
        if (!(sigma > 0)) {
            return List.of(); // a constant series has no noise to measure a shift against
        }
        double penalty = config.penaltyPerLogDay() * Math.log(n);
        TreeSet<Integer> splits = new TreeSet<>();
        split(y, w, 0, n, sigma * sigma, penalty, splits);

        List<Integer> bounds = new ArrayList<>();
        bounds.add(0);
        bounds.addAll(splits);
        bounds.add(n);
        List<Shift> points = new ArrayList<>();
        for (int i = 1; i < bounds.size() - 1; i++) {
            int s = bounds.get(i - 1);
            int tau = bounds.get(i);
            int e = bounds.get(i + 1);
            double w1 = sum(w, s, tau);
            double w2 = sum(w, tau, e);
            double m1 = weightedSum(y, w, s, tau) / w1;
            double m2 = weightedSum(y, w, tau, e) / w2;
            double strength = Math.abs(m2 - m1) * Math.sqrt(w1 * w2 / (w1 + w2)) / sigma;
            points.add(new Shift(new CandidatePoint(used.get(tau).day(), CandidatePoint.SENTIMENT, m1, m2, strength), s, tau, e));
        }
        return points;
    }

    private void split(double[] y, double[] w, int start, int end, double variance, double penalty, TreeSet<Integer> splits) {
        int m = config.minSegmentDays();
        if (end - start < 2 * m) {
            return;
        }
        double total = sum(w, start, end);
        double totalSum = weightedSum(y, w, start, end);
        double leftW = sum(w, start, start + m - 1);
        double leftSum = weightedSum(y, w, start, start + m - 1);
        double bestGain = -1;
        int best = -1;
        for (int tau = start + m; tau <= end - m; tau++) {
            leftW += w[tau - 1];
            leftSum += w[tau - 1] * y[tau - 1];
            double rightW = total - leftW;
            double diff = leftSum / leftW - (totalSum - leftSum) / rightW;
            double gain = leftW * rightW / total * diff * diff / variance;
            if (gain > bestGain) {
                bestGain = gain;
                best = tau;
            }
        }
        if (best > 0 && bestGain > penalty) {
            splits.add(best);
            split(y, w, start, best, variance, penalty, splits);
            split(y, w, best, end, variance, penalty, splits);
        }
    }

    /**
     * The standard deviation of one post's score, from day-to-day differences standardised by their counts:
     * a day's mean has variance {@code sigma²/w_i}, so {@code z = (y_i - y_{i-1}) / sqrt(1/w_i + 1/w_{i-1})} has
     * standard deviation sigma, except for the few differences that straddle a shift, which the median absolute
     * deviation ignores. Falls back to the plain standard deviation when more than half the z are equal.
     */
    static double noiseScale(double[] y, double[] w) {
        double[] z = new double[y.length - 1];
        for (int i = 1; i < y.length; i++) {
            z[i - 1] = (y[i] - y[i - 1]) / Math.sqrt(1 / w[i] + 1 / w[i - 1]);
        }
        double median = median(z);
        double[] deviations = Arrays.stream(z).map(v -> Math.abs(v - median)).toArray();
        double mad = MAD_TO_SD * median(deviations);
        if (mad > 0) {
            return mad;
        }
        double sd = Math.sqrt(Arrays.stream(z).map(v -> (v - median) * (v - median)).sum() / Math.max(1, z.length - 1));
        return sd;
    }

    /** Bursts of daily volume, in day order. */
    public List<CandidatePoint> volumeBursts(List<DailyBucket> days) {
        int n = days.size();
        boolean[] burst = new boolean[n];
        double[] z = new double[n];
        double[] baseline = new double[n];
        int minHistory = Math.max(3, config.burstLookback() / 2);
        for (int i = 0; i < n; i++) {
            double sum = 0;
            double sumSq = 0;
            int k = 0;
            for (int j = Math.max(0, i - config.burstLookback()); j < i; j++) {
                if (!burst[j]) {
                    sum += days.get(j).count();
                    sumSq += (double) days.get(j).count() * days.get(j).count();
                    k++;
                }
            }
            if (k < minHistory) {
                continue;
            }
            double mean = sum / k;
            double variance = (sumSq - k * mean * mean) / (k - 1);
            double phi = mean > 0 ? Math.max(1, variance / mean) : 1;
            long count = days.get(i).count();
            z[i] = (count - mean) / Math.sqrt(phi * Math.max(mean, 1));
            baseline[i] = mean;
            burst[i] = count >= config.minBurstPosts() && z[i] > config.burstZ();
        }
        List<CandidatePoint> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (burst[i] && (i == 0 || !burst[i - 1])) {
                int end = i;
                double maxZ = z[i];
                double posts = 0;
                while (end < n && burst[end]) {
                    maxZ = Math.max(maxZ, z[end]);
                    posts += days.get(end).count();
                    end++;
                }
                points.add(new CandidatePoint(days.get(i).day(), CandidatePoint.VOLUME, baseline[i], posts / (end - i), maxZ));
            }
        }
        return points;
    }

    private static double sum(double[] w, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += w[i];
        }
        return s;
    }

    private static double weightedSum(double[] y, double[] w, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += w[i] * y[i];
        }
        return s;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
