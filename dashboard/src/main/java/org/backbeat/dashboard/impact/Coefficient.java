package org.backbeat.dashboard.impact;

/**
 * One estimated regression coefficient.
 *
 * @param estimate      the estimate
 * @param standardError its standard error
 * @param interval      its confidence interval (t distribution with the regression's residual degrees of freedom)
 * @param p             two-sided p-value of "the coefficient is zero"
 */
public record Coefficient(double estimate, double standardError, ConfidenceInterval interval, double p) {
}
