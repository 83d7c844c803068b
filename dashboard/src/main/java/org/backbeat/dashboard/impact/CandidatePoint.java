package org.backbeat.dashboard.impact;

import java.time.LocalDate;

/**
 * A day where an entity's series changed, proposed as a candidate event.
 *
 * @param day      first day of the new regime (sentiment) or of the burst (volume)
 * @param metric   {@link #SENTIMENT} (a shift of the daily mean score) or {@link #VOLUME} (a burst of posts)
 * @param before   the mean score (or posts per day) before the day
 * @param after    the mean score (or posts per day) from the day on (for a burst: during the burst)
 * @param strength how clear the change is, as a z-like statistic (larger is clearer); candidates are ranked by it
 */
public record CandidatePoint(LocalDate day, String metric, double before, double after, double strength) {

    public static final String SENTIMENT = "sentiment";
    public static final String VOLUME = "volume";
}
