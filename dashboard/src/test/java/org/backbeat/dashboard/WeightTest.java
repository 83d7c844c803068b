package org.backbeat.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.junit.jupiter.api.Test;

class WeightTest {

    // scores: singles 0.2, -0.1, 0.5; text A copied 4 times at -0.6; text B twice at 0.3 and 0.1
    private static final double[] SINGLES = {0.2, -0.1, 0.5};
    private static final List<ClusteredMean.Cluster> REPEATED = List.of(
            new ClusteredMean.Cluster(4, -2.4, 4 * 0.36), new ClusteredMean.Cluster(2, 0.4, 0.09 + 0.01));

    private static Weight.Mean mean(Weight weight) {
        double sum = 0.2 - 0.1 + 0.5 - 2.4 + 0.4;
        double squares = 0.04 + 0.01 + 0.25 + 4 * 0.36 + 0.09 + 0.01;
        return weight.mean(9, sum, squares, REPEATED);
    }

    @Test
    void texts_weight_is_the_t_interval_over_the_per_text_means() {
        // given the five texts' means, computed here
        DescriptiveStatistics perText = new DescriptiveStatistics(new double[] {0.2, -0.1, 0.5, -0.6, 0.2});
        double half = new TDistribution(4).inverseCumulativeProbability(0.975) * perText.getStandardDeviation() / Math.sqrt(5);

        // when
        Weight.Mean m = mean(Weight.TEXTS);

        // then
        assertThat(m.texts()).isEqualTo(5);
        assertThat(m.scored()).isEqualTo(9);
        assertThat(m.mean()).isCloseTo(perText.getMean(), within(1e-12));
        assertThat(m.ciLow()).isCloseTo(perText.getMean() - half, within(1e-12));
        assertThat(m.ciHigh()).isCloseTo(perText.getMean() + half, within(1e-12));
    }

    @Test
    void posts_weight_is_the_mean_of_every_post_with_the_clustered_interval() {
        Weight.Mean m = mean(Weight.POSTS);
        ClusteredMean.Result clustered = ClusteredMean.of(9, 0.2 - 0.1 + 0.5 - 2.4 + 0.4,
                0.04 + 0.01 + 0.25 + 4 * 0.36 + 0.09 + 0.01, REPEATED);

        assertThat(m.mean()).isCloseTo((0.2 - 0.1 + 0.5 - 2.4 + 0.4) / 9, within(1e-12));
        assertThat(m.ciLow()).isEqualTo(clustered.low());
        assertThat(m.texts()).isEqualTo(5);
    }

    @Test
    void without_repeated_texts_both_weights_agree() {
        double sum = SINGLES[0] + SINGLES[1] + SINGLES[2];
        double squares = 0.04 + 0.01 + 0.25;
        Weight.Mean posts = Weight.POSTS.mean(3, sum, squares, List.of());
        Weight.Mean texts = Weight.TEXTS.mean(3, sum, squares, List.of());

        assertThat(texts.mean()).isCloseTo(posts.mean(), within(1e-12));
        assertThat(texts.ciLow()).isCloseTo(posts.ciLow(), within(1e-12));
        assertThat(texts.ciHigh()).isCloseTo(posts.ciHigh(), within(1e-12));
    }

    @Test
    void drivers_contributions_add_up_to_the_deviation_and_the_largest_comes_first() {
        // given a bucket of 10 scored posts: a text copied 6 times at -0.5, and four single posts
        List<BucketDrivers.TextScores> texts = List.of(
                new BucketDrivers.TextScores("tc_a", 6, 6, -0.5, null),
                new BucketDrivers.TextScores("tc_b", 1, 1, 0.4, null),
                new BucketDrivers.TextScores("tc_c", 1, 1, 0.1, null),
                new BucketDrivers.TextScores("tc_d", 1, 1, 0.0, null),
                new BucketDrivers.TextScores("tc_e", 1, 1, 0.3, null));
        double seriesMean = 0.1;
        double bucketMean = (6 * -0.5 + 0.4 + 0.1 + 0.0 + 0.3) / 10;

        // when
        List<BucketDrivers.Driver> drivers = BucketDrivers.drivers(10, 10, seriesMean, texts, 5);

        // then
        assertThat(drivers.get(0).textCluster()).isEqualTo("tc_a");
        assertThat(drivers.get(0).contribution()).isCloseTo(6 * (-0.5 - 0.1) / 10, within(1e-12));
        assertThat(drivers.get(0).share()).isCloseTo(0.6, within(1e-12));
        assertThat(drivers.stream().mapToDouble(BucketDrivers.Driver::contribution).sum())
                .isCloseTo(bucketMean - seriesMean, within(1e-12));
        assertThat(BucketDrivers.drivers(10, 10, seriesMean, texts, 2)).hasSize(2);
    }
}
