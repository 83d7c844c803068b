package org.backbeat.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
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

    @Test
    void the_small_sample_variance_without_repeats_is_s_squared_over_n_with_n_minus_1_degrees_of_freedom() {
        double[] scores = new Random(11).doubles(25, -1, 1).toArray();
        double sum = java.util.Arrays.stream(scores).sum();
        double squares = java.util.Arrays.stream(scores).map(x -> x * x).sum();

        ClusteredMean.SmallSample r = ClusteredMean.smallSample(scores.length, sum, squares, List.of());

        double sd = new StandardDeviation().evaluate(scores);
        assertThat(r.variance()).isCloseTo(sd * sd / scores.length, within(1e-14));
        assertThat(r.df()).isCloseTo(scores.length - 1, within(1e-9));
    }

    @Test
    void the_small_sample_variance_and_degrees_of_freedom_match_cr2_and_bell_mccaffrey_computed_with_matrices() {
        // given 12 single posts, one text copied 6 times (same score) and one copied 3 times (scores differ)
        Random random = new Random(3);
        List<double[]> clusters = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            clusters.add(new double[] {random.nextDouble() * 2 - 1});
        }
        clusters.add(new double[] {0.7, 0.7, 0.7, 0.7, 0.7, 0.7});
        clusters.add(new double[] {-0.2, -0.4, -0.3});
        int n = clusters.stream().mapToInt(c -> c.length).sum();
        double sum = clusters.stream().flatMapToDouble(java.util.Arrays::stream).sum();
        double squares = clusters.stream().flatMapToDouble(java.util.Arrays::stream).map(x -> x * x).sum();

        ClusteredMean.SmallSample r = ClusteredMean.smallSample(n, sum, squares, List.of(
                new ClusteredMean.Cluster(6, 4.2, 6 * 0.49), new ClusteredMean.Cluster(3, -0.9, 0.04 + 0.16 + 0.09)));

        // then, with the regression matrices of a mean (X = 1, H = J/n): A_c = (I − H_cc)^(−1/2),
        // V = Σ_c (1_c' A_c e_c)² / n², and Bell–McCaffrey df = (Σ_c g_c'g_c)² / Σ_c,c' (g_c'g_c')² with
        // g_c = (I − H)[:, c] A_c 1_c / n (Pustejovsky and Tipton 2018, working independence)
        double m = sum / n;
        RealMatrix iMinusH = MatrixUtils.createRealIdentityMatrix(n).scalarAdd(0).subtract(
                MatrixUtils.createRealMatrix(n, n).scalarAdd(1.0 / n));
        double v = 0;
        List<RealVector> g = new ArrayList<>();
        int start = 0;
        for (double[] c : clusters) {
            int k = c.length;
            RealMatrix block = iMinusH.getSubMatrix(start, start + k - 1, start, start + k - 1);
            RealMatrix a = new LUDecomposition(new EigenDecomposition(block).getSquareRoot()).getSolver().getInverse();
            RealVector e = MatrixUtils.createRealVector(c).mapSubtract(m);
            RealVector ones = MatrixUtils.createRealVector(new double[k]).mapAdd(1);
            v += Math.pow(ones.dotProduct(a.operate(e)), 2) / ((double) n * n);
            g.add(iMinusH.getSubMatrix(0, n - 1, start, start + k - 1).operate(a.operate(ones)).mapDivide(n));
            start += k;
        }
        double trace = 0;
        double squaresOfAll = 0;
        for (RealVector gc : g) {
            trace += gc.dotProduct(gc);
            for (RealVector gd : g) {
                squaresOfAll += Math.pow(gc.dotProduct(gd), 2);
            }
        }
        assertThat(r.texts()).isEqualTo(14);
        assertThat(r.variance()).isCloseTo(v, within(1e-12));
        assertThat(r.df()).isCloseTo(trace * trace / squaresOfAll, within(1e-9));
        // and it is wider than CR1 with G − 1 degrees of freedom would say
        ClusteredMean.Result cr1 = ClusteredMean.of(n, sum, squares, List.of(
                new ClusteredMean.Cluster(6, 4.2, 6 * 0.49), new ClusteredMean.Cluster(3, -0.9, 0.04 + 0.16 + 0.09)));
        double half = new TDistribution(r.df()).inverseCumulativeProbability(0.975) * Math.sqrt(r.variance());
        assertThat(half).isGreaterThan(cr1.halfWidth());
    }
}
