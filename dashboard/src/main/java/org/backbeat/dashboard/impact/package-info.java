/**
 * How events move opinion: {@link org.backbeat.dashboard.impact.ImpactEstimator} (before/after comparison by
 * Welch's t and a seeded bootstrap, volume change, interrupted time series, placebo),
 * {@link org.backbeat.dashboard.impact.ImpactSummary} (the result in plain words) and
 * {@link org.backbeat.dashboard.impact.ChangePointDetector} (candidate events from daily series). Plain Java and
 * Commons Math, no I/O; see {@code docs/impact-analysis.md}.
 */
package org.backbeat.dashboard.impact;
