package org.backbeat.app;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * A one-line progress bar on stderr, redrawn at most five times a second:
 * {@code [##########----------]  52%  7,613 posts  2,345 posts/s}. Without a known total it shows the
 * count and rate only. {@code --no-progress} turns it off (for logs and CI).
 */
final class ProgressBar {

    private static final int WIDTH = 30;
    private static final Duration REDRAW = Duration.ofMillis(200);

    private final PrintStream out;
    private final long total;
    private final Clock clock;
    private final boolean enabled;
    private final String unit;
    private final boolean countsTotal;
    private final Instant started;
    private Instant lastDrawn = Instant.MIN;

    /**
     * @param total the amount of work (bytes of the input), or 0 when unknown
     */
    ProgressBar(PrintStream out, long total, Clock clock, boolean enabled) {
        this(out, total, clock, enabled, "posts", false);
    }

    /**
     * @param unit        what is counted ({@code posts}, {@code rows})
     * @param countsTotal whether {@code total} counts the same things as the count (then the line shows
     *                    "done of total" and the time left), rather than bytes of the input
     */
    ProgressBar(PrintStream out, long total, Clock clock, boolean enabled, String unit, boolean countsTotal) {
        this.out = out;
        this.total = total;
        this.clock = clock;
        this.enabled = enabled;
        this.unit = unit;
        this.countsTotal = countsTotal;
        this.started = clock.instant();
    }

    /** Redraws if due. */
    void update(long done, long posts) {
        if (!enabled) {
            return;
        }
        Instant now = clock.instant();
        if (Duration.between(lastDrawn, now).compareTo(REDRAW) < 0) {
            return;
        }
        lastDrawn = now;
        out.print("\r" + line(done, posts, now));
        out.flush();
    }

    /** Draws the final state and ends the line. */
    void finish(long done, long posts) {
        if (!enabled) {
            return;
        }
        out.print("\r" + line(total > 0 ? total : done, posts, clock.instant()) + System.lineSeparator());
        out.flush();
    }

    String line(long done, long posts, Instant now) {
        double seconds = Math.max(0.001, Duration.between(started, now).toMillis() / 1000.0);
        String rate = String.format(Locale.ROOT, "%,d %s  %,.0f %s/s", posts, unit, posts / seconds, unit);
        if (total <= 0) {
            return rate;
        }
        if (countsTotal) {
            double perSecond = posts / seconds;
            long left = perSecond <= 0 ? -1 : Math.round(Math.max(0, total - posts) / perSecond);
            rate = String.format(Locale.ROOT, "%,d of %,d %s  %,.0f %s/s  %s left", posts, total, unit, perSecond, unit,
                    left < 0 ? "?" : String.format(Locale.ROOT, "%d:%02d", left / 60, left % 60));
        }
        double fraction = Math.min(1.0, (double) done / total);
        int filled = (int) Math.round(fraction * WIDTH);
        return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + String.format(Locale.ROOT, "%3d%%  ", Math.round(fraction * 100)) + rate;
    }
}
