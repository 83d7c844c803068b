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
 * <p>The 95% interval holds both sources of error: the bucket's sampling (its observed label shares are
 * drawn from their posterior, Dirichlet with the bucket's counts plus ½, which for large buckets is the
 * multinomial's spread) and the classifier's (each row of the confusion from its posterior given the finite
 * calibration counts, Dirichlet with the counts plus ½). Two ways to turn them into an interval
 * ({@link IntervalMethod}):
 * <ul>
 *   <li>{@link IntervalMethod#DELTA}: the delta method, a few dozen multiplications, no resampling (what the
 *       dashboard's series use: a year of days is 365 buckets). With {@code A = Rᵀ}, {@code M = A⁻¹} and
 *       {@code π = Mq}, a small change gives {@code dπ = M(dq − dA·π)}, and {@code (dA·π)_p = Σ_t dR[t][p]·π_t}.
 *       The bucket and the calibration rows are independent, so
 *       {@code Cov(π) ≈ M (Σ_q + Σ_t π_t² Σ_{R_t}) Mᵀ}, with {@code Σ_q} and {@code Σ_{R_t}} the covariances of
 *       the same Dirichlet posteriors the bootstrap draws from ({@code (diag(m) − mmᵀ)/(α₀+1)}, {@code m} the
 *       posterior mean and {@code α₀} the counts plus ½ each: the multinomial's {@code (diag(q) − qqᵀ)/n} for
 *       large counts, and still wide for a bucket of one post). The interval is {@code π ± 1.96·sd} clipped to
 *       [0, 1] (the net to [−1, 1]).</li>
 *   <li>{@link IntervalMethod#BOOTSTRAP}: a parametric bootstrap, each replicate drawing the confusion's rows
 *       and the bucket's shares from those posteriors and recomputing the corrected shares; the interval is the
 *       2.5th to 97.5th percentile of the replicates. Draws are seeded: the same inputs give the same interval
 *       whatever the order buckets are asked in. About a millisecond a bucket with 1,000 replicates.</li>
 * </ul>
 * On a mid-size bucket the two agree within a few percent of their width ({@code ShareQuantifierTest}). For the
 * probabilistic method the summed probabilities and {@code n·meanProbabilities} stand in as counts.
 * Thread-safe.
 */
public final class ShareQuantifier {

    /** Replicates of the bootstrap by default: percentiles of 1,000 draws move by about 0.005. */
    public static final int REPLICATES = 1000;
    private static final long SEED = 20_021_227L;
    private static final double PRIOR = 0.5;
    /** The standard normal's 97.5th percentile. */
    private static final double Z_975 = 1.959963984540054;

    /** How {@link Shares#low()} and {@link Shares#high()} are computed (see the class comment). */
    public enum IntervalMethod {
        /** Delta method: analytic, microseconds a bucket. */
        DELTA,
        /** Seeded parametric bootstrap of {@link #REPLICATES} replicates: about a millisecond a bucket. */
        BOOTSTRAP
    }

    /**
     * Corrected shares of one bucket.
     *
     * @param n        texts in the bucket
     * @param raw      the uncorrected shares (label counts, or mean probabilities, over n)
     * @param estimate the corrected shares (on the simplex)
     * @param low      per class, the lower end of the 95% interval (the bootstrap's 2.5th percentile, or the delta method's)
     * @param high     per class, its upper end
     * @param netLow   the lower end of the 95% interval of the last class's share minus the first's (positive minus negative)
     * @param netHigh  its upper end
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
    /** The confusion's rows as counts, for the delta method: label counts, and {@code n_t·meanProbabilities}. */
    private final double[][] labelRows;
    private final double[][] probabilityRows;

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
        labelRows = labelRowCounts();
        probabilityRows = probabilityRowCounts();
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

    /** Adjusted classify and count: corrected shares from the number of texts given each label, bootstrap interval. */
    public Shares adjusted(long[] labelCounts) {
        return adjusted(labelCounts, IntervalMethod.BOOTSTRAP);
    }

    /** Adjusted classify and count with the interval computed by {@code method}. */
    public Shares adjusted(long[] labelCounts, IntervalMethod method) {
        double[] counts = Arrays.stream(labelCounts).mapToDouble(c -> c).toArray();
        return method == IntervalMethod.DELTA
                ? delta(counts, labelCorrection, labelRows)
                : bootstrap(counts, labelCorrection, labelDraws);
    }

    /** Probabilistic adjusted classify and count: corrected shares from the bucket's summed class probabilities, bootstrap interval. */
    public Shares probabilistic(double[] summedProbabilities) {
        return probabilistic(summedProbabilities, IntervalMethod.BOOTSTRAP);
    }

    /** Probabilistic adjusted classify and count with the interval computed by {@code method}. */
    public Shares probabilistic(double[] summedProbabilities, IntervalMethod method) {
        return method == IntervalMethod.DELTA
                ? delta(summedProbabilities, probabilityCorrection, probabilityRows)
                : bootstrap(summedProbabilities, probabilityCorrection, probabilityDraws);
    }

    /** The shares of {@code observed} (counts), checked. */
    private double[] raw(double[] observed) {
        int k = confusion.classes();
        if (observed.length != k) {
            throw new IllegalArgumentException("expected " + k + " classes, got " + observed.length);
        }
        double n = Arrays.stream(observed).sum();
        if (!(n > 0) || Arrays.stream(observed).anyMatch(v -> v < 0 || !Double.isFinite(v))) {
            throw new IllegalArgumentException("a bucket needs at least one text and no negative count: " + Arrays.toString(observed));
        }
        return Arrays.stream(observed).map(v -> v / n).toArray();
    }

    private double[][] labelRowCounts() {
        return Arrays.stream(confusion.counts()).map(row -> Arrays.stream(row).mapToDouble(c -> c).toArray()).toArray(double[][]::new);
    }

    private double[][] probabilityRowCounts() {
        double[][] rows = new double[confusion.classes()][];
        for (int t = 0; t < rows.length; t++) {
            long n = Arrays.stream(confusion.counts()[t]).sum();
            rows[t] = Arrays.stream(confusion.meanProbabilities()[t]).map(p -> p * n).toArray();
        }
        return rows;
    }

    /**
     * The delta method's interval (see the class comment): {@code Cov(π) ≈ M (Σ_q + Σ_t π_t² Σ_{R_t}) Mᵀ}.
     *
     * <p>When the unconstrained solution {@code Mq} leaves the simplex, the reported shares are the constrained
     * least-squares point on one of its faces, where the estimator has no plain derivative (a share pinned at 0
     * stays 0 for a whole region of {@code q}). We keep the unconstrained solution's covariance, with the reported
     * (non-negative) {@code π} in the error-rate term, around the reported shares, and clip to [0, 1]: the projection
     * only pulls the unconstrained spread towards the face, so on the pinned side this is wider than the constrained
     * estimator's spread, i.e. conservative (a share pinned at 0 gets {@code [0, 1.96·sd]}). A confusion whose
     * {@code Rᵀ} is singular has no {@code M}: then the bootstrap answers.
     */
    private Shares delta(double[] observed, Correction correction, double[][] rowCounts) {
        double[] raw = raw(observed);
        if (correction.inverse() == null) {
            return bootstrap(observed, correction, correction == labelCorrection ? labelDraws : probabilityDraws);
        }
        int k = raw.length;
        double[] estimate = correction.apply(raw);
        double[][] m = correction.inverse();
        // Σ = Σ_q + Σ_t π_t² Σ_{R_t}: the covariance of dq − dA·π.
        double[][] sigma = dirichletCovariance(observed);
        for (int t = 0; t < k; t++) {
            double[][] row = dirichletCovariance(rowCounts[t]);
            double weight = estimate[t] * estimate[t];
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    sigma[a][b] += weight * row[a][b];
                }
            }
        }
        // Cov(π) = M Σ Mᵀ.
        double[][] covariance = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double v = 0;
                for (int a = 0; a < k; a++) {
                    for (int b = 0; b < k; b++) {
                        v += m[i][a] * sigma[a][b] * m[j][b];
                    }
                }
                covariance[i][j] = v;
            }
        }
        double[] low = new double[k];
        double[] high = new double[k];
        for (int c = 0; c < k; c++) {
            double half = Z_975 * Math.sqrt(Math.max(0, covariance[c][c]));
            low[c] = Math.max(0, estimate[c] - half);
            high[c] = Math.min(1, estimate[c] + half);
        }
        double net = estimate[k - 1] - estimate[0];
        double netHalf = Z_975 * Math.sqrt(Math.max(0,
                covariance[k - 1][k - 1] + covariance[0][0] - 2 * covariance[0][k - 1]));
        return new Shares(Math.round(Arrays.stream(observed).sum()), raw, estimate, low, high,
                Math.max(-1, net - netHalf), Math.min(1, net + netHalf));
    }

    /**
     * The covariance of Dirichlet({@code counts} + ½), the posterior the bootstrap draws from: {@code (diag(m) − mmᵀ)/(α₀+1)}
     * with {@code α₀} the counts plus ½ each and {@code m} the counts plus ½ over {@code α₀}.
     */
    private static double[][] dirichletCovariance(double[] counts) {
        int k = counts.length;
        double total = Arrays.stream(counts).sum() + k * PRIOR;
        double[][] covariance = new double[k][k];
        for (int a = 0; a < k; a++) {
            double ma = (counts[a] + PRIOR) / total;
            for (int b = 0; b < k; b++) {
                double mb = (counts[b] + PRIOR) / total;
                covariance[a][b] = ((a == b ? ma : 0) - ma * mb) / (total + 1);
            }
        }
        return covariance;
    }

    private Shares bootstrap(double[] observed, Correction correction, Correction[] draws) {
        int k = confusion.classes();
        double[] raw = raw(observed);
        double n = Arrays.stream(observed).sum();
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
