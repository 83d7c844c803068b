package org.backbeat.dashboard.impact;

import java.time.Instant;
import java.util.List;

/**
 * Everything measured around one moment (the event, or a placebo date): the before window is
 * {@code [from, time)}, the after window {@code [time, to)}.
 *
 * <p>A part that lacks data is null and {@link #notes} says why, in words a user can act on (e.g. "not enough
 * data: 3 posts before and 12 after; at least 5 on each side are needed"): no misleading interval is produced.
 *
 * @param time           the moment analysed
 * @param from           start of the before window
 * @param to             end (exclusive) of the after window
 * @param enoughData     whether the sentiment comparison could be made ({@link #sentiment} is not null)
 * @param notes          why parts are missing; empty when nothing is
 * @param sentiment      change in mean sentiment (Welch and bootstrap), or null
 * @param volume         change in posts per day, or null
 * @param sentimentTrend interrupted time series of the daily mean sentiment, or null
 * @param volumeTrend    interrupted time series of the daily post count, or null
 */
public record WindowAnalysis(Instant time, Instant from, Instant to, boolean enoughData, List<String> notes,
                             MeanChange sentiment, VolumeChange volume, SegmentedFit sentimentTrend,
                             SegmentedFit volumeTrend) {

    public WindowAnalysis {
        notes = List.copyOf(notes);
    }
}
