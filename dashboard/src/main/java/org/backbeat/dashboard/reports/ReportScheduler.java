package org.backbeat.dashboard.reports;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.backbeat.alerts.webhook.delivery.DeliveryAdmin;
import org.backbeat.dashboard.ExportService;
import org.backbeat.dashboard.Params;
import org.backbeat.dashboard.TimeRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs saved reports when they are due, in the dashboard process. Each {@link #tick()} looks, for every definition,
 * at its latest scheduled moment at or before now: if that moment has no run yet (and is not older than the
 * definition), the run is claimed (create-only, so once) and the export written to
 * {@code <reports dir>/<name>/<date>.csv} (beside, then moved: a file there is always whole). Only the latest moment
 * counts, so a report missed while Backbeat was down runs once at the next start, not once per missed day. A failed
 * run (Elasticsearch down) is tried again on later ticks, {@link #RETRY_AFTER} apart, at most {@link #MAX_ATTEMPTS} times.
 */
public final class ReportScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReportScheduler.class);
    static final Duration RETRY_AFTER = Duration.ofMinutes(5);
    static final int MAX_ATTEMPTS = 3;

    private final ReportStore store;
    private final ExportService exports;
    private final Clock clock;
    private final Path dir;
    private final Instant booted;
    private final DownloadLinks links;
    private final ReportNotifier notifier;
    private ScheduledExecutorService timer;

    /** A scheduler that sends no notices. */
    public ReportScheduler(ReportStore store, ExportService exports, Clock clock) {
        this(store, exports, clock, null);
    }

    /**
     * @param webhooks what signs and sends the notices of finished runs to the subscriptions a report names; null when
     *                 this process has no webhooks (notices are then skipped, with a warning)
     */
    public ReportScheduler(ReportStore store, ExportService exports, Clock clock, DeliveryAdmin webhooks) {
        this(store, exports, clock, webhooks == null ? null : webhooks::sendMessage, ReportNotifier.DEFAULT_BACKOFF);
    }

    ReportScheduler(ReportStore store, ExportService exports, Clock clock, ReportNotifier.Sender notices, List<Duration> backoff) {
        this.store = store;
        this.exports = exports;
        this.clock = clock;
        this.dir = store.config().dir();
        this.booted = clock.instant();
        this.links = DownloadLinks.from(store.config(), clock);
        this.notifier = new ReportNotifier(notices, links, clock, backoff);
    }

    /** The signer of this scheduler's download links, which the download route verifies. */
    public DownloadLinks links() {
        return links;
    }

    /** Ticks now (catching up what was missed) and then every {@link ReportsConfig#tick()}. */
    public ReportScheduler start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "report-scheduler");
            t.setDaemon(true);
            return t;
        });
        long every = store.config().tick().toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (RuntimeException e) {
                log.warn("Report scheduler tick failed (tried again in {} s): {}", every / 1000, e.getMessage());
            }
        }, 0, every, TimeUnit.MILLISECONDS);
        log.info("Report scheduler started: reports in {}, checked every {} s", dir, every / 1000);
        return this;
    }

    /**
     * Runs every report that is due now and has not run for its latest scheduled moment.
     *
     * @return the runs made (done or failed), in definition order
     */
    public List<ReportRun> tick() {
        Instant now = clock.instant();
        List<ReportRun> made = new ArrayList<>();
        for (ReportDefinition definition : store.list()) {
            if (!definition.problems().isEmpty()) {
                log.warn("Report {} is not valid and does not run: {}", definition.name(), definition.problems());
                continue;
            }
            ZonedDateTime due = definition.schedule().latestAtOrBefore(now);
            if (definition.createdAt() != null && due.toInstant().isBefore(definition.createdAt())) {
                continue; // scheduled before it existed
            }
            ReportRun run = new ReportRun(definition.name(), due.toLocalDate(), due.toInstant(), now, null,
                    ReportRun.RUNNING, 0, null, null, 1);
            if (!store.claim(run)) {
                ReportRun previous = store.run(run.id()).orElse(null);
                if (previous == null || !(retryable(previous, now) || interrupted(previous))) {
                    continue;
                }
                run = previous.retried(now);
                store.update(run);
            }
            made.add(execute(definition, run));
        }
        return made;
    }

    /** A failed run whose pause is over and that has attempts left. */
    private static boolean retryable(ReportRun run, Instant now) {
        return ReportRun.FAILED.equals(run.status()) && run.attempts() < MAX_ATTEMPTS && run.finishedAt() != null
                && !run.finishedAt().plus(RETRY_AFTER).isAfter(now);
    }

    /** A run left "running" by a process that stopped before it ended (it started before this scheduler did). */
    private boolean interrupted(ReportRun run) {
        return ReportRun.RUNNING.equals(run.status()) && run.startedAt() != null && run.startedAt().isBefore(booted)
                && run.attempts() < MAX_ATTEMPTS;
    }

    /** Writes the run's file and records how it went. */
    ReportRun execute(ReportDefinition definition, ReportRun run) {
        Path folder = dir.resolve(definition.name());
        Path file = folder.resolve(run.date() + ".csv");
        Path part = folder.resolve(run.date() + ".csv.part");
        ReportRun result;
        try {
            Files.createDirectories(folder);
            TimeRange range = definition.relativePeriod().range(run.date(), definition.schedule().zoneId());
            Map<String, String> parameters = new LinkedHashMap<>(definition.filters());
            parameters.put("from", range.from().toString());
            parameters.put("to", range.to().toString());
            ExportService.Prepared prepared = exports.prepare(definition.exportKind(), Params.Lookup.of(parameters));
            long rows;
            try (ExportService.Run export = prepared.start();
                 OutputStream out = new BufferedOutputStream(Files.newOutputStream(part), 1 << 16)) {
                rows = export.write(out, n -> { });
            }
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            result = run.done(clock.instant(), rows, dir.relativize(file).toString());
            log.info("Report {} for {} ({}): {} rows in {}", definition.name(), run.date(), definition.period(), rows, file);
            store.update(result); // recorded before anyone is told of it
            notifyQuietly(definition, result, range);
            return result;
        } catch (IOException | RuntimeException e) {
            deleteQuietly(part);
            result = run.failed(clock.instant(), e.getMessage());
            log.warn("Report {} for {} failed (attempt {} of {}): {}", definition.name(), run.date(), run.attempts(),
                    MAX_ATTEMPTS, e.getMessage());
        }
        store.update(result);
        return result;
    }

    private void notifyQuietly(ReportDefinition definition, ReportRun run, TimeRange range) {
        try {
            notifier.notify(definition, run, range);
        } catch (RuntimeException e) {
            log.warn("Report {} for {}: the notices failed ({}); the run is done and its file listed", definition.name(), run.date(),
                    e.toString());
        }
    }

    /** The file of a run, if it was written and is still there. */
    public java.util.Optional<Path> file(String name, LocalDate date) {
        Path file = dir.resolve(name).resolve(date + ".csv").normalize();
        return file.startsWith(dir.normalize()) && Files.isRegularFile(file) ? java.util.Optional.of(file) : java.util.Optional.empty();
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // a stale .part is harmless: it never looks like a report
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
