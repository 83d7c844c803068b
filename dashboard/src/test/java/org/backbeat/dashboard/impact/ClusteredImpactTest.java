package org.backbeat.dashboard.impact;

import org.backbeat.dashboard.Weight;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.junit.jupiter.api.Test;

/** The impact when texts are copied (retweet storms): intervals clustered by text, and every text counted once. */
class ClusteredImpactTest {

    private static final Instant EVENT = Synthetic.EVENT;
    private final ImpactEstimator estimator = new ImpactEstimator(ImpactConfig.defaults());

    /** A week either side: ~40 single posts a day, and on 3 days in 10 a storm of ~80 copies of one text. */
    private static List<Observation> storms(long seed, double shift) {
        return new Synthetic(seed).postsWithStorms(-7, 7, 40, d -> d < 0 ? 0 : shift, 0.35, 0.3, 80, 0.4);
    }

    @Test
    void with_retweet_storms_and_no_shift_the_clustered_interval_covers_zero_in_at_least_90_of_100_seeds() {
        int covered = 0;
        int coveredIgnoringCopies = 0;
        for (long seed = 1; seed <= 100; seed++) {
            MeanChange m = estimator.analyse(storms(seed, 0), EVENT).sentiment();
            covered += m.welch().contains(0) ? 1 : 0;
            coveredIgnoringCopies += m.ignoringCopies().contains(0) ? 1 : 0;
        }
        assertThat(covered).isGreaterThanOrEqualTo(90);
        // counting every copy as an independent opinion, the same data claim a change most of the time
        assertThat(coveredIgnoringCopies).isLessThan(50);
    }

    @Test
    void a_true_shift_is_still_found_through_the_storms() {
        int found = 0;
        int covered = 0;
        for (long seed = 1; seed <= 100; seed++) {
            MeanChange m = estimator.analyse(storms(seed, 0.6), EVENT).sentiment();
            found += m.welch().lower() > 0 ? 1 : 0;
            covered += m.welch().contains(0.6) ? 1 : 0;
        }
        assertThat(found).isGreaterThanOrEqualTo(90);
        assertThat(covered).isGreaterThanOrEqualTo(90);
    }

    @Test
    void without_copies_the_interval_is_plain_welch_and_equals_the_one_ignoring_copies() {
        List<Observation> posts = new Synthetic(5).posts(-7, 7, d -> 30, d -> d < 0 ? 0.1 : -0.1, 0.3);
        MeanChange m = estimator.analyse(posts, EVENT).sentiment();

        double[] before = posts.stream().filter(o -> o.time().isBefore(EVENT)).mapToDouble(Observation::score).toArray();
        double[] after = posts.stream().filter(o -> !o.time().isBefore(EVENT)).mapToDouble(Observation::score).toArray();
        double[] plain = welch(before, after);
        assertThat(m.welch().lower()).isCloseTo(plain[0], within(1e-9));
        assertThat(m.welch().upper()).isCloseTo(plain[1], within(1e-9));
        assertThat(m.ignoringCopies().lower()).isCloseTo(m.welch().lower(), within(1e-12));
        assertThat(m.ignoringCopies().upper()).isCloseTo(m.welch().upper(), within(1e-12));
        assertThat(m.textsBefore()).isEqualTo(before.length);
    }

    @Test
    void weight_texts_counts_every_text_once_with_the_mean_of_its_copies() {
        // given a storm after the event: 60 copies of one text scored -0.8 among single posts
        List<Observation> posts = new ArrayList<>(new Synthetic(9).posts(-7, 7, d -> 20, d -> 0.2, 0.3));
        for (int i = 0; i < 60; i++) {
            posts.add(new Observation(EVENT.plus(Duration.ofMinutes(30 + i)), -0.8, "storm"));
        }

        MeanChange posted = estimator.analyse(DailyScores.of(posts, EVENT), EVENT, null, Weight.POSTS).sentiment();
        MeanChange said = estimator.analyse(DailyScores.of(posts, EVENT), EVENT, null, Weight.TEXTS).sentiment();

        // then, independently: texts after = the singles plus the storm once, at -0.8
        double[] before = posts.stream().filter(o -> o.time().isBefore(EVENT)).mapToDouble(Observation::score).toArray();
        List<Double> afterTexts = new ArrayList<>();
        posts.stream().filter(o -> !o.time().isBefore(EVENT) && o.text() == null).forEach(o -> afterTexts.add(o.score()));
        afterTexts.add(-0.8);
        double[] after = afterTexts.stream().mapToDouble(Double::doubleValue).toArray();
        double[] plain = welch(before, after);
        assertThat(said.weight()).isEqualTo("texts");
        assertThat(said.textsAfter()).isEqualTo(after.length);
        assertThat(said.countAfter()).isEqualTo(after.length - 1 + 60);
        assertThat(said.meanAfter()).isCloseTo(StatUtils.mean(after), within(1e-12));
        assertThat(said.welch().lower()).isCloseTo(plain[0], within(1e-9));
        assertThat(said.welch().upper()).isCloseTo(plain[1], within(1e-9));
        // counted per post, the storm drags the mean down much further
        assertThat(posted.meanAfter()).isLessThan(said.meanAfter() - 0.2);
    }

