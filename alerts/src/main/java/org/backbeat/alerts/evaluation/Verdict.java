package org.backbeat.alerts.evaluation;

import java.util.List;

/**
 * What a rule says of one window.
 *
 * @param met            the rule's condition holds: the statistic shifted and every minimum is met
 * @param shifted        the statistic alone passed its threshold (before the minimums of posts and texts)
 * @param reason         why the condition does not hold, for people; null when it does
 * @param observed       the window's value (posts, mean sentiment or negative share)
 * @param baselineMean   the baseline's value of the same quantity
 * @param baselineStdDev the baseline's standard deviation (of posts per window, of sentiment, or of the share)
 * @param threshold      the value {@code observed} had to pass
 * @param score          the z-score or t statistic
 * @param pValue         one-sided p-value of sentiment tests; null for volume
 * @param drivingTexts   the fewest distinct texts whose removal would undo the shift; {@link #MANY} when the texts
 *                       with the most copies are not enough to undo it; 0 when there was no shift
 * @param drivingCopies  the posts of those driving texts
 * @param drivers        the texts behind the shift (the driving ones first), at most a few
 */
public record Verdict(boolean met, boolean shifted, String reason, double observed, double baselineMean,
                      double baselineStdDev, double threshold, double score, Double pValue, int drivingTexts,
                      long drivingCopies, List<TextCount> drivers) {

    /** More distinct texts drive the shift than a window tracks: a broad shift, not a storm of copies. */
    public static final int MANY = -1;

    public Verdict {
        drivers = drivers == null ? List.of() : List.copyOf(drivers);
    }

    static Verdict insufficient(String reason) {
        return new Verdict(false, false, reason, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, null, 0,
                0, List.of());
    }

    /** Whether the shift rests on few enough texts that the tracked ones undo it. */
    public boolean drivenByFewTexts() {
        return shifted && drivingTexts != MANY;
    }
}
