package org.backbeat.dashboard.impact;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An {@link ImpactResult} in plain words for the UI, e.g. "Opinion of Amazon fell by 0.12 (95% CI 0.05 to 0.19)
 * in the 7 days after Amazon Cloud Drive launch, compared with the 7 days before." A change whose interval
 * includes 0 is reported as "no clear change", never as a rise or fall. The sentences quote the Welch interval
 * for sentiment (the bootstrap interval is in the numbers beside it) and the quasi-Poisson interval for volume.
 *
 * @param sentiment sentence about mean sentiment (or why it cannot be said)
 * @param volume    sentence about posts per day (or why it cannot be said)
 * @param placebo   sentence about the placebo date (or why there is none)
 * @param text      the three sentences together
 */
public record ImpactSummary(String sentiment, String volume, String placebo, String text) {

    /**
     * @param result     what {@link ImpactEstimator#estimate} returned
     * @param entityName the entity's display name, e.g. "Amazon" (plain text; the UI escapes it)
     * @param eventTitle the event's title, e.g. "Amazon Cloud Drive launch"
     */
    public static ImpactSummary describe(ImpactResult result, String entityName, String eventTitle) {
        String percent = percent(result.level());
        String afterSpan = span(result.after());
        String beforeSpan = span(result.before());
        WindowAnalysis event = result.event();

        String sentiment;
        if (event.sentiment() == null) {
            sentiment = "There is not enough data to say how opinion of " + entityName + " changed after " + eventTitle
                    + ": " + firstNote(event) + ".";
        } else {
            MeanChange m = event.sentiment();
            sentiment = "Opinion of " + entityName + " " + movement(m.difference(), m.welch(), percent, "", 2)
                    + " in the " + afterSpan + " after " + eventTitle + ", compared with the " + beforeSpan
                    + " before (" + m.countBefore() + " posts before, " + m.countAfter() + " after).";
        }

        String volume;
        if (event.volume() == null) {
            volume = "There are too few posts to compare volume.";
        } else {
            VolumeChange v = event.volume();
            volume = "Volume " + movement(v.difference(), v.interval(), percent, " posts/day", 1) + ", from "
                    + number(v.perDayBefore(), 1) + " to " + number(v.perDayAfter(), 1) + " posts/day.";
        }

        String placebo;
        if (result.placebo() == null) {
            placebo = "No placebo date could be checked: " + result.placeboNote() + ".";
        } else if (result.placebo().sentiment() == null) {
            placebo = "The placebo date (" + result.placebo().time().toString().substring(0, 10)
                    + ", no known event) has too little data to show what \"no effect\" looks like.";
        } else {
            MeanChange p = result.placebo().sentiment();
            placebo = "The placebo date (" + result.placebo().time().toString().substring(0, 10)
                    + ", no known event) shows a change of " + signed(p.difference(), 2) + " (" + percent + " CI "
                    + signed(p.welch().lower(), 2) + " to " + signed(p.welch().upper(), 2) + ")"
                    + (p.welch().excludesZero() ? ": changes of this size happen without an event, so read the event's change with care."
                            : ", what no effect looks like.");
        }
        List<String> parts = new ArrayList<>(List.of(sentiment, volume, placebo));
        return new ImpactSummary(sentiment, volume, placebo, String.join(" ", parts));
    }

    /**
     * "rose by 0.12 (95% CI 0.05 to 0.19)", "fell by 0.12 (95% CI 0.05 to 0.19)" (the interval of the size of the
     * fall), or "showed no clear change (−0.02, 95% CI −0.07 to +0.03)" when the interval includes 0.
     */
    static String movement(double difference, ConfidenceInterval ci, String percent, String unit, int decimals) {
        if (!ci.excludesZero()) {
            return "showed no clear change (" + signed(difference, decimals) + unit + ", " + percent + " CI "
                    + signed(ci.lower(), decimals) + " to " + signed(ci.upper(), decimals) + unit + ")";
        }
        if (difference > 0) {
            return "rose by " + number(difference, decimals) + unit + " (" + percent + " CI " + number(ci.lower(), decimals)
                    + " to " + number(ci.upper(), decimals) + ")";
        }
        return "fell by " + number(-difference, decimals) + unit + " (" + percent + " CI " + number(-ci.upper(), decimals)
                + " to " + number(-ci.lower(), decimals) + ")";
    }

    private static String signed(double v, int decimals) {
        String s = number(v, decimals);
        if (s.startsWith("-")) {
            return "\u2212" + s.substring(1);
        }
        return Double.parseDouble(s) == 0 ? s : "+" + s;
    }

    private static String number(double v, int decimals) {
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        return s.startsWith("-") && Double.parseDouble(s) == 0 ? s.substring(1) : s;
    }

    private static String percent(double level) {
        double p = level * 100;
        return (p == Math.rint(p) ? Long.toString(Math.round(p)) : number(p, 1)) + "%";
    }

    private static String span(Duration d) {
        if (d.toHours() % 24 == 0) {
            long days = d.toDays();
            return days == 1 ? "day" : days + " days";
        }
        return d.toHours() == 1 ? "hour" : d.toHours() + " hours";
    }

    private static String firstNote(WindowAnalysis w) {
        return w.notes().isEmpty() ? "no posts" : w.notes().get(0);
    }
}
