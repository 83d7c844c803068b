package org.backbeat.dashboard.impact;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * Fits {@code y = b0 + b1·t + b2·after + b3·t·after} by OLS (Commons Math) and adds Newey–West (HAC, Bartlett
 * kernel) standard errors for the level and slope changes. See {@link SegmentedFit} for the meaning and caveats.
 */
final class SegmentedRegression {

    private SegmentedRegression() {
    }

    /**
     * @param metric {@link SegmentedFit#SENTIMENT} or {@link SegmentedFit#VOLUME}
     * @param t      day index of each value, counted from the event (0 = first day after)
     * @param y      the daily values, in increasing {@code t}
     * @return the fit, or null when the design is singular (e.g. every value on one side falls on one day)
     */
    static SegmentedFit fit(String metric, int[] t, double[] y, double level) {
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
        try {
            b = ols.estimateRegressionParameters();
            se = ols.estimateRegressionParametersStandardErrors();
            bread = ols.estimateRegressionParametersVariance();
            residuals = ols.estimateResiduals();
            rSquared = ols.calculateTotalSumOfSquares() == 0 ? 0 : ols.calculateRSquared();
        } catch (SingularMatrixException e) {
            return null;
        }
        int df = n - 4;
        TDistribution dist = new TDistribution(null, df);
        int lag = (int) Math.floor(4 * Math.pow(n / 100.0, 2.0 / 9.0));
        double[] hac = neweyWestStandardErrors(withIntercept, residuals, bread, lag);
        return new SegmentedFit(metric, n,
                coefficient(b[0], se[0], dist, level), coefficient(b[1], se[1], dist, level),
                coefficient(b[2], se[2], dist, level), coefficient(b[3], se[3], dist, level),
                coefficient(b[2], hac[2], dist, level), coefficient(b[3], hac[3], dist, level),
                lag, rSquared);
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
