package org.backbeat.dashboard.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangePointDetectorTest {

    private static final LocalDate DAY0 = LocalDate.of(2011, 3, 29);
    private final ChangePointDetector detector = new ChangePointDetector(ChangePointConfig.defaults());

    /** 60 days from 30 days before DAY0; posts as {@link Synthetic} makes them. */
    private static List<DailyBucket> series(long seed, java.util.function.IntToDoubleFunction volume,
                                            java.util.function.IntToDoubleFunction mean) {
        List<Observation> posts = new Synthetic(seed).posts(-30, 30, volume, mean, 0.3);
        return DailySeries.of(posts, ZoneOffset.UTC, DAY0.minusDays(30), DAY0.plusDays(30));
    }

    @Test
    void a_shift_in_mean_sentiment_is_found_on_its_day() {
        // given 30 posts a day, mean 0.2 until DAY0 and -0.1 from DAY0 on
        List<DailyBucket> days = series(42, d -> 30, d -> d < 0 ? 0.2 : -0.1);

        // when
        List<CandidatePoint> shifts = detector.sentimentShifts(days);

        // then
        assertThat(shifts).hasSize(1);
        CandidatePoint shift = shifts.get(0);
        assertThat(shift.metric()).isEqualTo(CandidatePoint.SENTIMENT);
        assertThat(shift.day()).isBetween(DAY0.minusDays(1), DAY0.plusDays(1));
        assertThat(shift.before()).isCloseTo(0.2, within(0.03));
        assertThat(shift.after()).isCloseTo(-0.1, within(0.03));
        assertThat(shift.strength()).isGreaterThan(10);
    }

    @Test
    void two_shifts_are_both_found() {
        // given a fall at DAY0 - 10 and a recovery at DAY0 + 10
        List<DailyBucket> days = series(4, d -> 30, d -> d < -10 || d >= 10 ? 0.2 : -0.1);

        List<CandidatePoint> shifts = detector.sentimentShifts(days);

        assertThat(shifts).extracting(CandidatePoint::day).hasSize(2);
        assertThat(shifts.get(0).day()).isBetween(DAY0.minusDays(11), DAY0.minusDays(9));
        assertThat(shifts.get(1).day()).isBetween(DAY0.plusDays(9), DAY0.plusDays(11));
        assertThat(shifts.get(0).after()).isLessThan(shifts.get(0).before());
        assertThat(shifts.get(1).after()).isGreaterThan(shifts.get(1).before());
    }

    @Test
    void flat_noisy_series_rarely_yield_a_sentiment_shift() {
        // given 100 seeded flat series with Poisson(30) posts a day
        int withShift = 0;
        for (int seed = 1; seed <= 100; seed++) {
            if (!detector.sentimentShifts(series(1000 + seed, d -> 30, d -> 0.1)).isEmpty()) {
                withShift++;
            }
        }
        System.out.println("flat sentiment series with a false shift: " + withShift + " of 100");

        // then: the documented false-positive rate is at most 10% of 60-day series
        assertThat(withShift).isLessThanOrEqualTo(10);
    }

    @Test
    void a_burst_of_volume_is_found_on_its_day() {
        // given about 50 posts a day and 200 on DAY0 + 10
        List<DailyBucket> days = series(9, d -> d == 10 ? 200 : 50, d -> 0.1);

        // when
        List<CandidatePoint> bursts = detector.volumeBursts(days);

        // then
        assertThat(bursts).hasSize(1);
        CandidatePoint burst = bursts.get(0);
        assertThat(burst.metric()).isEqualTo(CandidatePoint.VOLUME);
        assertThat(burst.day()).isEqualTo(DAY0.plusDays(10));
        assertThat(burst.before()).isCloseTo(50, within(6.0));
        assertThat(burst.after()).isEqualTo((double) days.get(40).count());
    }

    @Test
    void a_sustained_rise_in_volume_is_one_candidate_on_its_first_day() {
        List<DailyBucket> days = series(10, d -> d >= 0 && d < 5 ? 150 : 40, d -> 0.1);

        List<CandidatePoint> bursts = detector.volumeBursts(days);

        assertThat(bursts).hasSize(1);
        assertThat(bursts.get(0).day()).isEqualTo(DAY0);
        assertThat(bursts.get(0).after()).isCloseTo(150, within(15.0));
    }

    @Test
    void flat_poisson_volume_rarely_yields_a_burst() {
        int withBurst = 0;
        for (int seed = 1; seed <= 100; seed++) {
            if (!detector.volumeBursts(series(2000 + seed, d -> 50, d -> 0.1)).isEmpty()) {
                withBurst++;
            }
        }
        System.out.println("flat volume series with a false burst: " + withBurst + " of 100");

        assertThat(withBurst).isLessThanOrEqualTo(10);
    }

    @Test
    void candidates_of_both_kinds_are_ranked_by_strength() {
        // given a sentiment fall at DAY0 and a burst at DAY0 + 15
        List<DailyBucket> days = series(12, d -> d == 15 ? 400 : 40, d -> d < 0 ? 0.3 : 0.0);

        // when
        List<CandidatePoint> candidates = detector.detect(days);

        // then
        assertThat(candidates).extracting(CandidatePoint::metric).containsExactlyInAnyOrder(CandidatePoint.SENTIMENT, CandidatePoint.VOLUME);
        assertThat(candidates.get(0).strength()).isGreaterThanOrEqualTo(candidates.get(1).strength());
    }

    @Test
    void days_without_posts_are_skipped_for_sentiment_and_count_as_zero_for_volume() {
        // given a series with every other day empty
        List<DailyBucket> days = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            days.add(i % 2 == 0 ? new DailyBucket(DAY0.plusDays(i), 10, i < 20 ? 0.5 : -0.5)
                    : new DailyBucket(DAY0.plusDays(i), 0, Double.NaN));
        }

        // when
        List<CandidatePoint> shifts = detector.sentimentShifts(days);

        // then: the noiseless step is found on the first day with posts after it (day 20), and the alternating
        // 10, 0, 10, 0 volume is over-dispersed noise, not a burst
        assertThat(shifts).singleElement().satisfies(shift -> {
            assertThat(shift.day()).isEqualTo(DAY0.plusDays(20));
            assertThat(shift.before()).isEqualTo(0.5);
            assertThat(shift.after()).isEqualTo(-0.5);
        });
        assertThat(detector.volumeBursts(days)).isEmpty();
    }

    @Test
    void a_constant_series_has_no_shift() {
        List<DailyBucket> days = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            days.add(new DailyBucket(DAY0.plusDays(i), 10, 0.25));
        }

        assertThat(detector.detect(days)).isEmpty();
    }

    @Test
    void daily_series_fills_empty_days_and_averages_scores() {
        List<Observation> posts = List.of(
                new Observation(java.time.Instant.parse("2011-03-29T10:00:00Z"), 0.5),
                new Observation(java.time.Instant.parse("2011-03-29T23:59:59Z"), -0.1),
                new Observation(java.time.Instant.parse("2011-03-31T00:00:00Z"), 1.0));

        List<DailyBucket> days = DailySeries.of(posts, ZoneOffset.UTC);

        assertThat(days).hasSize(3);
        assertThat(days.get(0)).isEqualTo(new DailyBucket(LocalDate.of(2011, 3, 29), 2, 0.2));
        assertThat(days.get(1).count()).isZero();
        assertThat(days.get(1).meanScore()).isNaN();
        assertThat(days.get(2)).isEqualTo(new DailyBucket(LocalDate.of(2011, 3, 31), 1, 1.0));
    }
}
