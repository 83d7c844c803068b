package org.backbeat.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.junit.jupiter.api.Test;

class SentimentStatsTest {

    @Test
    void mean_and_t_interval_from_count_sum_and_sum_of_squares_match_commons_math_on_the_scores() {
        // given five scores
        double[] scores = {0.6, -0.4, 0.2, -0.8, 0.35};
        double sum = 0;
        double squares = 0;
        for (double s : scores) {
            sum += s;
            squares += s * s;
        }

        // when
        SentimentStats stats = SentimentStats.of(scores.length, sum, squares, 2, 1, 2);

        // then
        DescriptiveStatistics expected = new DescriptiveStatistics(scores);
        double half = new TDistribution(4).inverseCumulativeProbability(0.975) * expected.getStandardDeviation() / Math.sqrt(5);
        assertThat(stats.scored()).isEqualTo(5);
        assertThat(stats.mean()).isCloseTo(expected.getMean(), within(1e-12));
        assertThat(stats.ciLow()).isCloseTo(expected.getMean() - half, within(1e-12));
        assertThat(stats.ciHigh()).isCloseTo(expected.getMean() + half, within(1e-12));
        assertThat(stats.negative()).isEqualTo(0.4);
        assertThat(stats.neutral()).isEqualTo(0.2);
        assertThat(stats.positive()).isEqualTo(0.4);
    }

    @Test
    void one_score_has_a_mean_but_no_interval_and_none_has_neither() {
        SentimentStats one = SentimentStats.of(1, 0.3, 0.09, 0, 0, 1);
        assertThat(one.mean()).isEqualTo(0.3);
        assertThat(one.ciLow()).isNull();
        assertThat(one.ciHigh()).isNull();
        assertThat(one.positive()).isEqualTo(1.0);

        assertThat(SentimentStats.of(0, 0, 0, 0, 0, 0)).isEqualTo(SentimentStats.NONE);
        assertThat(SentimentStats.NONE.mean()).isNull();
    }

    @Test
    void equal_scores_give_a_zero_width_interval_not_a_negative_variance() {
        // 0.1 * 3 in floating point: the sum of squares can come out a hair below sum^2/n
        SentimentStats stats = SentimentStats.of(3, 0.1 + 0.1 + 0.1, 0.01 + 0.01 + 0.01, 0, 3, 0);

        assertThat(stats.ciLow()).isCloseTo(stats.mean(), within(1e-9));
        assertThat(stats.ciHigh()).isCloseTo(stats.mean(), within(1e-9));
    }
}
