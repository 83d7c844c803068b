package org.backbeat.dashboard.impact;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Estimates how an event moved one entity's sentiment and volume: compares the posts of the window before
 * the event with those of the window after it (difference of means by Welch's t and by a seeded bootstrap;
 * difference of posts per day), fits an interrupted time series to the daily values, and repeats all of it at
 * a placebo date where no known event happened.
 *
 * <p>Stateless and thread-safe; the same observations and configuration always give the same result.
 * See {@code docs/impact-analysis.md} for the methods and how to read them.
 */
public final class ImpactEstimator {

    /** How far back the placebo search steps (in whole analysis spans) before giving up. */
    static final int PLACEBO_TRIES = 8;
    private static final Duration DAY = Duration.ofDays(1);

    private final ImpactConfig config;

    public ImpactEstimator(ImpactConfig config) {
        this.config = config;
    }

    public ImpactConfig config() {
        return config;
    }

    /** The instant an event dated {@code day} starts: midnight of that day in the configured zone. */
    public Instant eventTime(LocalDate day) {
        return day.atStartOfDay(config.zone()).toInstant();
    }

    /**
     * The impact of an event at {@code eventTime}, with a placebo one analysis span earlier.
     *
     * @param observations one entity's posts; any order, any time range (posts outside the windows are ignored)
     */
    public ImpactResult estimate(List<Observation> observations, Instant eventTime) {
        return estimate(observations, eventTime, List.of());
    }

    /**
     * The impact of an event at {@code eventTime}, with a placebo at the latest date before the analysis window
     * whose own windows contain none of {@code knownEvents} (the other events that concern the entity).
     *
     * @param observations one entity's posts; any order, any time range
     * @param eventTime    when the event happened (see {@link #eventTime(LocalDate)} for a calendar date)
     * @param knownEvents  times of other events of the entity, kept out of the placebo's windows
     */
    public ImpactResult estimate(List<Observation> observations, Instant eventTime, Collection<Instant> knownEvents) {
        WindowAnalysis event = analyse(observations, eventTime);
        Instant placeboTime = placeboTime(eventTime, knownEvents);
        if (placeboTime == null) {
            return new ImpactResult(config.before(), config.after(), config.level(), event, null,
                    "every date within " + PLACEBO_TRIES + " spans before the event has another known event in its windows");
        }
        String note = "placebo at " + placeboTime + ": the latest date before the event's window whose windows hold no known event";
        return new ImpactResult(config.before(), config.after(), config.level(), event, analyse(observations, placeboTime), note);
    }

    /**
     * The impact of an event known by its date (starting at midnight in the configured zone), with the placebo
     * kept clear of the entity's other event dates.
     *
     * @param observations one entity's posts; any order, any time range
     * @param eventDay     the event's date, e.g. {@code Event.date()}
     * @param otherDays    dates of the entity's other known events (the event's own date may be included)
     */
    public ImpactResult estimate(List<Observation> observations, LocalDate eventDay, Collection<LocalDate> otherDays) {
        return estimate(observations, eventTime(eventDay), otherDays.stream().map(this::eventTime).toList());
    }

    /**
     * The placebo date: the event time moved back by one whole span (before + after) at a time, so the placebo's
     * windows end where the event's before window starts, until its windows contain no known event.
     *
     * @return the placebo time, or null after {@value #PLACEBO_TRIES} spans without a clear one
     */
    public Instant placeboTime(Instant eventTime, Collection<Instant> knownEvents) {
        Duration span = config.before().plus(config.after());
        Instant candidate = eventTime.minus(span);
        for (int i = 0; i < PLACEBO_TRIES; i++, candidate = candidate.minus(span)) {
            Instant from = candidate.minus(config.before());
            Instant to = candidate.plus(config.after());
            boolean clear = knownEvents.stream().noneMatch(e -> !e.isBefore(from) && e.isBefore(to));
            if (clear) {
                return candidate;
            }
        }
        return null;
    }

