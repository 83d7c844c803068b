package org.backbeat.dashboard.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.Test;

class ImpactEstimatorTest {

    private static final Instant EVENT = Synthetic.EVENT;
    private final ImpactEstimator estimator = new ImpactEstimator(ImpactConfig.defaults());

    private static List<Observation> at(Instant start, double... scores) {
        List<Observation> posts = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            posts.add(new Observation(start.plus(Duration.ofHours(i)), scores[i]));
        }
        return posts;
    }

    @Test
    void welch_interval_and_p_value_match_an_independent_calculation_on_a_fixed_sample() {
        // given five posts before and six after the event
        double[] before = {0.5, 0.2, 0.4, 0.1, 0.3};
        double[] after = {-0.2, 0.1, -0.4, 0.0, -0.1, -0.3};
        List<Observation> posts = new ArrayList<>(at(EVENT.minus(Duration.ofDays(2)), before));
        posts.addAll(at(EVENT.plus(Duration.ofDays(1)), after));

        // when
        MeanChange change = estimator.analyse(posts, EVENT).sentiment();

        // then: by hand, mean before 0.3, mean after -0.15, variances 0.025 and 0.035
        double se = Math.sqrt(0.025 / 5 + 0.035 / 6);
        double df = Math.pow(0.025 / 5 + 0.035 / 6, 2) / (Math.pow(0.025 / 5, 2) / 4 + Math.pow(0.035 / 6, 2) / 5);
        assertThat(change.meanBefore()).isCloseTo(0.3, within(1e-12));
        assertThat(change.meanAfter()).isCloseTo(-0.15, within(1e-12));
        assertThat(change.difference()).isCloseTo(-0.45, within(1e-12));
        assertThat(change.welchDf()).isCloseTo(df, within(1e-9));
        assertThat(df).isCloseTo(8.98936, within(1e-5));
        assertThat(change.welchT()).isCloseTo(-0.45 / se, within(1e-9));
        // Commons Math's TTest is Welch's unequal-variance test
        assertThat(change.welchT()).isCloseTo(new TTest().t(after, before), within(1e-9));
        assertThat(change.welchP()).isCloseTo(new TTest().tTest(after, before), within(1e-9));
        double q = new TDistribution(df).inverseCumulativeProbability(0.975);
        assertThat(change.welch().lower()).isCloseTo(-0.45 - q * se, within(1e-9));
        assertThat(change.welch().upper()).isCloseTo(-0.45 + q * se, within(1e-9));
        // and against SciPy (stats.t.ppf / stats.t.cdf with the same df), computed outside this project
        assertThat(change.welch().lower()).isCloseTo(-0.685495, within(1e-6));
        assertThat(change.welch().upper()).isCloseTo(-0.214505, within(1e-6));
        assertThat(change.welchP()).isCloseTo(0.0019287, within(1e-7));
    }

    @Test
    void above_the_bootstrap_limit_only_welch_is_given_and_below_it_both_agree_on_large_samples() {
        // given 6,300 posts with skewed-enough scores (sd 0.4) and a fall of 0.1
        List<Observation> posts = new Synthetic(11).posts(-7, 7, d -> 450, d -> d < 0 ? 0.1 : 0.0, 0.4);

        // when analysed with the default limit (4,000 posts) and with the limit lifted
        MeanChange skipped = estimator.analyse(posts, EVENT).sentiment();
        MeanChange both = new ImpactEstimator(ImpactConfig.defaults().withBootstrapMaxPosts(10_000)).analyse(posts, EVENT).sentiment();

        // then the default skips the bootstrap but keeps Welch's interval ...
        assertThat(skipped.bootstrap()).isNull();
        assertThat(skipped.resamples()).isZero();
        assertThat(skipped.welch().contains(-0.1)).isTrue();
        // ... which the bootstrap, when run, matches to a few thousandths (the CLT at work)
        assertThat(both.bootstrap().lower()).isCloseTo(both.welch().lower(), within(0.005));
        assertThat(both.bootstrap().upper()).isCloseTo(both.welch().upper(), within(0.005));
        assertThat(both.welch()).isEqualTo(skipped.welch());
    }

    @Test
    void an_injected_fall_in_sentiment_and_rise_in_volume_are_measured_with_the_right_sign_and_size() {
        // given 40 posts a day at mean 0.2 before, 100 a day at mean 0.05 after
        List<Observation> posts = new Synthetic(7).posts(-7, 7, d -> d < 0 ? 40 : 100, d -> d < 0 ? 0.2 : 0.05, 0.25);

        // when
        WindowAnalysis analysis = estimator.analyse(posts, EVENT);

        // then
        MeanChange sentiment = analysis.sentiment();
        assertThat(analysis.enoughData()).isTrue();
        assertThat(sentiment.difference()).isCloseTo(-0.15, within(0.03));
        assertThat(sentiment.welch().contains(-0.15)).isTrue();
        assertThat(sentiment.bootstrap().contains(-0.15)).isTrue();
        assertThat(sentiment.welch().upper()).isNegative();
        assertThat(sentiment.bootstrap().upper()).isNegative();
        assertThat(sentiment.welchP()).isLessThan(1e-6);
        assertThat(sentiment.countBefore() + sentiment.countAfter()).isEqualTo(posts.size());

        VolumeChange volume = analysis.volume();
        assertThat(volume.perDayBefore()).isEqualTo(sentiment.countBefore() / 7.0);
        assertThat(volume.difference()).isCloseTo(60, within(10.0));
        assertThat(volume.interval().contains(60)).isTrue();
        assertThat(volume.interval().lower()).isPositive();
        assertThat(volume.method()).isEqualTo(VolumeChange.METHOD);
    }

    @Test
    void the_interrupted_time_series_recovers_a_known_level_and_slope_change() {
        // given 14 days either side: sentiment 0.1 + 0.01 t, then a jump of -0.2 and a slope change of -0.02 a day;
        // volume 50 + 2 t, then a jump of +30 and a slope change of +3 a day
        ImpactEstimator twoWeeks = new ImpactEstimator(ImpactConfig.defaults().withWindows(Duration.ofDays(14), Duration.ofDays(14)));
        List<Observation> posts = new Synthetic(11).posts(-14, 14,
                d -> 50 + 2 * d + (d >= 0 ? 30 + 3 * d : 0),
                d -> 0.1 + 0.01 * d + (d >= 0 ? -0.2 - 0.02 * d : 0), 0.2);

        // when
        WindowAnalysis analysis = twoWeeks.analyse(posts, EVENT);

        // then
        SegmentedFit sentiment = analysis.sentimentTrend();
        assertThat(sentiment.days()).isEqualTo(28);
        assertThat(sentiment.levelChange().estimate()).isCloseTo(-0.2, within(0.06));
        assertThat(sentiment.levelChange().interval().contains(-0.2)).isTrue();
        assertThat(sentiment.slopeChange().estimate()).isCloseTo(-0.02, within(0.008));
        assertThat(sentiment.slopeChange().interval().contains(-0.02)).isTrue();
        assertThat(sentiment.preSlope().interval().contains(0.01)).isTrue();
        assertThat(sentiment.levelChangeNeweyWest().estimate()).isEqualTo(sentiment.levelChange().estimate());
        assertThat(sentiment.neweyWestLag()).isEqualTo(3); // floor(4 * (28/100)^(2/9))

        SegmentedFit volume = analysis.volumeTrend();
        assertThat(volume.levelChange().interval().contains(30)).isTrue();
        assertThat(volume.slopeChange().interval().contains(3)).isTrue();
        assertThat(volume.levelChange().estimate()).isCloseTo(30, within(15.0));
        assertThat(volume.slopeChange().estimate()).isCloseTo(3, within(1.5));
    }

    @Test
    void with_no_effect_the_95_percent_intervals_cover_zero_in_at_least_90_of_100_seeded_series() {
        // given 100 series with the same volume and sentiment before and after
        int welch = 0;
        int bootstrap = 0;
        int level = 0;
        int levelNeweyWest = 0;
        int volume = 0;
        for (int seed = 1; seed <= 100; seed++) {
            List<Observation> posts = new Synthetic(seed).posts(-7, 7, d -> 10, d -> 0.1, 0.3);

            // when
            WindowAnalysis analysis = estimator.analyse(posts, EVENT);

            welch += analysis.sentiment().welch().contains(0) ? 1 : 0;
            bootstrap += analysis.sentiment().bootstrap().contains(0) ? 1 : 0;
            level += analysis.sentimentTrend().levelChange().interval().contains(0) ? 1 : 0;
            levelNeweyWest += analysis.sentimentTrend().levelChangeNeweyWest().interval().contains(0) ? 1 : 0;
            volume += analysis.volume().interval().contains(0) ? 1 : 0;
        }
        System.out.printf("no-effect coverage of 0 in 100 series: welch %d, bootstrap %d, ITS level %d, ITS level Newey-West %d, volume %d%n",
                welch, bootstrap, level, levelNeweyWest, volume);

        // then
        assertThat(welch).isGreaterThanOrEqualTo(90);
        assertThat(bootstrap).isGreaterThanOrEqualTo(90);
        assertThat(level).isGreaterThanOrEqualTo(90);
        assertThat(volume).isGreaterThanOrEqualTo(90);
    }

    @Test
    void too_few_posts_on_a_side_says_not_enough_data_instead_of_an_interval() {
        // given 3 posts before and 12 after
        List<Observation> posts = new ArrayList<>(at(EVENT.minus(Duration.ofDays(1)), 0.1, 0.2, 0.3));
        posts.addAll(at(EVENT.plus(Duration.ofHours(1)), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.5));

        // when
        WindowAnalysis analysis = estimator.analyse(posts, EVENT);

        // then
        assertThat(analysis.enoughData()).isFalse();
        assertThat(analysis.sentiment()).isNull();
        assertThat(analysis.sentimentTrend()).isNull();
        assertThat(analysis.notes()).contains(
                "not enough data to compare sentiment: 3 posts before and 12 after; at least 5 on each side are needed",
                "not enough days for a sentiment trend: 1 days with posts before and 1 after; at least 3 on each side are needed");
        assertThat(analysis.volume().countBefore()).isEqualTo(3);
        assertThat(analysis.volume().countAfter()).isEqualTo(12);
    }

    @Test
    void the_placebo_sits_one_span_earlier_and_steps_back_past_known_events() {
        Duration span = Duration.ofDays(14);

        // a clear history: the placebo's windows end where the event's before window starts
        assertThat(estimator.placeboTime(EVENT, List.of())).isEqualTo(EVENT.minus(span));

        // another event inside that placebo's windows pushes it one more span back
        Instant other = EVENT.minus(Duration.ofDays(10));
        assertThat(estimator.placeboTime(EVENT, List.of(other))).isEqualTo(EVENT.minus(span.multipliedBy(2)));

        // events in every candidate's windows: no placebo, and the result says why
        List<Instant> everywhere = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            everywhere.add(EVENT.minus(span.multipliedBy(i)));
        }
        ImpactResult result = estimator.estimate(List.of(), EVENT, everywhere);
        assertThat(result.placebo()).isNull();
        assertThat(result.placeboNote()).isEqualTo("every date within 8 spans before the event has another known event in its windows");
    }

    @Test
    void the_result_carries_the_placebo_analysis_which_shows_no_clear_change_where_nothing_happened() {
        // given a fall at the event and a flat history before it
        List<Observation> posts = new Synthetic(3).posts(-21, 7, d -> 30, d -> d < 0 ? 0.2 : -0.1, 0.25);

        // when
        ImpactResult result = estimator.estimate(posts, EVENT);

        // then
        assertThat(result.event().sentiment().welch().upper()).isNegative();
        assertThat(result.placebo().time()).isEqualTo(EVENT.minus(Duration.ofDays(14)));
        assertThat(result.placebo().sentiment().welch().contains(0)).isTrue();
        assertThat(result.level()).isEqualTo(0.95);
    }

    @Test
    void an_event_given_by_its_date_starts_at_midnight_in_the_configured_zone() {
        List<Observation> posts = new Synthetic(8).posts(-35, 7, d -> 10, d -> 0.1, 0.3);
        java.time.LocalDate day = java.time.LocalDate.of(2011, 3, 29);

        ImpactResult utc = estimator.estimate(posts, day, List.of(day, day.minusDays(10)));
        ImpactResult pacific = new ImpactEstimator(ImpactConfig.defaults().withZone(java.time.ZoneId.of("America/Los_Angeles")))
                .estimate(posts, day, List.of());

        assertThat(utc.event().time()).isEqualTo(EVENT);
        // the event's own date does not block the placebo; the one 10 days earlier pushes it back a span
        assertThat(utc.placebo().time()).isEqualTo(EVENT.minus(Duration.ofDays(28)));
        assertThat(pacific.event().time()).isEqualTo(Instant.parse("2011-03-29T07:00:00Z"));
    }

    @Test
    void the_same_seed_gives_the_same_bootstrap_interval() {
        List<Observation> posts = new Synthetic(5).posts(-7, 7, d -> 20, d -> 0.1, 0.3);

        ConfidenceInterval first = estimator.analyse(posts, EVENT).sentiment().bootstrap();
        ConfidenceInterval second = new ImpactEstimator(ImpactConfig.defaults()).analyse(posts, EVENT).sentiment().bootstrap();
        ConfidenceInterval otherSeed = new ImpactEstimator(ImpactConfig.defaults().withBootstrap(2000, 99)).analyse(posts, EVENT).sentiment().bootstrap();

        assertThat(second).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
    }
}
