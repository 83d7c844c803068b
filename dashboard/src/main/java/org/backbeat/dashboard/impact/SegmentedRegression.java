package org.backbeat.dashboard.impact;

import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * Fits {@code y = b0 + b1·t + b2·after + b3·t·after} by OLS (Commons Math) and adds Newey–West (HAC, Bartlett
 * kernel) standard errors for the level and slope changes, and standard errors that also allow for texts copied
 * over several days (see {@link #fit(String, int[], double[], double, List)}). See {@link SegmentedFit} for the
 * meaning and caveats.
 */
final class SegmentedRegression {

    /**
     * One repeated text's part in one day's value: the day's value is a sum over texts, this text adds
     * {@code value}, and {@code weight} is its share of the day ({@code copies / posts} that day when every post
     * counts, {@code 1 / texts} when every text counts once), so its part of the day's residual is
     * {@code value − weight · fitted}.
     *
     * @param row the day's position in {@code t} and {@code y}
     */
    record TextShare(int row, double value, double weight) {
    }

    private SegmentedRegression() {
    }

    static SegmentedFit fit(String metric, int[] t, double[] y, double level) {
        return fit(metric, t, y, level, List.of());
    }

    /**
     * @param metric {@link SegmentedFit#SENTIMENT} or {@link SegmentedFit#VOLUME}
     * @param t      day index of each value, counted from the event (0 = first day after)
     * @param y      the daily values, in increasing {@code t}
     * @param repeated for each text that occurs on more than one day, its parts in those days' values; with
     *                 any, the fit carries {@code levelChangeClustered} and {@code slopeChangeClustered}
     * @return the fit, or null when the design is singular (e.g. every value on one side falls on one day)
     */
    static SegmentedFit fit(String metric, int[] t, double[] y, double level, List<List<TextShare>> repeated) {
        int n = y.length;
        double[][] x = new double[n][3];
        double[][] withIntercept = new double[n][4];
        for (int i = 0; i < n; i++) {
            double after = t[i] >= 0 ? 1 : 0;
            x[i] = new double[] {t[i], after, t[i] * after};
            withIntercept[i] = new double[] {1, t[i], after, t[i] * after};
        }
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.newSampleData(y, x);
        double[] b;
        double[] se;
        double[][] bread;
        double[] residuals;
        double rSquared;
        double errorVariance;
        try {
            b = ols.estimateRegressionParameters();
            se = ols.estimateRegressionParametersStandardErrors();
            bread = ols.estimateRegressionParametersVariance();
            residuals = ols.estimateResiduals();
            rSquared = ols.calculateTotalSumOfSquares() == 0 ? 0 : ols.calculateRSquared();
            errorVariance = ols.estimateErrorVariance();
        } catch (SingularMatrixException e) {
            return null;
        }
        int df = n - 4;
        TDistribution dist = new TDistribution(null, df);
        int lag = (int) Math.floor(4 * Math.pow(n / 100.0, 2.0 / 9.0));
        double[] hac = neweyWestStandardErrors(withIntercept, residuals, bread, lag);
        double[] clustered = SegmentedFit.SENTIMENT.equals(metric)
                ? clusteredStandardErrors(withIntercept, b, bread, errorVariance, repeated) : null;
        return new SegmentedFit(metric, n,
                coefficient(b[0], se[0], dist, level), coefficient(b[1], se[1], dist, level),
                coefficient(b[2], se[2], dist, level), coefficient(b[3], se[3], dist, level),
                coefficient(b[2], hac[2], dist, level), coefficient(b[3], hac[3], dist, level),
                lag, rSquared,
                clustered == null ? null : coefficient(b[2], clustered[2], dist, level),
                clustered == null ? null : coefficient(b[3], clustered[3], dist, level));
    }

    /**
     * Two-way clustering by day and by text (Cameron, Gelbach and Miller 2011) with the plain OLS variance as its
     * day part: {@code V = σ²(X'X)⁻¹ + B·(S_text − S_text∩day)·B}, {@code B = (X'X)⁻¹}, where {@code S_text} sums
     * over texts the outer product of {@code Σ_d x_d e_cd} (the text's parts of the days' residuals) and
     * {@code S_text∩day} the same per text and day. A text on one day only (every single post, and a storm within
     * one day, which its day's residual already shows) adds nothing, so with no text spanning days this is the
     * OLS variance exactly; a text copied across days ties their errors together and widens it. A negative
     * correction is not applied (the OLS variance is the floor).
     */
    static double[] clusteredStandardErrors(double[][] x, double[] b, double[][] bread, double errorVariance,
                                            List<List<TextShare>> repeated) {
        int k = x[0].length;
        double[][] correction = new double[k][k];
        for (List<TextShare> text : repeated) {
            double[] score = new double[k];
            for (TextShare part : text) {
                double[] row = x[part.row()];
                double fitted = 0;
                for (int j = 0; j < k; j++) {
                    fitted += row[j] * b[j];
                }
                double e = part.value() - part.weight() * fitted;
                for (int j = 0; j < k; j++) {
                    score[j] += row[j] * e;
                }
                addOuter(correction, row, row, -e * e);
            }
            addOuter(correction, score, score, 1);
        }
        RealMatrix bm = new Array2DRowRealMatrix(bread, false);
        RealMatrix extra = bm.multiply(new Array2DRowRealMatrix(correction, false)).multiply(bm);
        double[] se = new double[k];
        for (int j = 0; j < k; j++) {
            double ols = errorVariance * bread[j][j];
            se[j] = Math.sqrt(Math.max(ols, ols + extra.getEntry(j, j)));
        }
        return se;
    }

    private static Coefficient coefficient(double estimate, double se, TDistribution dist, double level) {
        if (!(se > 0) || !Double.isFinite(se)) {
            return new Coefficient(estimate, 0, new ConfidenceInterval(estimate, estimate), estimate == 0 ? 1 : 0);
        }
        double q = dist.inverseCumulativeProbability(1 - (1 - level) / 2);
        double p = 2 * dist.cumulativeProbability(-Math.abs(estimate / se));
        return new Coefficient(estimate, se, ConfidenceInterval.around(estimate, q * se), p);
    }

    /**
     * Newey–West: {@code V = B·S·B} with {@code B = (X'X)^-1} and
     * {@code S = Σ e_i² x_i x_i' + Σ_{l=1..L} (1 - l/(L+1)) Σ_i e_i e_{i-l} (x_i x_{i-l}' + x_{i-l} x_i')},
     * scaled by {@code n/(n-k)}. Lags count positions in the series (a day without posts is skipped).
     */
    static double[] neweyWestStandardErrors(double[][] x, double[] e, double[][] bread, int lag) {
        int n = x.length;
        int k = x[0].length;
        double[][] s = new double[k][k];
        for (int i = 0; i < n; i++) {
            addOuter(s, x[i], x[i], e[i] * e[i]);
        }
        for (int l = 1; l <= lag; l++) {
            double w = 1 - l / (lag + 1.0);
            for (int i = l; i < n; i++) {
                double f = w * e[i] * e[i - l];
                addOuter(s, x[i], x[i - l], f);
                addOuter(s, x[i - l], x[i], f);
            }
        }
        RealMatrix b = new Array2DRowRealMatrix(bread, false);
        RealMatrix v = b.multiply(new Array2DRowRealMatrix(s, false)).multiply(b).scalarMultiply(n / (double) (n - k));
        double[] se = new double[k];
        for (int j = 0; j < k; j++) {
            se[j] = Math.sqrt(Math.max(0, v.getEntry(j, j)));
        }
        return se;
    }

    private static void addOuter(double[][] target, double[] a, double[] b, double factor) {
        for (int r = 0; r < a.length; r++) {
            for (int c = 0; c < b.length; c++) {
                target[r][c] += factor * a[r] * b[c];
            }
        }
    }
}
