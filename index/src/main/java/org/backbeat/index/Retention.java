package org.backbeat.index;

import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.backbeat.index.schema.PostIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long posts are kept: the current month (UTC) and the {@code keepMonths} months before it. Older months are
 * dropped as whole indices ({@link PostIndex#dropMonthsBefore}): instant, and it needs neither ILM nor
 * {@code _delete_by_query}, which the minimal distribution lacks. A post is therefore dropped no sooner than
 * {@code keepMonths} months after the end of the month it was published in. The posts indices are Backbeat's only
 * time-based ones; the alert history, delivery log, events and rules are single small indices.
 *
 * <p>Used by {@code ./backbeat retention --keep-months N [--dry-run]} and, with {@code es.retention-months} set, by
 * the index process once a day ({@link #scheduleDaily}).
 */
public final class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final PostIndex index;
    private final int keepMonths;
    private final Clock clock;

    public Retention(PostIndex index, int keepMonths, Clock clock) {
        if (keepMonths < 1) {
            throw new IllegalArgumentException("keep at least 1 month besides the current one, was " + keepMonths);
        }
        this.index = index;
        this.keepMonths = keepMonths;
        this.clock = clock;
    }

    /** The oldest month kept: the current month minus {@code keepMonths}. */
    public YearMonth oldestKept() {
        return YearMonth.now(clock.withZone(ZoneOffset.UTC)).minusMonths(keepMonths);
    }

    /** The monthly indices that are past retention now, oldest first; deletes nothing (the dry run). */
    public List<String> expired() {
        return index.monthsBefore(oldestKept());
    }

    /** Deletes the monthly indices past retention; returns them. */
    public List<String> apply() {
        List<String> dropped = index.dropMonthsBefore(oldestKept());
        log.info("Retention of {} months besides the current one: kept {} and later, dropped {}", keepMonths, oldestKept(),
                dropped.isEmpty() ? "nothing" : dropped);
        return dropped;
    }

    /**
     * Applies the retention now and then every {@code period} on a daemon thread; a failure (Elasticsearch away) is
     * logged and tried again at the next run. Close the returned executor to stop.
     */
    public ScheduledExecutorService scheduleDaily(Duration period) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "backbeat-retention");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                apply();
            } catch (RuntimeException e) {
                log.warn("Retention could not drop old posts indices now; trying again in {}: {}", period, e.getMessage());
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        return executor;
    }
}
