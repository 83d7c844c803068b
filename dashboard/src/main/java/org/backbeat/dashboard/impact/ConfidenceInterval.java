package org.backbeat.dashboard.impact;

/**
 * A two-sided confidence interval, at the level of the {@link ImpactConfig} that produced it (95% by default).
 *
 * @param lower lower bound
 * @param upper upper bound, never below {@code lower}
 */
public record ConfidenceInterval(double lower, double upper) {

    public ConfidenceInterval {
        if (Double.isNaN(lower) || Double.isNaN(upper) || lower > upper) {
            throw new IllegalArgumentException("a confidence interval needs lower <= upper, was " + lower + " to " + upper);
        }
    }

    /** An interval {@code centre ± halfWidth}. */
    public static ConfidenceInterval around(double centre, double halfWidth) {
        return new ConfidenceInterval(centre - halfWidth, centre + halfWidth);
    }

    public boolean contains(double value) {
        return lower <= value && value <= upper;
    }

    /** Whether the whole interval lies on one side of zero: the data show a change in a clear direction. */
    public boolean excludesZero() {
        return !contains(0);
    }
}
