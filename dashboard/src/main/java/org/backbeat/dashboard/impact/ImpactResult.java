package org.backbeat.dashboard.impact;

import java.time.Duration;

/**
 * What {@link ImpactEstimator#estimate} found around an event, next to the same analysis at a placebo date
 * where nothing is known to have happened, so a reader sees how big a change "no effect" produces.
 *
 * @param before      length of the before window
 * @param after       length of the after window
 * @param level       confidence level of every interval, e.g. 0.95
 * @param event       the analysis at the event
 * @param placebo     the same analysis at the placebo date, or null when no date clear of known events was found
 * @param placeboNote how the placebo date was chosen, or why there is none
 */
public record ImpactResult(Duration before, Duration after, double level, WindowAnalysis event, WindowAnalysis placebo,
                           String placeboNote) {
}
