package org.backbeat.app;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.backbeat.ingest.PostSink;
import org.backbeat.ingest.lang.LanguageDetector;
import org.backbeat.ingest.source.Sleeper;
import org.backbeat.ingest.source.Source;
import org.backbeat.ingest.source.SourceRunner;
import org.backbeat.ingest.status.StatusServer;

/**
 * The live sources of {@code backbeat ingest}, running: one {@link SourceRunner} (checkpoints under
 * {@code <work-dir>/ingest/checkpoints}, Micrometer meters in a Prometheus registry) and the status
 * endpoint. {@link #close()} stops the endpoint, then the sources (which flush the sink).
 */
final class LiveIngest implements AutoCloseable {

    static final Duration MIN_BACKOFF = Duration.ofSeconds(5);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(15);
    static final String STATUS_HOST = "127.0.0.1";

    private final SourceRunner runner;
    private final StatusServer status;

    private LiveIngest(SourceRunner runner, StatusServer status) {
        this.runner = runner;
        this.status = status;
    }

    /**
     * @param statusPort the status endpoint's port on 127.0.0.1, 0 for a free one, negative for none
     */
    static LiveIngest start(List<Source> sources, PostSink sink, Path checkpointDir, int statusPort, LanguageDetector languages,
                            Clock clock) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        SourceRunner runner = new SourceRunner(sink, checkpointDir, registry, languages, clock, Sleeper.REAL, MIN_BACKOFF, MAX_BACKOFF);
        StatusServer status = null;
        try {
            if (statusPort >= 0) {
                status = StatusServer.start(STATUS_HOST, statusPort, runner::statuses, registry::scrape);
            }
            sources.forEach(runner::start);
            return new LiveIngest(runner, status);
        } catch (IOException | RuntimeException e) {
            if (status != null) {
                status.close();
            }
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
        runner.close();
    }
}
