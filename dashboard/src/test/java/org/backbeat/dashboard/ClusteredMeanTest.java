package org.backbeat.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.junit.jupiter.api.Test;

class ClusteredMeanTest {

    @Test
    void without_repeated_texts_the_interval_is_the_plain_t_interval() {
        double[] scores = new Random(7).doubles(40, -1, 1).toArray();
        double sum = 0;
        double squares = 0;
        for (double x : scores) {
            sum += x;
            squares += x * x;
        }

        ClusteredMean.Result clustered = ClusteredMean.of(scores.length, sum, squares, List.of());

        double sd = new StandardDeviation().evaluate(scores);
        double plainHalf = new TDistribution(scores.length - 1).inverseCumulativeProbability(0.975) * sd / Math.sqrt(scores.length);
        assertThat(clustered.texts()).isEqualTo(40);
        assertThat(clustered.halfWidth()).isCloseTo(plainHalf, within(1e-12));
        assertThat(clustered.mean()).isCloseTo(sum / 40, within(1e-12));
    }

    @Test
    void one_text_copied_n_times_widens_the_interval_as_the_cluster_formula_says() {
        // 60 distinct texts scored -0.5..0.5, plus one text scored -0.9 copied 150 times.
        List<Double> singles = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            singles.add(-0.5 + i / 59.0);
        }
        int copies = 150;
        double copyScore = -0.9;
        long n = singles.size() + copies;
        double sum = singles.stream().mapToDouble(Double::doubleValue).sum() + copies * copyScore;
        double squares = singles.stream().mapToDouble(x -> x * x).sum() + copies * copyScore * copyScore;

        ClusteredMean.Result clustered = ClusteredMean.of(n, sum, squares,
                List.of(new ClusteredMean.Cluster(copies, copies * copyScore, copies * copyScore * copyScore)));

        // Independently: G = 61 clusters, residual sums e_c = Σ_{i∈c}(x_i − m), V = G/(G−1) Σ e_c² / n².
        double m = sum / n;
        double residualSquares = 0;
        for (double x : singles) {
            residualSquares += (x - m) * (x - m);
        }
        residualSquares += Math.pow(copies * (copyScore - m), 2);
        int g = 61;
        double expected = new TDistribution(g - 1).inverseCumulativeProbability(0.975)
                * Math.sqrt((double) g / (g - 1) * residualSquares / ((double) n * n));
        SentimentStats plain = SentimentStats.of(n, sum, squares, 0, 0, 0);
        double plainHalf = plain.ciHigh() - plain.mean();

        assertThat(clustered.texts()).isEqualTo(61);
        assertThat(clustered.halfWidth()).isCloseTo(expected, within(1e-12));
        assertThat(clustered.halfWidth() / plainHalf).isGreaterThan(3);
    }

    @Test
    void a_bucket_of_one_text_has_a_mean_and_no_interval() {
        ClusteredMean.Result r = ClusteredMean.of(5, -2.5, 1.25, List.of(new ClusteredMean.Cluster(5, -2.5, 1.25)));
        assertThat(r.mean()).isEqualTo(-0.5);
        assertThat(r.texts()).isEqualTo(1);
        assertThat(r.halfWidth()).isNull();
    }
}
