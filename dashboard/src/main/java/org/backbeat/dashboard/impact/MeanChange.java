package org.backbeat.dashboard.impact;

/**
 * The change in mean sentiment from the window before an event to the window after it.
 *
 * @param countBefore posts in the before window
 * @param countAfter  posts in the after window
 * @param meanBefore  mean score before
 * @param meanAfter   mean score after
 * @param sdBefore    standard deviation of the scores before (n - 1 denominator)
 * @param sdAfter     standard deviation of the scores after
 * @param difference  {@code meanAfter - meanBefore}: positive means opinion rose
 * @param welch       confidence interval of the difference by Welch's t (unequal variances)
 * @param welchT      Welch's t statistic
 * @param welchDf     Welch–Satterthwaite degrees of freedom
 * @param welchP      two-sided p-value of "no difference" by Welch's t
 * @param bootstrap   percentile confidence interval of the difference from a seeded bootstrap that resamples
 *                    each window's posts with replacement, or null when the windows hold more posts than
 *                    {@link ImpactConfig#bootstrapMaxPosts()} (Welch's interval is then the one to read)
 * @param resamples   bootstrap resamples drawn (0 when skipped)
 */
public record MeanChange(int countBefore, int countAfter, double meanBefore, double meanAfter, double sdBefore,
                         double sdAfter, double difference, ConfidenceInterval welch, double welchT, double welchDf,
                         double welchP, ConfidenceInterval bootstrap, int resamples) {
}
