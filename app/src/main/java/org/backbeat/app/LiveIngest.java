package org.backbeat.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.backbeat.core.metrics.ProcessMetrics;
import org.backbeat.ingest.PostSink;
import org.backbeat.ingest.lang.LanguageDetector;
import org.backbeat.ingest.source.Sleeper;
import org.backbeat.ingest.source.Source;
import org.backbeat.ingest.source.SourceRunner;
import org.backbeat.ingest.status.StatusServer;

/**
 * The live sources of {@code backbeat ingest}, running: one {@link SourceRunner} (checkpoints under
 * {@code <work-dir>/ingest/checkpoints}, Micrometer meters in the process's {@link ProcessMetrics}) and the status
 * endpoint. {@link #close()} stops the endpoint, then the sources (which flush the sink).
 */
final class LiveIngest implements AutoCloseable {

    static final Duration MIN_BACKOFF = Duration.ofSeconds(5);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(15);
    static final String DEFAULT_STATUS_HOST = "127.0.0.1";

    private final SourceRunner runner;
    private final StatusServer status;
    private final ProcessMetrics metrics;

    private LiveIngest(SourceRunner runner, StatusServer status, ProcessMetrics metrics) {
        this.runner = runner;
        this.status = status;
        this.metrics = metrics;
    }

    /**
     * @param statusPort the status endpoint's port on 127.0.0.1, 0 for a free one, negative for none
     */
    static LiveIngest start(List<Source> sources, PostSink sink, Path checkpointDir, int statusPort, LanguageDetector languages,
                            Clock clock) {
        return start(sources, sink, checkpointDir, DEFAULT_STATUS_HOST, statusPort, languages, clock);
    }

    /** As above, the status endpoint on {@code statusHost} (0.0.0.0 in a container, for Prometheus to scrape). */
    static LiveIngest start(List<Source> sources, PostSink sink, Path checkpointDir, String statusHost, int statusPort,
                            LanguageDetector languages, Clock clock) {
        ProcessMetrics metrics = ProcessMetrics.create("ingest");
        SourceRunner runner = new SourceRunner(sink, checkpointDir, metrics.registry(), languages, clock, Sleeper.REAL,
                MIN_BACKOFF, MAX_BACKOFF);
        StatusServer status = null;
        try {
            if (statusPort >= 0) {
                status = StatusServer.start(statusHost, statusPort, runner::statuses, metrics::scrape);
            }
            sources.forEach(runner::start);
            return new LiveIngest(runner, status, metrics);
        } catch (IOException | RuntimeException e) {
            if (status != null) {
                status.close();
            }
            metrics.close();
            try {
                runner.close();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            throw e instanceof IOException io ? new UncheckedIOException(io.getMessage(), io) : (RuntimeException) e;
        }
    }

    /** The status endpoint's port, or -1 when there is none. */
    int statusPort() {
        return status == null ? -1 : status.port();
    }

    SourceRunner runner() {
        return runner;
    }

    @Override
    public void close() throws InterruptedException {
        if (status != null) {
            status.close();
        }
        try {
            runner.close();
        } finally {
            metrics.close();
        }
    }
}
