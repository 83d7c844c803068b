package org.backbeat.dashboard.impact;

import org.backbeat.dashboard.Weight;
/**
 * The change in mean sentiment from the window before an event to the window after it.
 *
 * @param weight         {@code posts} (every post counts) or {@code texts} (every distinct text counts once, with
 *                       the mean of its copies' scores), see {@link Weight}
 * @param countBefore    posts in the before window
 * @param countAfter     posts in the after window
 * @param textsBefore    distinct texts among the posts before (copies and retweets of one text are one text)
 * @param textsAfter     distinct texts after
 * @param meanBefore     mean score before (of posts, or of per-text means with {@code texts})
 * @param meanAfter      mean score after
 * @param sdBefore       standard deviation before (of posts, or of per-text means; n - 1 denominator)
 * @param sdAfter        standard deviation after
 * @param difference     {@code meanAfter - meanBefore}: positive means opinion rose
 * @param welch          confidence interval of the difference by Welch's t with each mean's variance clustered by
 *                       text (copies of one text are one opinion repeated, not independent ones) and the distinct
 *                       texts minus one as each side's degrees of freedom; with no repeated text, plain Welch
 * @param welchT         its t statistic
 * @param welchDf        its Welch–Satterthwaite degrees of freedom
 * @param welchP         its two-sided p-value of "no difference"
 * @param ignoringCopies the interval plain Welch would give counting every post as an independent opinion (for
 *                       comparison: narrower than {@code welch} when copies pile up); equal to it without copies
 * @param bootstrap      percentile interval of the difference from a seeded bootstrap that resamples each window's
 *                       texts (with all their copies) with replacement, or null when the windows hold more posts
 *                       than {@link ImpactConfig#bootstrapMaxPosts()} (Welch's interval is then the one to read)
 * @param resamples      bootstrap resamples drawn (0 when skipped)
 */
public record MeanChange(String weight, int countBefore, int countAfter, long textsBefore, long textsAfter,
                         double meanBefore, double meanAfter, double sdBefore, double sdAfter, double difference,
                         ConfidenceInterval welch, double welchT, double welchDf, double welchP,
                         ConfidenceInterval ignoringCopies, ConfidenceInterval bootstrap, int resamples) {
}
