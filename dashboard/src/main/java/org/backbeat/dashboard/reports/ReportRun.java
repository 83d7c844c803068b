package org.backbeat.dashboard.reports;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One run of a report, stored under {@code <name>@<scheduledFor>} so that a run is claimed once (a create-only
 * write) and never twice, by a restart or a second process.
 *
 * @param date      the day the run was scheduled on (report's zone): its file is {@code <name>/<date>.csv}
 * @param status    {@code running}, {@code done} or {@code failed}
 * @param file      the file's path relative to the reports folder, once written
 * @param error     why it failed, or null
 * @param attempts  how many times it was tried
 */
public record ReportRun(String name, LocalDate date, Instant scheduledFor, Instant startedAt, Instant finishedAt,
                        String status, long rows, String file, String error, int attempts) {

    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";

    public String id() {
        return id(name, scheduledFor);
    }

    public static String id(String name, Instant scheduledFor) {
        return name + "@" + scheduledFor;
    }

    ReportRun done(Instant at, long rowCount, String path) {
        return new ReportRun(name, date, scheduledFor, startedAt, at, DONE, rowCount, path, null, attempts);
    }

    ReportRun failed(Instant at, String why) {
        return new ReportRun(name, date, scheduledFor, startedAt, at, FAILED, rows, null, why, attempts);
    }

    ReportRun retried(Instant at) {
        return new ReportRun(name, date, scheduledFor, at, null, RUNNING, 0, null, null, attempts + 1);
    }
}
