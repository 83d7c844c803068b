package org.backbeat.alerts.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.backbeat.alerts.rules.AlertRule;
import org.backbeat.core.Alert;
import org.junit.jupiter.api.Test;

class RuleEvaluatorTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private final AlertRule volume = AlertRule.of("amazon-volume", "Amazon volume", Alert.Kind.VOLUME_SPIKE, List.of("amazon"))
            .withTimings(HOUR, Duration.ofDays(1), null, null);

    private static List<WindowAggregate> history(int[] counts) {
        List<WindowAggregate> windows = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            windows.add(Windows.at(i, HOUR).distinct("w" + i, counts[i], 0.1).build());
        }
        return windows;
    }

    @Test
    void volume_spike_fires_above_the_mean_plus_k_standard_deviations() {
        // given 24 hours of 10 to 32 posts (σ above the Poisson floor √mean)
        int[] counts = new int[24];
        SummaryStatistics independent = new SummaryStatistics();
        for (int i = 0; i < counts.length; i++) {
            counts[i] = 10 + (i * 7) % 23;
            independent.addValue(counts[i]);
        }
        Baseline baseline = Windows.baseline(history(counts));
        double threshold = independent.getMean() + 3 * independent.getStandardDeviation();

        // when a window just above and one just below the threshold are evaluated
        Verdict above = RuleEvaluator.evaluate(volume, Windows.at(24, HOUR).distinct("now", (int) threshold + 1, 0.1).build(), baseline);
        Verdict below = RuleEvaluator.evaluate(volume, Windows.at(24, HOUR).distinct("now", (int) threshold, 0.1).build(), baseline);

        // then
        assertThat(above.met()).isTrue();
        assertThat(above.threshold()).isCloseTo(threshold, within(1e-9));
        assertThat(above.baselineMean()).isCloseTo(independent.getMean(), within(1e-9));
        assertThat(above.baselineStdDev()).isCloseTo(independent.getStandardDeviation(), within(1e-9));
        assertThat(above.drivingTexts()).isEqualTo(Verdict.MANY);
        assertThat(below.met()).isFalse();
        assertThat(below.reason()).startsWith("no shift");
    }

    @Test
    void a_flat_history_uses_poisson_noise_so_a_handful_of_posts_is_no_spike() {
        Baseline silent = Windows.baseline(history(new int[10]));
        AlertRule rule = volume.withMinimums(1, 1);

        assertThat(RuleEvaluator.evaluate(rule, Windows.at(10, HOUR).distinct("a", 3, 0.0).build(), silent).met()).isFalse();
        Verdict four = RuleEvaluator.evaluate(rule, Windows.at(10, HOUR).distinct("a", 4, 0.0).build(), silent);
        assertThat(four.met()).isTrue();
        assertThat(four.threshold()).isEqualTo(3.0);
    }

    @Test
    void nothing_fires_before_the_baseline_has_its_minimum_of_windows() {
        AlertRule rule = volume.withMinBaselineWindows(12);
        Baseline short_ = Windows.baseline(history(new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}));

        Verdict v = RuleEvaluator.evaluate(rule, Windows.at(11, HOUR).distinct("x", 500, 0.0).build(), short_);

        assertThat(v.met()).isFalse();
        assertThat(v.reason()).isEqualTo("the baseline has 11 of the 12 windows of history it needs");
    }

    @Test
    void a_storm_of_one_text_shifts_volume_but_does_not_fire_by_default_and_does_with_one_distinct_text() {
        Baseline normal = Windows.baseline(history(fill(24, 20)));
        WindowAggregate storm = Windows.at(24, HOUR).distinct("normal", 20, 0.1).text("Amazon is stealing music", 150, -0.8).build();

        Verdict byDefault = RuleEvaluator.evaluate(volume, storm, normal);
        Verdict permissive = RuleEvaluator.evaluate(volume.withMinimums(10, 1), storm, normal);

        assertThat(byDefault.shifted()).isTrue();
        assertThat(byDefault.met()).isFalse();
        assertThat(byDefault.drivingTexts()).isEqualTo(1);
        assertThat(byDefault.drivingCopies()).isEqualTo(150);
        assertThat(byDefault.reason()).isEqualTo("driven by 1 distinct text, 150 copies, fewer distinct texts than the 3 the rule needs");
        assertThat(permissive.met()).isTrue();
        assertThat(permissive.drivers().get(0).textCluster()).isEqualTo("tc_Amazon is stealing music");
    }

    @Test
    void a_spike_of_three_storms_needs_three_texts_to_undo() {
        Baseline normal = Windows.baseline(history(fill(24, 20)));
        WindowAggregate storms = Windows.at(24, HOUR).distinct("normal", 20, 0.1)
                .text("a", 30, 0.0).text("b", 25, 0.0).text("c", 20, 0.0).build();

        Verdict v = RuleEvaluator.evaluate(volume, storms, normal);

        // 95 posts; threshold 20 + 3·√20 = 33.4: removing a (65) and b (40) is not enough, c too (20) is
        assertThat(v.drivingTexts()).isEqualTo(3);
        assertThat(v.drivingCopies()).isEqualTo(75);
        assertThat(v.met()).isTrue();
    }

    @Test
    void mean_sentiment_dip_is_a_welch_test_with_distinct_texts_as_the_sample_size() {
        AlertRule dip = AlertRule.of("dip", "Dip", Alert.Kind.SENTIMENT_DIP, List.of("amazon"))
                .withTimings(HOUR, Duration.ofHours(10), null, null);
        List<WindowAggregate> hist = new ArrayList<>();
        SummaryStatistics b = new SummaryStatistics();
        for (int i = 0; i < 10; i++) {
            Windows w = Windows.at(i, HOUR);
            for (int j = 0; j < 12; j++) {
                double s = ((i + j) % 5 - 2) * 0.2 + 0.1;
                w.text("h" + i + "-" + j, 1, s);
                b.addValue(s);
            }
            hist.add(w.build());
        }
        Windows now = Windows.at(10, HOUR);
        SummaryStatistics a = new SummaryStatistics();
        for (int j = 0; j < 15; j++) {
            double s = (j % 5 - 2) * 0.2 - 0.3;
            now.text("n" + j, 1, s);
            a.addValue(s);
        }

        Verdict v = RuleEvaluator.evaluate(dip, now.build(), Windows.baseline(hist));

        // independently: Welch's t and its one-sided p
        double va = a.getVariance() / a.getN();
        double vb = b.getVariance() / b.getN();
        double t = (a.getMean() - b.getMean()) / Math.sqrt(va + vb);
        double df = (va + vb) * (va + vb) / (va * va / (a.getN() - 1) + vb * vb / (b.getN() - 1));
        double p = new TDistribution(df).cumulativeProbability(t);
        assertThat(v.score()).isCloseTo(t, within(1e-9));
        assertThat(v.pValue()).isCloseTo(p, within(1e-9));
        assertThat(v.observed()).isCloseTo(a.getMean(), within(1e-9));
        assertThat(v.met()).isEqualTo(p < 0.01).isTrue();
    }

    @Test
    void copies_of_the_same_texts_add_no_significance() {
        AlertRule dip = AlertRule.of("dip", "Dip", Alert.Kind.SENTIMENT_DIP, List.of("amazon"))
                .withTimings(HOUR, Duration.ofHours(10), null, null);
        List<WindowAggregate> hist = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Windows w = Windows.at(i, HOUR);
            for (int j = 0; j < 10; j++) {
                w.text("h" + i + "-" + j, 1, ((i + j) % 5 - 2) * 0.2);
            }
            hist.add(w.build());
        }
        Windows once = Windows.at(10, HOUR);
        Windows tenTimes = Windows.at(10, HOUR);
        for (int j = 0; j < 8; j++) {
            once.text("n" + j, 1, (j % 4 - 2) * 0.2 - 0.1);
            tenTimes.text("n" + j, 10, (j % 4 - 2) * 0.2 - 0.1);
        }

        Verdict a = RuleEvaluator.evaluate(dip, once.build(), Windows.baseline(hist));
        Verdict b = RuleEvaluator.evaluate(dip, tenTimes.build(), Windows.baseline(hist));

        assertThat(a.observed()).isCloseTo(b.observed(), within(1e-12));
        // the tenfold copies barely move p (sample variance's n - 1 aside); counted as posts, p would fall ~1000-fold
        assertThat(b.pValue()).isBetween(a.pValue() / 3, a.pValue());
        assertThat(a.met()).isFalse();
        assertThat(b.met()).isFalse();
    }

    @Test
    void negative_share_dip_is_a_two_proportion_z_test_on_distinct_texts() {
        AlertRule dip = AlertRule.of("neg", "Negative share", Alert.Kind.SENTIMENT_DIP, List.of("umg"))
                .withTimings(Duration.ofDays(1), Duration.ofDays(10), null, null);
        dip = new AlertRule(dip.id(), dip.name(), dip.kind(), dip.entities(), null, null, null, dip.window(), dip.baseline(),
                null, null, AlertRule.Metric.NEGATIVE_SHARE, 0.99, null, null, null, null, null, null, null, null);
        List<WindowAggregate> hist = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            hist.add(Windows.at(i, Duration.ofDays(1)).distinct("neg" + i, 4, -0.6).distinct("ok" + i, 16, 0.2).build());
        }
        WindowAggregate now = Windows.at(10, Duration.ofDays(1)).distinct("neg", 14, -0.6).distinct("ok", 16, 0.2).build();

        Verdict v = RuleEvaluator.evaluate(dip, now, Windows.baseline(hist));

        double p1 = 14 / 30.0, p0 = 40 / 200.0, pooled = 54 / 230.0;
        double z = (p1 - p0) / Math.sqrt(pooled * (1 - pooled) * (1 / 30.0 + 1 / 200.0));
        assertThat(v.observed()).isCloseTo(p1, within(1e-12));
        assertThat(v.baselineMean()).isCloseTo(p0, within(1e-12));
        assertThat(v.score()).isCloseTo(z, within(1e-9));
        assertThat(v.pValue()).isCloseTo(1 - new NormalDistribution().cumulativeProbability(z), within(1e-12));
        assertThat(v.met()).isTrue();
        assertThat(v.drivingTexts()).isEqualTo(Verdict.MANY);
    }

    private static int[] fill(int n, int value) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, value);
        return a;
    }
}
