package org.backbeat.dashboard.impact;

import org.backbeat.dashboard.Weight;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        return estimate(DailyScores.of(observations, eventTime), eventTime, knownEvents, sampleOf(observations), Weight.POSTS);
    }

    /**
     * The impact of an event at {@code eventTime} from daily sums (what Elasticsearch aggregations return), with
     * the placebo kept clear of {@code knownEvents}.
     *
     * @param scores      the entity's scores per day and per repeated text, days aligned on {@code eventTime}
     * @param eventTime   when the event happened
     * @param knownEvents times of other events of the entity, kept out of the placebo's windows
     * @param sample      reads a window's single posts for the bootstrap (asked only for windows of at most
     *                    {@link ImpactConfig#bootstrapMaxPosts()} posts); null: no bootstrap
     * @param weight      whether every post counts or every distinct text once
     */
    public ImpactResult estimate(DailyScores scores, Instant eventTime, Collection<Instant> knownEvents, PostSample sample,
                                 Weight weight) {
        WindowAnalysis event = analyse(scores, eventTime, sample, weight);
        Instant placeboTime = placeboTime(eventTime, knownEvents);
        if (placeboTime == null) {
            return new ImpactResult(config.before(), config.after(), config.level(), event, null,
                    "every date within " + PLACEBO_TRIES + " spans before the event has another known event in its windows");
        }
        String note = "placebo at " + placeboTime + ": the latest date before the event's window whose windows hold no known event";
        return new ImpactResult(config.before(), config.after(), config.level(), event,
                analyse(scores, placeboTime, sample, weight), note);
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
        return analyse(DailyScores.of(observations, time), time, sampleOf(observations), Weight.POSTS);
    }

    /**
     * Before/after comparison and interrupted time series around one moment, without a placebo.
     *
     * @param scores daily sums with days aligned on {@code time}
     * @param sample single posts for the bootstrap, or null
     */
    public WindowAnalysis analyse(DailyScores scores, Instant time, PostSample sample, Weight weight) {
        Instant from = time.minus(config.before());
        Instant to = time.plus(config.after());
        int daysBefore = wholeDays(config.before());
        int daysAfter = wholeDays(config.after());
        Window window = Window.of(scores, time, daysBefore, daysAfter);
        long before = window.before().count();
        long after = window.after().count();
        List<String> notes = new ArrayList<>();
        MeanChange sentiment = null;
        if (before < config.minPerSide() || after < config.minPerSide()) {
            notes.add("not enough data to compare sentiment: " + before + " posts before and " + after
                    + " after; at least " + config.minPerSide() + " on each side are needed");
        } else {
            sentiment = meanChange(window, from, time, to, sample, weight, notes);
        }
        if (scores.repeatedCapped()) {
            notes.add("more repeated texts than could be read: the rarest were counted as single posts, so the intervals may be too narrow");
        }
        DailyBins bins = DailyBins.of(scores, time, daysBefore, daysAfter);
        VolumeChange volume = null;
        if (before < config.minPerSide() && after < config.minPerSide()) {
            notes.add("not enough data to compare volume: " + before + " posts before and " + after
                    + " after; at least " + config.minPerSide() + " on one side are needed");
        } else {
            volume = volumeChange((int) before, (int) after, bins);
        }
        SegmentedFit sentimentTrend = sentimentTrend(window, weight, notes);
        SegmentedFit volumeTrend = volumeTrend(bins, (int) (before + after), notes);
        return new WindowAnalysis(time, from, to, sentiment != null, notes, sentiment, volume, sentimentTrend, volumeTrend);
    }

    private MeanChange meanChange(Window window, Instant from, Instant time, Instant to, PostSample sample, Weight weight,
                                  List<String> notes) {
        WindowMean before = WindowMean.of(window.before(), window.repeatedBefore(), weight);
        WindowMean after = WindowMean.of(window.after(), window.repeatedAfter(), weight);
        if (before.texts() < 2 || after.texts() < 2) {
            notes.add("not enough distinct texts to compare sentiment: " + before.texts() + " before and " + after.texts()
                    + " after (copies of one text count once); at least 2 on each side are needed");
            return null;
        }
        Welch.Result welch = Welch.compare(before, after, config.level());
        Welch.Result naive = Welch.ignoringCopies(before, after, config.level());
        boolean resample = sample != null && before.posts() + after.posts() <= config.bootstrapMaxPosts();
        ConfidenceInterval bootstrap = null;
        if (resample) {
            Bootstrap.Texts b = texts(sample.read(from, time));
            Bootstrap.Texts a = texts(sample.read(time, to));
            if (weight == Weight.TEXTS) {
                b = b.perTextMeans();
                a = a.perTextMeans();
            }
            bootstrap = Bootstrap.differenceOfMeans(b, a, config.resamples(), config.seed(), config.level());
        }
        return new MeanChange(weight.id(), (int) before.posts(), (int) after.posts(), before.texts(), after.texts(),
                before.mean(), after.mean(), before.sd(), after.sd(), welch.difference(), welch.interval(), welch.t(),
                welch.df(), welch.p(), naive.interval(), bootstrap, resample ? config.resamples() : 0);
    }

    /** The posts of a window grouped by text (a post without a text is a text of its own), in order of first post. */
    private static Bootstrap.Texts texts(List<Observation> posts) {
        Map<Object, double[]> byText = new LinkedHashMap<>();
        for (Observation o : posts) {
            double[] text = byText.computeIfAbsent(o.text() == null ? new Object() : o.text(), k -> new double[2]);
            text[0]++;
            text[1] += o.score();
        }
        double[] counts = new double[byText.size()];
        double[] sums = new double[byText.size()];
        int i = 0;
        for (double[] text : byText.values()) {
            counts[i] = text[0];
            sums[i++] = text[1];
        }
        return new Bootstrap.Texts(counts, sums);
    }

    /** A list of posts as a {@link PostSample}. */
    private static PostSample sampleOf(List<Observation> observations) {
        return (from, to) -> observations.stream()
                .filter(o -> !o.time().isBefore(from) && o.time().isBefore(to))
                .sorted(java.util.Comparator.comparing(Observation::time))
                .toList();
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

    private SegmentedFit sentimentTrend(Window window, Weight weight, List<String> notes) {
        int daysBefore = 0;
        int daysAfter = 0;
        List<Integer> t = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        Map<String, List<SegmentedRegression.TextShare>> shares = new HashMap<>();
        for (int i = 0; i < window.days().length; i++) {
            ScoreSums day = window.days()[i];
            if (day.count() == 0) {
                continue;
            }
            int dayIndex = i - window.daysBefore();
            if (dayIndex < 0) {
                daysBefore++;
            } else {
                daysAfter++;
            }
            // the day's value, and each repeated text's part in it
            Map<String, ScoreSums> texts = window.repeatedOn(i);
            long singles = day.count();
            double singleSum = day.sum();
            for (ScoreSums c : texts.values()) {
                singles -= c.count();
                singleSum -= c.sum();
            }
            double value;
            if (weight == Weight.POSTS) {
                value = day.mean();
            } else {
                double textMeans = singleSum;
                for (ScoreSums c : texts.values()) {
                    textMeans += c.mean();
                }
                value = textMeans / (singles + texts.size());
            }
            int row = t.size();
            long textsThatDay = singles + texts.size();
            texts.forEach((text, c) -> shares.computeIfAbsent(text, k -> new ArrayList<>()).add(weight == Weight.POSTS
                    ? new SegmentedRegression.TextShare(row, c.sum() / day.count(), (double) c.count() / day.count())
                    : new SegmentedRegression.TextShare(row, c.mean() / textsThatDay, 1.0 / textsThatDay)));
            t.add(dayIndex);
            y.add(value);
        }
        if (daysBefore < config.minDaysPerSide() || daysAfter < config.minDaysPerSide()) {
            notes.add("not enough days for a sentiment trend: " + daysBefore + " days with posts before and " + daysAfter
                    + " after; at least " + config.minDaysPerSide() + " on each side are needed");
            return null;
        }
        List<List<SegmentedRegression.TextShare>> acrossDays = shares.values().stream().filter(l -> l.size() > 1).toList();
        SegmentedFit fit = SegmentedRegression.fit(SegmentedFit.SENTIMENT, t.stream().mapToInt(Integer::intValue).toArray(),
                toArray(y), config.level(), acrossDays);
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
}