    @Test
    void the_interrupted_time_series_is_plain_ols_unless_a_text_spans_days_and_then_wider_by_the_two_way_formula() {
        // given single posts, plus one text copied on the first four days after the event (and one storm within a day)
        List<Observation> posts = new ArrayList<>(new Synthetic(13).posts(-7, 7, d -> 25, d -> d < 0 ? 0 : 0.2, 0.3));
        List<Observation> noSpanning = new ArrayList<>(posts);
        for (int i = 0; i < 40; i++) {
            noSpanning.add(new Observation(EVENT.plus(Duration.ofHours(30)).plusSeconds(i), 0.9, "one-day storm"));
        }
        List<Observation> spanning = new ArrayList<>(noSpanning);
        for (int d = 0; d < 4; d++) {
            for (int i = 0; i < 15; i++) {
                spanning.add(new Observation(EVENT.plus(Duration.ofDays(d)).plusSeconds(3600 + i), 0.8, "across days"));
            }
        }

        SegmentedFit oneDay = estimator.analyse(noSpanning, EVENT).sentimentTrend();
        SegmentedFit acrossDays = estimator.analyse(spanning, EVENT).sentimentTrend();

        assertThat(oneDay.levelChangeClustered().standardError()).isEqualTo(oneDay.levelChange().standardError());
        assertThat(oneDay.slopeChangeClustered().standardError()).isEqualTo(oneDay.slopeChange().standardError());
        double[] expected = twoWayStandardErrors(spanning);
        assertThat(acrossDays.levelChangeClustered().standardError())
                .isCloseTo(Math.max(acrossDays.levelChange().standardError(), expected[2]), within(1e-12));
        assertThat(acrossDays.levelChangeClustered().standardError()).isGreaterThan(acrossDays.levelChange().standardError());
    }

    /**
     * Independently, post by post: OLS on the daily means is {@code b = Σ_i w_i x_i} with {@code w_i = B z_d / n_d};
     * the two-way variance adds, over texts, {@code (Σ_i w_i e_i)(…)'} minus the same per text and day, with
     * {@code e_i} the post's score minus its day's fitted value.
     */
    private static double[] twoWayStandardErrors(List<Observation> posts) {
        Map<Integer, List<Observation>> byDay = new java.util.TreeMap<>();
        for (Observation o : posts) {
            int day = (int) Math.floorDiv(o.time().toEpochMilli() - EVENT.toEpochMilli(), 86_400_000L);
            if (day >= -7 && day < 7) {
                byDay.computeIfAbsent(day, k -> new ArrayList<>()).add(o);
            }
        }
        int n = byDay.size();
        double[] y = new double[n];
        double[][] x = new double[n][];
        double[][] z = new double[n][];
        int row = 0;
        for (var e : byDay.entrySet()) {
            int t = e.getKey();
            double after = t >= 0 ? 1 : 0;
            y[row] = e.getValue().stream().mapToDouble(Observation::score).average().orElseThrow();
            x[row] = new double[] {t, after, t * after};
            z[row++] = new double[] {1, t, after, t * after};
        }
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.newSampleData(y, x);
        RealVector b = MatrixUtils.createRealVector(ols.estimateRegressionParameters());
        RealMatrix bread = MatrixUtils.createRealMatrix(ols.estimateRegressionParametersVariance());
        double sigma2 = ols.estimateErrorVariance();
        Map<String, RealVector> perText = new LinkedHashMap<>();
        Map<String, RealVector> perTextDay = new HashMap<>();
        row = 0;
        for (var e : byDay.entrySet()) {
            RealVector zd = MatrixUtils.createRealVector(z[row++]);
            double fitted = zd.dotProduct(b);
            int nd = e.getValue().size();
            for (Observation o : e.getValue()) {
                if (o.text() == null) {
                    continue; // a single post is its own text and its own text-and-day: it cancels
                }
                RealVector u = bread.operate(zd).mapMultiply((o.score() - fitted) / nd);
                perText.merge(o.text(), u, RealVector::add);
                perTextDay.merge(o.text() + "@" + e.getKey(), u, RealVector::add);
            }
        }
        RealMatrix v = bread.scalarMultiply(sigma2);
        for (RealVector u : perText.values()) {
            v = v.add(u.outerProduct(u));
        }
        for (RealVector u : perTextDay.values()) {
            v = v.subtract(u.outerProduct(u));
        }
        double[] se = new double[4];
        for (int j = 0; j < 4; j++) {
            se[j] = Math.sqrt(v.getEntry(j, j));
        }
        return se;
    }

    /** Plain Welch 95% interval of mean(after) − mean(before), by hand. */
    private static double[] welch(double[] before, double[] after) {
        double qb = StatUtils.variance(before) / before.length;
        double qa = StatUtils.variance(after) / after.length;
        double df = (qa + qb) * (qa + qb) / (qa * qa / (after.length - 1) + qb * qb / (before.length - 1));
        double half = new TDistribution(df).inverseCumulativeProbability(0.975) * Math.sqrt(qa + qb);
        double d = StatUtils.mean(after) - StatUtils.mean(before);
        return new double[] {d - half, d + half};
    }
}
