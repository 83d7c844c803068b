package org.backbeat.core.quantify;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Class shares of a set of texts corrected for the classifier's known errors (quantification).
 *
 * <p>Counting labels ("classify and count") is biased whenever the classifier confuses classes: if 20% of
 * neutral texts are labelled negative, a bucket of neutral texts shows 20% negatives. With the
 * {@link Confusion} measured on labelled texts, the labels a bucket should show for true shares
 * {@code π} are {@code q = Rᵀπ} ({@code R[true][predicted]} the label rates); the corrected shares are the
 * {@code π} on the simplex (non-negative, summing to 1) whose expected labels are nearest, in least
 * squares, to the observed ones:
 * <ul>
 *   <li>{@link #adjusted}: adjusted classify and count (ACC, Forman 2008) from label counts and the
 *       confusion's label rates;</li>
 *   <li>{@link #probabilistic}: probabilistic ACC (PACC, Bella et al. 2010) from the bucket's summed class
 *       probabilities and the confusion's mean probabilities per true class.</li>
 * </ul>
 * When the unconstrained solution {@code R⁻ᵀq} lies in the simplex it is the answer (the textbook ACC);
 * otherwise the constrained least-squares solution is found exactly, by solving on every face of the
 * simplex and keeping the best feasible one (not the cruder clip-negatives-and-renormalise).
 *
 * <p>The 95% interval is a parametric bootstrap that holds both sources of error: each replicate draws
 * the confusion's rows from their posterior given the finite calibration counts (Dirichlet with the
 * counts plus ½) and the bucket's observed label shares from theirs (Dirichlet with the bucket's counts
 * plus ½, which for large buckets is the multinomial's spread), recomputes the corrected shares, and the
 * interval is the 2.5th to 97.5th percentile of the replicates. Draws are seeded: the same inputs give
 * the same interval whatever the order buckets are asked in. For the probabilistic method the summed
 * probabilities and {@code n·meanProbabilities} stand in as counts. Thread-safe.
 */
public final class ShareQuantifier {

    /** Replicates of the bootstrap by default: percentiles of 1,000 draws move by about 0.005. */
    public static final int REPLICATES = 1000;
    private static final long SEED = 20_021_227L;
    private static final double PRIOR = 0.5;

    /**
     * Corrected shares of one bucket.
     *
     * @param n        texts in the bucket
     * @param raw      the uncorrected shares (label counts, or mean probabilities, over n)
     * @param estimate the corrected shares (on the simplex)
     * @param low      per class, the 2.5th percentile of the bootstrap
     * @param high     per class, the 97.5th percentile
     * @param netLow   the 2.5th percentile of the last class's share minus the first's (positive minus negative)
     * @param netHigh  its 97.5th percentile
     */
    public record Shares(long n, double[] raw, double[] estimate, double[] low, double[] high, double netLow, double netHigh) {

        /** The corrected last class's share minus the first's: the net sentiment, positive minus negative. */
        public double net() {
            return estimate[estimate.length - 1] - estimate[0];
        }

        /** The uncorrected net. */
        public double rawNet() {
            return raw[raw.length - 1] - raw[0];
        }
    }

    private final Confusion confusion;
    private final int replicates;
    private final Correction labelCorrection;
    private final Correction probabilityCorrection;
    private final Correction[] labelDraws;
    private final Correction[] probabilityDraws;

    /** With {@link #REPLICATES} replicates. */
    public ShareQuantifier(Confusion confusion) {
        this(confusion, REPLICATES);
    }

    /** @param replicates bootstrap replicates for the interval (at least 100) */
    public ShareQuantifier(Confusion confusion, int replicates) {
        if (replicates < 100) {
            throw new IllegalArgumentException("at least 100 bootstrap replicates are needed for a 95% interval, got " + replicates);
        }
        this.confusion = confusion;
        this.replicates = replicates;
        // The confusion's draws are shared by every bucket: drawn once.
        SplittableRandom random = new SplittableRandom(SEED);
        int k = confusion.classes();
        labelCorrection = new Correction(confusion.rates());
        probabilityCorrection = new Correction(confusion.meanProbabilities());
        labelDraws = new Correction[replicates];
        probabilityDraws = new Correction[replicates];
        for (int b = 0; b < replicates; b++) {
            double[][] labelRates = new double[k][];
            double[][] probabilityRates = new double[k][];
            for (int t = 0; t < k; t++) {
                long[] row = confusion.counts()[t];
                long n = Arrays.stream(row).sum();
                labelRates[t] = dirichlet(random, Arrays.stream(row).mapToDouble(c -> c).toArray());
                probabilityRates[t] = dirichlet(random, Arrays.stream(confusion.meanProbabilities()[t]).map(p -> p * n).toArray());
            }
            labelDraws[b] = new Correction(labelRates);
            probabilityDraws[b] = new Correction(probabilityRates);
        }
    }

    public Confusion confusion() {
        return confusion;
    }

    /** Adjusted classify and count: corrected shares from the number of texts given each label. */
    public Shares adjusted(long[] labelCounts) {
        double[] counts = Arrays.stream(labelCounts).mapToDouble(c -> c).toArray();
        return estimate(counts, labelCorrection, labelDraws);
    }

    /** Probabilistic adjusted classify and count: corrected shares from the bucket's summed class probabilities. */
    public Shares probabilistic(double[] summedProbabilities) {
        return estimate(summedProbabilities, probabilityCorrection, probabilityDraws);
    }

    private Shares estimate(double[] observed, Correction correction, Correction[] draws) {
        int k = confusion.classes();
        if (observed.length != k) {
            throw new IllegalArgumentException("expected " + k + " classes, got " + observed.length);
        }
        double n = Arrays.stream(observed).sum();
        if (!(n > 0) || Arrays.stream(observed).anyMatch(v -> v < 0 || !Double.isFinite(v))) {
            throw new IllegalArgumentException("a bucket needs at least one text and no negative count: " + Arrays.toString(observed));
        }
        double[] raw = Arrays.stream(observed).map(v -> v / n).toArray();
        double[] estimate = correction.apply(raw);
        SplittableRandom random = new SplittableRandom(SEED + 1);
        double[][] replicated = new double[k][replicates];
        double[] nets = new double[replicates];
        for (int b = 0; b < replicates; b++) {
            double[] shares = draws[b].apply(dirichlet(random, observed));
            for (int c = 0; c < k; c++) {
                replicated[c][b] = shares[c];
            }
            nets[b] = shares[k - 1] - shares[0];
        }
        double[] low = new double[k];
        double[] high = new double[k];
        Percentile percentile = new Percentile();
        for (int c = 0; c < k; c++) {
            // A share at the simplex's edge (0 or 1) can fall outside its replicates' percentiles: the interval keeps it.
            percentile.setData(replicated[c]);
            low[c] = Math.min(estimate[c], percentile.evaluate(2.5));
            high[c] = Math.max(estimate[c], percentile.evaluate(97.5));
        }
        percentile.setData(nets);
        double net = estimate[k - 1] - estimate[0];
        return new Shares(Math.round(n), raw, estimate, low, high,
                Math.min(net, percentile.evaluate(2.5)), Math.max(net, percentile.evaluate(97.5)));
    }

    /** One confusion's correction, with the inverse of {@code Rᵀ} computed once (null when singular). */
    private record Correction(double[][] rates, double[][] inverse) {
        Correction(double[][] rates) {
            this(rates, inverse(rates));
        }

        private static double[][] inverse(double[][] rates) {
            LUDecomposition lu = new LUDecomposition(new Array2DRowRealMatrix(rates).transpose(), 1e-12);
            return lu.getSolver().isNonSingular() ? lu.getSolver().getInverse().getData() : null;
        }

        /** {@code R⁻ᵀq} when it lies in the simplex (the usual case, and then the least-squares optimum), else {@link #onSimplex}. */
        double[] apply(double[] observed) {
            if (inverse != null) {
                int k = observed.length;
                double[] pi = new double[k];
                boolean inside = true;
                for (int t = 0; t < k; t++) {
                    for (int p = 0; p < k; p++) {
                        pi[t] += inverse[t][p] * observed[p];
                    }
                    inside &= pi[t] >= 0;
                }
                if (inside) {
                    return pi;
                }
            }
            return onSimplex(rates, observed);
        }
    }

    /**
     * The shares {@code π} on the simplex minimising {@code |Rᵀπ − q|²}, {@code R[true][observed]} with rows
     * summing to 1 and {@code q} the observed shares: solved with the sum-to-one constraint on every face of
     * the simplex (every non-empty set of classes allowed above zero), keeping the feasible solution of least
     * error. For three classes that is seven 2-to-4-unknown linear systems.
     */
    public static double[] onSimplex(double[][] rates, double[] observed) {
        return onSimplex(rates, observed, (1 << observed.length) - 1);
    }

    /**
     * As {@link #onSimplex(double[][], double[])} with only the classes of the bit mask {@code possible} allowed
     * above zero: e.g. {@code 0b101} when a corpus is known to hold no neutral text.
     */
    public static double[] onSimplex(double[][] rates, double[] observed, int possible) {
        int k = observed.length;
        double[] best = null;
        double bestError = Double.POSITIVE_INFINITY;
        for (int faces = (1 << k) - 1; faces > 0; faces--) {
            int mask = faces;
            if ((mask & ~possible) != 0) {
                continue;
            }
            int[] free = java.util.stream.IntStream.range(0, k).filter(c -> (mask & (1 << c)) != 0).toArray();
            double[] solution = onFace(rates, observed, free);
            if (solution == null) {
                continue;
            }
            double error = error(rates, observed, solution);
            if (error < bestError - 1e-15) {
                bestError = error;
                best = solution;
            }
        }
        if (best == null) {
            throw new IllegalStateException("no share vector fits: the confusion's rows are degenerate");
        }
        return best;
    }

    /** Least squares with Σπ = 1 and π zero outside {@code free}, by its KKT system; null when infeasible or singular. */
    private static double[] onFace(double[][] rates, double[] observed, int[] free) {
        int k = observed.length;
        int m = free.length;
        // Columns of A = Rᵀ restricted to the free classes: A[p][j] = rates[free[j]][p].
        RealMatrix kkt = new Array2DRowRealMatrix(m + 1, m + 1);
        RealVector rhs = new ArrayRealVector(m + 1);
        for (int i = 0; i < m; i++) {
            double aq = 0;
            for (int j = 0; j < m; j++) {
                double aa = 0;
                for (int p = 0; p < k; p++) {
                    aa += rates[free[i]][p] * rates[free[j]][p];
                }
                kkt.setEntry(i, j, 2 * aa);
            }
            for (int p = 0; p < k; p++) {
                aq += rates[free[i]][p] * observed[p];
            }
            kkt.setEntry(i, m, 1);
            kkt.setEntry(m, i, 1);
            rhs.setEntry(i, 2 * aq);
        }
        rhs.setEntry(m, 1);
        RealVector x;
        try {
            x = new LUDecomposition(kkt, 1e-12).getSolver().solve(rhs);
        } catch (SingularMatrixException e) {
            return null;
        }
        double[] pi = new double[k];
        for (int j = 0; j < m; j++) {
            double v = x.getEntry(j);
            if (v < -1e-12) {
                return null;
            }
            pi[free[j]] = Math.max(0, v);
        }
        double sum = Arrays.stream(pi).sum();
        for (int c = 0; c < k; c++) {
            pi[c] /= sum;
        }
        return pi;
    }

    private static double error(double[][] rates, double[] observed, double[] pi) {
        double e = 0;
        for (int p = 0; p < observed.length; p++) {
            double expected = 0;
            for (int t = 0; t < pi.length; t++) {
                expected += pi[t] * rates[t][p];
            }
            e += (expected - observed[p]) * (expected - observed[p]);
        }
        return e;
    }

    /** A draw from Dirichlet({@code counts} + ½): normalised gamma draws. */
    private static double[] dirichlet(SplittableRandom random, double[] counts) {
        double[] g = new double[counts.length];
        double sum = 0;
        for (int c = 0; c < counts.length; c++) {
            g[c] = gamma(random, counts[c] + PRIOR);
            sum += g[c];
        }
        for (int c = 0; c < counts.length; c++) {
            g[c] /= sum;
        }
        return g;
    }

    /**
     * A Gamma(shape, 1) draw by Marsaglia and Tsang (2000), shapes below 1 boosted by {@code U^(1/shape)}: the
     * algorithm Commons Math's {@code GammaDistribution.sample()} uses, without building a distribution object
     * per draw (which cost more than the draw: a series of 100 buckets makes 300,000 of them).
     */
    static double gamma(SplittableRandom random, double shape) {
        if (shape < 1) {
            return gamma(random, shape + 1) * Math.pow(random.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = random.nextGaussian();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = random.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }
}