    /** Before/after comparison and interrupted time series around one moment, without a placebo. */
    public WindowAnalysis analyse(List<Observation> observations, Instant time) {
        Instant from = time.minus(config.before());
        Instant to = time.plus(config.after());
        List<Double> before = new ArrayList<>();
        List<Double> after = new ArrayList<>();
        for (Observation o : observations) {
            if (!o.time().isBefore(from) && o.time().isBefore(time)) {
                before.add(o.score());
            } else if (!o.time().isBefore(time) && o.time().isBefore(to)) {
                after.add(o.score());
            }
        }
        List<String> notes = new ArrayList<>();
        MeanChange sentiment = null;
        if (before.size() < config.minPerSide() || after.size() < config.minPerSide()) {
            notes.add("not enough data to compare sentiment: " + before.size() + " posts before and " + after.size()
                    + " after; at least " + config.minPerSide() + " on each side are needed");
        } else {
            sentiment = meanChange(toArray(before), toArray(after));
        }
        DailyBins bins = DailyBins.of(observations, time, wholeDays(config.before()), wholeDays(config.after()));
        VolumeChange volume = null;
        if (before.size() < config.minPerSide() && after.size() < config.minPerSide()) {
            notes.add("not enough data to compare volume: " + before.size() + " posts before and " + after.size()
                    + " after; at least " + config.minPerSide() + " on one side are needed");
        } else {
            volume = volumeChange(before.size(), after.size(), bins);
        }
        SegmentedFit sentimentTrend = sentimentTrend(bins, notes);
        SegmentedFit volumeTrend = volumeTrend(bins, before.size() + after.size(), notes);
        return new WindowAnalysis(time, from, to, sentiment != null, notes, sentiment, volume, sentimentTrend, volumeTrend);
    }

    private MeanChange meanChange(double[] before, double[] after) {
        Welch.Result welch = Welch.compare(before, after, config.level());
        boolean resample = before.length + after.length <= config.bootstrapMaxPosts();
        ConfidenceInterval bootstrap = resample
                ? Bootstrap.differenceOfMeans(before, after, config.resamples(), config.seed(), config.level())
                : null;
        return new MeanChange(before.length, after.length, mean(before), mean(after), sd(before), sd(after),
                welch.difference(), welch.interval(), welch.t(), welch.df(), welch.p(), bootstrap,
                resample ? config.resamples() : 0);
    }

    private VolumeChange volumeChange(int countBefore, int countAfter, DailyBins bins) {
        double daysBefore = days(config.before());
        double daysAfter = days(config.after());
        double rateBefore = countBefore / daysBefore;
        double rateAfter = countAfter / daysAfter;
        double dispersion = bins.dispersion();
        double se = Math.sqrt(dispersion * (countAfter / (daysAfter * daysAfter) + countBefore / (daysBefore * daysBefore)));
        double z = new NormalDistribution(null, 0, 1).inverseCumulativeProbability(1 - (1 - config.level()) / 2);
        return new VolumeChange(daysBefore, daysAfter, countBefore, countAfter, rateBefore, rateAfter,
                rateAfter - rateBefore, ConfidenceInterval.around(rateAfter - rateBefore, z * se), dispersion, VolumeChange.METHOD);
    }

    private SegmentedFit sentimentTrend(DailyBins bins, List<String> notes) {
        int daysBefore = 0;
        int daysAfter = 0;
        List<Integer> t = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int i = 0; i < bins.size(); i++) {
            if (bins.count(i) > 0) {
                t.add(bins.dayIndex(i));
                y.add(bins.mean(i));
                if (bins.dayIndex(i) < 0) {
                    daysBefore++;
                } else {
                    daysAfter++;
                }
            }
        }
        if (daysBefore < config.minDaysPerSide() || daysAfter < config.minDaysPerSide()) {
            notes.add("not enough days for a sentiment trend: " + daysBefore + " days with posts before and " + daysAfter
                    + " after; at least " + config.minDaysPerSide() + " on each side are needed");
            return null;
        }
        SegmentedFit fit = SegmentedRegression.fit(SegmentedFit.SENTIMENT, t.stream().mapToInt(Integer::intValue).toArray(),
                toArray(y), config.level());
        if (fit == null) {
            notes.add("the sentiment trend cannot be fitted: the days are degenerate");
        }
        return fit;
    }

    private SegmentedFit volumeTrend(DailyBins bins, int posts, List<String> notes) {
        int daysBefore = wholeDays(config.before());
        int daysAfter = wholeDays(config.after());
        if (daysBefore < config.minDaysPerSide() || daysAfter < config.minDaysPerSide()) {
            notes.add("no volume trend: the windows must each be at least " + config.minDaysPerSide() + " whole days");
            return null;
        }
        if (posts < config.minPerSide()) {
            notes.add("no volume trend: only " + posts + " posts in both windows");
            return null;
        }
        int[] t = new int[bins.size()];
        double[] y = new double[bins.size()];
        for (int i = 0; i < bins.size(); i++) {
            t[i] = bins.dayIndex(i);
            y[i] = bins.count(i);
        }
        return SegmentedRegression.fit(SegmentedFit.VOLUME, t, y, config.level());
    }

    private static int wholeDays(Duration d) {
        return (int) d.toDays();
    }

    private static double days(Duration d) {
        return d.toMillis() / (double) DAY.toMillis();
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double mean(double[] v) {
        return org.apache.commons.math3.stat.StatUtils.mean(v);
    }

    private static double sd(double[] v) {
        return Math.sqrt(org.apache.commons.math3.stat.StatUtils.variance(v));
    }
}
