package org.backbeat.dashboard.impact;

/**
 * The change in volume (posts per day) from the window before an event to the window after it.
 *
 * <p>Method ({@link #METHOD}): the difference of two Poisson rates with a normal-approximation interval,
 * {@code (rAfter - rBefore) ± z * sqrt(phi * (nAfter / dAfter² + nBefore / dBefore²))}, where {@code phi >= 1}
 * is the over-dispersion of the daily counts (their variance over their mean within each window, pooled): a
 * plain Poisson interval would be far too narrow for bursty social-media volume.
 *
 * @param daysBefore   length of the before window in days
 * @param daysAfter    length of the after window in days
 * @param countBefore  posts before
 * @param countAfter   posts after
 * @param perDayBefore posts per day before
 * @param perDayAfter  posts per day after
 * @param difference   {@code perDayAfter - perDayBefore}
 * @param interval     confidence interval of the difference
 * @param dispersion   the over-dispersion factor phi used (1: plain Poisson)
 * @param method       how the interval was computed, in words
 */
public record VolumeChange(double daysBefore, double daysAfter, int countBefore, int countAfter, double perDayBefore,
                           double perDayAfter, double difference, ConfidenceInterval interval, double dispersion,
                           String method) {

    public static final String METHOD = "quasi-Poisson rate difference, normal approximation";
}
