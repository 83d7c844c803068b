package org.backbeat.dashboard.impact;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The days around one moment taken from {@link DailyScores}: day {@code i} of {@link #days} is day index
 * {@code i − daysBefore} (0 the first day after the moment), with the before and after windows' totals and each
 * repeated text's sums per window and per day.
 */
record Window(int daysBefore, ScoreSums[] days, ScoreSums before, ScoreSums after,
              List<ScoreSums> repeatedBefore, List<ScoreSums> repeatedAfter, List<Map<String, ScoreSums>> repeatedByDay) {

    static Window of(DailyScores scores, Instant moment, int daysBefore, int daysAfter) {
        int size = daysBefore + daysAfter;
        ScoreSums[] days = new ScoreSums[size];
        List<Instant> starts = new ArrayList<>(size);
        ScoreSums before = ScoreSums.EMPTY;
        ScoreSums after = ScoreSums.EMPTY;
        for (int i = 0; i < size; i++) {
            Instant start = moment.plusMillis((long) (i - daysBefore) * DailyScores.DAY_MILLIS);
            starts.add(start);
            days[i] = scores.day(start);
            if (i < daysBefore) {
                before = before.plus(days[i]);
            } else {
                after = after.plus(days[i]);
            }
        }
        List<ScoreSums> repeatedBefore = new ArrayList<>();
        List<ScoreSums> repeatedAfter = new ArrayList<>();
        List<Map<String, ScoreSums>> byDay = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            byDay.add(new HashMap<>());
        }
        scores.repeated().forEach((text, perDay) -> {
            ScoreSums b = ScoreSums.EMPTY;
            ScoreSums a = ScoreSums.EMPTY;
            for (int i = 0; i < size; i++) {
                ScoreSums day = perDay.get(starts.get(i));
                if (day == null || day.count() == 0) {
                    continue;
                }
                byDay.get(i).put(text, day);
                if (i < daysBefore) {
                    b = b.plus(day);
                } else {
                    a = a.plus(day);
                }
            }
            if (b.count() > 0) {
                repeatedBefore.add(b);
            }
            if (a.count() > 0) {
                repeatedAfter.add(a);
            }
        });
        return new Window(daysBefore, days, before, after, repeatedBefore, repeatedAfter, byDay);
    }

    /** The repeated texts posted on day {@code i} (position in {@link #days}), with their sums that day. */
    Map<String, ScoreSums> repeatedOn(int i) {
        return repeatedByDay.get(i);
    }
}
