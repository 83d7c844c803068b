package org.backbeat.dashboard.impact;

/**
 * An interrupted time series: the segmented regression {@code y = b0 + b1·t + b2·after + b3·t·after} fitted by
 * ordinary least squares to one value per day, where {@code t} is the day's index counted from the event (the
 * first day after the event is {@code t = 0}, the last day before it {@code t = -1}) and {@code after} is 1 from
 * the event on. {@code b2} is the jump in level at the event, {@code b3} the change in the daily trend.
 *
 * <p>Days are 24-hour periods counted from the event time, so the event always falls on a day boundary.
 *
 * <p><b>Caveat:</b> the OLS standard errors assume independent daily errors. Daily sentiment and volume are
 * usually autocorrelated (a busy day is followed by a busy day), which makes OLS intervals too narrow; the
 * Newey–West (HAC) versions ({@link #levelChangeNeweyWest}, {@link #slopeChangeNeweyWest}, Bartlett kernel,
 * lag {@link #neweyWestLag}) allow for that, but are themselves rough with a couple of weeks of days.
 *
 * @param metric               {@link #SENTIMENT} (daily mean score, days without posts left out) or
 *                             {@link #VOLUME} (daily post count, days without posts count as 0)
 * @param days                 days in the fit
 * @param baseline             {@code b0}: the fitted pre-event trend's value at {@code t = 0}
 * @param preSlope             {@code b1}: the daily trend before the event
 * @param levelChange          {@code b2}: the jump at the event, with OLS standard error
 * @param slopeChange          {@code b3}: the change in the daily trend, with OLS standard error
 * @param levelChangeNeweyWest {@code b2} with a Newey–West standard error
 * @param slopeChangeNeweyWest {@code b3} with a Newey–West standard error
 * @param neweyWestLag         lags the Newey–West estimate uses: {@code floor(4·(days/100)^(2/9))}
 * @param rSquared             share of the daily variation the four-parameter line explains
 * @param levelChangeClustered {@code b2} with a standard error that also allows for texts copied over several
 *                             days (two-way clustering by day and text, see {@link SegmentedRegression}); equal to
 *                             the OLS one when no text spans days. Sentiment only (null for volume)
 * @param slopeChangeClustered {@code b3} likewise
 */
public record SegmentedFit(String metric, int days, Coefficient baseline, Coefficient preSlope, Coefficient levelChange,
                           Coefficient slopeChange, Coefficient levelChangeNeweyWest, Coefficient slopeChangeNeweyWest,
                           int neweyWestLag, double rSquared, Coefficient levelChangeClustered,
                           Coefficient slopeChangeClustered) {

    public static final String SENTIMENT = "sentiment";
    public static final String VOLUME = "volume";
}
