package org.backbeat.dashboard.impact;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Turns observations into one {@link DailyBucket} per calendar day, empty days included. */
public final class DailySeries {

    private DailySeries() {
    }

    /** Every day from the first observation's to the last one's (in {@code zone}); empty if there are none. */
    public static List<DailyBucket> of(List<Observation> observations, ZoneId zone) {
        if (observations.isEmpty()) {
            return List.of();
        }
        LocalDate first = null;
        LocalDate last = null;
        for (Observation o : observations) {
            LocalDate d = LocalDate.ofInstant(o.time(), zone);
            first = first == null || d.isBefore(first) ? d : first;
            last = last == null || d.isAfter(last) ? d : last;
        }
        return of(observations, zone, first, last.plusDays(1));
    }

    /** Every day from {@code from} to {@code toExclusive} (in {@code zone}); observations outside are ignored. */
    public static List<DailyBucket> of(List<Observation> observations, ZoneId zone, LocalDate from, LocalDate toExclusive) {
        TreeMap<LocalDate, double[]> days = new TreeMap<>();
        for (LocalDate d = from; d.isBefore(toExclusive); d = d.plusDays(1)) {
            days.put(d, new double[2]);
        }
        for (Observation o : observations) {
            double[] day = days.get(LocalDate.ofInstant(o.time(), zone));
            if (day != null) {
                day[0]++;
                day[1] += o.score();
            }
        }
        List<DailyBucket> series = new ArrayList<>(days.size());
        days.forEach((d, v) -> series.add(new DailyBucket(d, (long) v[0], v[0] == 0 ? Double.NaN : v[1] / v[0])));
        return series;
    }
}
