package org.backbeat.core.quantify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShareQuantifierTest {

    /** A classifier that takes a fifth of neutral texts for negative, as ours tends to: rows are true classes. */
    private static final double[][] RATES = {
            {0.80, 0.15, 0.05},
            {0.25, 0.60, 0.15},
            {0.05, 0.20, 0.75}};
    private static final double[] TRUE_SHARES = {0.20, 0.50, 0.30};

    @Test
    void adjusted_count_recovers_known_shares_where_classify_and_count_is_off_by_a_tenth() {
        // Given a confusion measured on 3,000 labelled texts and a bucket of 20,000 texts labelled by the same classifier
        Random random = new Random(7);
        Confusion confusion = Confusion.ofCounts(calibrationCounts(random, 1000));
        long[] bucket = labelCounts(random, TRUE_SHARES, 20_000);

        // When
        ShareQuantifier.Shares shares = new ShareQuantifier(confusion).adjusted(bucket);

        // Then classify and count reads about 0.30 negative (0.2·0.8 + 0.5·0.25 + 0.3·0.05), a tenth too many
        assertThat(shares.raw()[0]).isCloseTo(0.30, within(0.01));
        assertThat(Math.abs(shares.raw()[0] - TRUE_SHARES[0])).isGreaterThan(0.08);
        assertThat(Math.abs(shares.raw()[1] - TRUE_SHARES[1])).isGreaterThan(0.08);
        // and the corrected shares are the true ones within 0.02, inside their interval
        for (int c = 0; c < 3; c++) {
            assertThat(shares.estimate()[c]).as("class %d", c).isCloseTo(TRUE_SHARES[c], within(0.02));
            assertThat(shares.low()[c]).isLessThan(TRUE_SHARES[c]);
            assertThat(shares.high()[c]).isGreaterThan(TRUE_SHARES[c]);
        }
        assertThat(shares.estimate()[0] + shares.estimate()[1] + shares.estimate()[2]).isCloseTo(1.0, within(1e-9));
        assertThat(shares.n()).isEqualTo(20_000);
    }

    @Test
    void the_exact_correction_is_the_inverse_of_the_confusion_when_it_lies_inside_the_simplex() {
        // Given the labels a bucket of the true shares shows on average: q = Rᵀπ
        double[] q = new double[3];
        for (int p = 0; p < 3; p++) {
            for (int t = 0; t < 3; t++) {
                q[p] += TRUE_SHARES[t] * RATES[t][p];
            }
        }

        // When / then
        assertThat(ShareQuantifier.onSimplex(RATES, q)).containsExactly(new double[] {0.20, 0.50, 0.30}, within(1e-9));
    }

    @Test
    void shares_outside_what_the_confusion_can_produce_are_projected_to_the_nearest_point_of_the_simplex() {
        // Given observed labels with fewer negatives than even a bucket of only positive texts would show (5%)
        double[] q = {0.02, 0.18, 0.80};

        // When
        double[] corrected = ShareQuantifier.onSimplex(RATES, q);

        // Then it is the point of a fine grid over the simplex that fits best, found here by brute force
        double bestError = Double.POSITIVE_INFINITY;
        double[] best = null;
        int steps = 1000;
        for (int a = 0; a <= steps; a++) {
            for (int b = 0; a + b <= steps; b++) {
                double[] pi = {a / (double) steps, b / (double) steps, (steps - a - b) / (double) steps};
                double error = 0;
                for (int p = 0; p < 3; p++) {
                    double e = pi[0] * RATES[0][p] + pi[1] * RATES[1][p] + pi[2] * RATES[2][p] - q[p];
                    error += e * e;
                }
                if (error < bestError) {
                    bestError = error;
                    best = pi;
                }
            }
        }
        assertThat(corrected).containsExactly(best, within(0.0015));
        assertThat(corrected[0]).isZero();
        assertThat(corrected[0] + corrected[1] + corrected[2]).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void the_interval_widens_when_the_confusion_comes_from_few_labelled_texts() {
        // Given the same bucket, and confusions measured on 150 and on 30,000 labelled texts
        Random random = new Random(11);
        long[] bucket = labelCounts(random, TRUE_SHARES, 5_000);
        ShareQuantifier few = new ShareQuantifier(Confusion.ofCounts(expectedCounts(50)));
        ShareQuantifier many = new ShareQuantifier(Confusion.ofCounts(expectedCounts(10_000)));

        // When
        ShareQuantifier.Shares fromFew = few.adjusted(bucket);
        ShareQuantifier.Shares fromMany = many.adjusted(bucket);

        // Then the classifier's uncertain error rates make the negative share's interval at least twice as wide
        double wideFew = fromFew.high()[0] - fromFew.low()[0];
        double wideMany = fromMany.high()[0] - fromMany.low()[0];
        assertThat(wideFew).isGreaterThan(2 * wideMany);
        // and with a near-exact confusion, the width is the bucket's sampling error: about 2·1.96·sd of the ACC estimate
        assertThat(wideMany).isBetween(0.5 * samplingWidth(5_000), 1.5 * samplingWidth(5_000));
    }

    @Test
    void the_interval_covers_the_true_share_in_about_95_of_100_repeated_experiments() {
        // Given 100 experiments, each with its own calibration sample (300 texts a class) and its own bucket of 1,000 texts
        Random random = new Random(3);
        int covered = 0;
        for (int i = 0; i < 100; i++) {
            ShareQuantifier quantifier = new ShareQuantifier(Confusion.ofCounts(calibrationCounts(random, 300)), 400);
            ShareQuantifier.Shares shares = quantifier.adjusted(labelCounts(random, TRUE_SHARES, 1_000));
            if (shares.low()[0] <= TRUE_SHARES[0] && TRUE_SHARES[0] <= shares.high()[0]) {
                covered++;
            }
        }

        // Then (a binomial(100, 0.95) falls below 88 once in about 2,000 runs)
        assertThat(covered).isGreaterThanOrEqualTo(88);
    }

    @Test
    void the_delta_interval_covers_every_true_share_in_at_least_88_of_100_repeated_experiments() {
        // Given 100 experiments, each with its own calibration sample (300 texts a class) and its own bucket of 1,000 texts
        Random random = new Random(19);
        int[] covered = new int[3];
        int netCovered = 0;
        for (int i = 0; i < 100; i++) {
            ShareQuantifier quantifier = new ShareQuantifier(Confusion.ofCounts(calibrationCounts(random, 300)), 100);

            // When
            ShareQuantifier.Shares shares = quantifier.adjusted(labelCounts(random, TRUE_SHARES, 1_000),
                    ShareQuantifier.IntervalMethod.DELTA);

            for (int c = 0; c < 3; c++) {
                if (shares.low()[c] <= TRUE_SHARES[c] && TRUE_SHARES[c] <= shares.high()[c]) {
                    covered[c]++;
                }
            }
            double trueNet = TRUE_SHARES[2] - TRUE_SHARES[0];
            if (shares.netLow() <= trueNet && trueNet <= shares.netHigh()) {
                netCovered++;
            }
        }

        // Then (a binomial(100, 0.95) falls below 88 once in about 2,000 runs)
        for (int c = 0; c < 3; c++) {
            assertThat(covered[c]).as("class %d", c).isGreaterThanOrEqualTo(88);
        }
        assertThat(netCovered).isGreaterThanOrEqualTo(88);
    }

    @Test
    void the_delta_interval_is_as_wide_as_the_bootstrap_on_a_mid_size_bucket() {
        // Given a confusion from 300 texts a class and a bucket of 2,000 texts: both error sources matter
        Random random = new Random(23);
        ShareQuantifier quantifier = new ShareQuantifier(Confusion.ofCounts(calibrationCounts(random, 300)));
        long[] bucket = labelCounts(random, TRUE_SHARES, 2_000);

        // When
        ShareQuantifier.Shares delta = quantifier.adjusted(bucket, ShareQuantifier.IntervalMethod.DELTA);
        ShareQuantifier.Shares bootstrap = quantifier.adjusted(bucket, ShareQuantifier.IntervalMethod.BOOTSTRAP);

        // Then the same estimate, and half-widths within a quarter of the bootstrap's
        assertThat(delta.estimate()).containsExactly(bootstrap.estimate(), within(1e-12));
        for (int c = 0; c < 3; c++) {
            double deltaHalf = (delta.high()[c] - delta.low()[c]) / 2;
            double bootstrapHalf = (bootstrap.high()[c] - bootstrap.low()[c]) / 2;
            assertThat(deltaHalf).as("class %d", c).isBetween(0.75 * bootstrapHalf, 1.25 * bootstrapHalf);
            assertThat(delta.low()[c]).isLessThan(delta.estimate()[c]);
            assertThat(delta.high()[c]).isGreaterThan(delta.estimate()[c]);
        }
        double netDelta = (delta.netHigh() - delta.netLow()) / 2;
        double netBootstrap = (bootstrap.netHigh() - bootstrap.netLow()) / 2;
        assertThat(netDelta).isBetween(0.75 * netBootstrap, 1.25 * netBootstrap);
    }

    @Test
    void with_an_exact_confusion_the_delta_interval_is_the_buckets_sampling_error() {
        // Given a confusion measured on three million texts and a bucket showing exactly the labels the true shares give
        ShareQuantifier quantifier = new ShareQuantifier(Confusion.ofCounts(expectedCounts(1_000_000)), 100);
        long[] bucket = new long[3];
        for (int p = 0; p < 3; p++) {
            for (int t = 0; t < 3; t++) {
                bucket[p] += Math.round(5_000 * TRUE_SHARES[t] * RATES[t][p]);
            }
        }

        // When
        ShareQuantifier.Shares shares = quantifier.adjusted(bucket, ShareQuantifier.IntervalMethod.DELTA);

        // Then the negative share's width is 2·1.96·sd of R⁻ᵀ applied to multinomial shares, computed independently
        assertThat(shares.high()[0] - shares.low()[0]).isCloseTo(samplingWidth(5_000), within(0.01 * samplingWidth(5_000)));
    }

    @Test
    void a_share_pinned_at_zero_keeps_a_delta_interval_from_zero_up() {
        // Given fewer negatives than a bucket of only positive texts shows: the corrected negative share is 0
        ShareQuantifier quantifier = new ShareQuantifier(Confusion.ofCounts(expectedCounts(300)), 100);

        // When
        ShareQuantifier.Shares shares = quantifier.adjusted(new long[] {2, 18, 80}, ShareQuantifier.IntervalMethod.DELTA);

        // Then
        assertThat(shares.estimate()[0]).isZero();
        assertThat(shares.low()[0]).isZero();
        assertThat(shares.high()[0]).isGreaterThan(0.01);
        for (int c = 0; c < 3; c++) {
            assertThat(shares.low()[c]).isBetween(0.0, shares.estimate()[c]);
            assertThat(shares.high()[c]).isBetween(shares.estimate()[c], 1.0);
        }
    }

    @Test
    void probabilistic_adjusted_count_recovers_known_shares_from_summed_probabilities() {
        // Given a classifier whose probability vectors for a true class scatter around that class's row of RATES
        Well19937c random = new Well19937c(5);
        Random pick = new Random(5);
        double[][] calibrationSums = new double[3][3];
        long[][] calibrationCounts = new long[3][3];
        for (int t = 0; t < 3; t++) {
            for (int i = 0; i < 2_000; i++) {
                double[] p = probabilities(random, t);
                for (int c = 0; c < 3; c++) {
                    calibrationSums[t][c] += p[c];
                }
                calibrationCounts[t][argmax(p)]++;
            }
        }
        double[][] means = new double[3][3];
        for (int t = 0; t < 3; t++) {
            for (int c = 0; c < 3; c++) {
                means[t][c] = calibrationSums[t][c] / 2_000;
            }
        }
        Confusion confusion = new Confusion("synthetic", "", "synthetic", calibrationCounts, means);
        double[] bucket = new double[3];
        for (int i = 0; i < 20_000; i++) {
            double[] p = probabilities(random, trueClass(pick, TRUE_SHARES));
            for (int c = 0; c < 3; c++) {
                bucket[c] += p[c];
            }
        }

        // When
        ShareQuantifier.Shares shares = new ShareQuantifier(confusion).probabilistic(bucket);

        // Then the mean probabilities are off by about a tenth, the corrected shares are within 0.02
        assertThat(Math.abs(shares.raw()[1] - TRUE_SHARES[1])).isGreaterThan(0.08);
        for (int c = 0; c < 3; c++) {
            assertThat(shares.estimate()[c]).as("class %d", c).isCloseTo(TRUE_SHARES[c], within(0.02));
            assertThat(shares.low()[c]).isLessThan(TRUE_SHARES[c]);
            assertThat(shares.high()[c]).isGreaterThan(TRUE_SHARES[c]);
        }
    }

    @Test
    void the_same_bucket_gets_the_same_interval_whatever_was_asked_before() {
        ShareQuantifier quantifier = new ShareQuantifier(Confusion.ofCounts(expectedCounts(200)));
        ShareQuantifier.Shares first = quantifier.adjusted(new long[] {30, 50, 20});
        quantifier.adjusted(new long[] {1, 2, 3});

        ShareQuantifier.Shares again = quantifier.adjusted(new long[] {30, 50, 20});

        assertThat(again.low()).containsExactly(first.low());
        assertThat(again.high()).containsExactly(first.high());
    }

    @Test
    void gamma_draws_have_the_mean_and_variance_of_their_shape() {
        // Gamma(k, 1) has mean k and variance k; 200,000 draws put the sample mean within about 0.01·sqrt(k)
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        for (double shape : new double[] {0.5, 1.5, 40}) {
            org.apache.commons.math3.stat.descriptive.SummaryStatistics stats = new org.apache.commons.math3.stat.descriptive.SummaryStatistics();
            for (int i = 0; i < 200_000; i++) {
                stats.addValue(ShareQuantifier.gamma(random, shape));
            }
            assertThat(stats.getMean()).as("mean at shape %s", shape).isCloseTo(shape, within(0.015 * Math.sqrt(shape)));
            assertThat(stats.getVariance()).as("variance at shape %s", shape).isCloseTo(shape, within(0.05 * shape));
        }
    }

    @Test
    void an_empty_bucket_or_a_confusion_without_a_class_is_refused_with_a_reason() {
        ShareQuantifier quantifier = new ShareQuantifier(Confusion.ofCounts(expectedCounts(10)));

        assertThatThrownBy(() -> quantifier.adjusted(new long[] {0, 0, 0})).hasMessageContaining("at least one text");
        assertThatThrownBy(() -> Confusion.ofCounts(new long[][] {{5, 1, 0}, {0, 0, 0}, {1, 1, 9}})).hasMessageContaining("no text of class 1");
    }

    @Test
    void a_confusion_written_as_json_reads_back_the_same(@TempDir Path dir) throws Exception {
        Confusion confusion = new Confusion("m-1", "abc", "calibration split", expectedCounts(100),
                new double[][] {{0.7, 0.2, 0.1}, {0.2, 0.6, 0.2}, {0.1, 0.2, 0.7}});
        Path file = dir.resolve("c.json");

        confusion.write(file);
        Confusion read = Confusion.read(new ByteArrayInputStream(Files.readAllBytes(file)));

        assertThat(read.model()).isEqualTo("m-1");
        assertThat(read.modelSha256()).isEqualTo("abc");
        assertThat(read.counts()).isDeepEqualTo(confusion.counts());
        assertThat(read.meanProbabilities()).isDeepEqualTo(confusion.meanProbabilities());
        assertThat(read.texts()).isEqualTo(300);
    }

    /** The committed confusion is readable and counts every calibration text once. */
    @Test
    void the_committed_confusion_reads_from_the_classpath() {
        Confusion standard = Confusion.standard();

        assertThat(standard.texts()).isGreaterThan(1000);
        for (double[] row : standard.meanProbabilities()) {
            assertThat(row[0] + row[1] + row[2]).isCloseTo(1.0, within(1e-4));
        }
    }

    // --- synthetic classifier ---

    /** Labels of {@code perClass} texts of each true class, drawn with RATES. */
    private static long[][] calibrationCounts(Random random, int perClass) {
        long[][] counts = new long[3][3];
        for (int t = 0; t < 3; t++) {
            for (int i = 0; i < perClass; i++) {
                counts[t][trueClass(random, RATES[t])]++;
            }
        }
        return counts;
    }

    private static long[][] expectedCounts(int perClass) {
        long[][] counts = new long[3][3];
        for (int t = 0; t < 3; t++) {
            for (int p = 0; p < 3; p++) {
                counts[t][p] = Math.round(RATES[t][p] * perClass);
            }
        }
        return counts;
    }

    /** Label counts of a bucket of n texts with the given true shares. */
    private static long[] labelCounts(Random random, double[] shares, int n) {
        long[] labels = new long[3];
        for (int i = 0; i < n; i++) {
            labels[trueClass(random, RATES[trueClass(random, shares)])]++;
        }
        return labels;
    }

    private static int trueClass(Random random, double[] shares) {
        double u = random.nextDouble();
        return u < shares[0] ? 0 : u < shares[0] + shares[1] ? 1 : 2;
    }

    /** Dirichlet(8·RATES[t]) probability vectors: their mean is RATES[t]. */
    private static double[] probabilities(Well19937c random, int t) {
        double[] g = new double[3];
        double sum = 0;
        for (int c = 0; c < 3; c++) {
            g[c] = new GammaDistribution(random, 8 * RATES[t][c], 1).sample();
            sum += g[c];
        }
        for (int c = 0; c < 3; c++) {
            g[c] /= sum;
        }
        return g;
    }

    private static int argmax(double[] p) {
        return p[0] > p[1] && p[0] > p[2] ? 0 : p[2] > p[1] ? 2 : 1;
    }

    /**
     * The 95% width of the ACC negative share from the bucket's sampling alone: the estimate is R⁻ᵀ applied to
     * multinomial shares, so its variance is wᵀΣw with w the first row of R⁻ᵀ and Σ the multinomial covariance.
     */
    private static double samplingWidth(int n) {
        org.apache.commons.math3.linear.RealMatrix inverse = new org.apache.commons.math3.linear.LUDecomposition(
                new org.apache.commons.math3.linear.Array2DRowRealMatrix(RATES).transpose()).getSolver().getInverse();
        double[] q = new double[3];
        for (int p = 0; p < 3; p++) {
            for (int t = 0; t < 3; t++) {
                q[p] += TRUE_SHARES[t] * RATES[t][p];
            }
        }
        double variance = 0;
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double cov = (a == b ? q[a] * (1 - q[a]) : -q[a] * q[b]) / n;
                variance += inverse.getEntry(0, a) * inverse.getEntry(0, b) * cov;
            }
        }
        return 2 * 1.96 * Math.sqrt(variance);
    }
}
