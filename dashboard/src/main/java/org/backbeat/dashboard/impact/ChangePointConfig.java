package org.backbeat.dashboard.impact;

/**
 * Settings of {@link ChangePointDetector}.
 *
 * @param penaltyPerLogDay a sentiment split is accepted when its chi-square gain exceeds
 *                         {@code penaltyPerLogDay · ln(days)} (default 3, the modified-BIC penalty)
 * @param minSegmentDays   fewest days with posts on each side of a sentiment shift (default 3)
 * @param burstLookback    days of history a volume burst is measured against (default 14)
 * @param burstZ           over-dispersed Poisson z a day's count must exceed to be a burst (default 4)
 * @param minBurstPosts    fewest posts a burst day needs (default 5): quiet entities do not "burst" from 0 to 2
 * @param maxCandidates    most candidates returned, strongest first (default 10)
 */
public record ChangePointConfig(double penaltyPerLogDay, int minSegmentDays, int burstLookback, double burstZ,
                                int minBurstPosts, int maxCandidates) {

    public ChangePointConfig {
        if (!(penaltyPerLogDay > 0) || minSegmentDays < 2 || burstLookback < 3 || !(burstZ > 0) || minBurstPosts < 1 || maxCandidates < 1) {
            throw new IllegalArgumentException("change-point settings out of range: penaltyPerLogDay > 0, minSegmentDays >= 2, "
                    + "burstLookback >= 3, burstZ > 0, minBurstPosts >= 1, maxCandidates >= 1; were " + penaltyPerLogDay + ", "
                    + minSegmentDays + ", " + burstLookback + ", " + burstZ + ", " + minBurstPosts + ", " + maxCandidates);
        }
    }

    public static ChangePointConfig defaults() {
        return new ChangePointConfig(3, 3, 14, 4, 5, 10);
    }
}
