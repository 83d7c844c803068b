package org.backbeat.dashboard.impact;

import java.time.LocalDate;
import java.util.List;

/**
 * A day where an entity's series changed, proposed as a candidate event.
 *
 * @param day      first day of the new regime (sentiment) or of the burst (volume)
 * @param metric   {@link #SENTIMENT} (a shift of the daily mean score) or {@link #VOLUME} (a burst of posts)
 * @param before   the mean score (or posts per day) before the day
 * @param after    the mean score (or posts per day) from the day on (for a burst: during the burst)
 * @param strength how clear the change is, as a z-like statistic (larger is clearer); candidates are ranked by it
 * @param drivenByFewTexts the change is not there when every distinct text counts once (a storm of copies of a few
 *                 texts made it): see {@link ChangePointDetector#sentimentShifts(List, List)}
 */
public record CandidatePoint(LocalDate day, String metric, double before, double after, double strength,
                             boolean drivenByFewTexts) {

    public CandidatePoint(LocalDate day, String metric, double before, double after, double strength) {
        this(day, metric, before, after, strength, false);
    }

    CandidatePoint drivenByFewTexts(boolean driven) {
        return new CandidatePoint(day, metric, before, after, strength, driven);
    }

    public static final String SENTIMENT = "sentiment";
    public static final String VOLUME = "volume";
}
