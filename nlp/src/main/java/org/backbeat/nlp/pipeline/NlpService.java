package org.backbeat.nlp.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.backbeat.core.KafkaConfig;
import org.backbeat.core.KafkaProps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NLP stage as a running Kafka Streams application: {@link ScoringTopology} with exactly-once
 * processing. The topics must exist ({@code TopicAdmin.ensureTopics}); the analyzer is built by the caller
 * and shared by every stream thread (give it a {@link PerThreadScorer} for one scorer per thread).
 */
public final class NlpService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NlpService.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaStreams streams;
    private final Object stateChanged = new Object();
    private boolean closed;

    public NlpService(PostAnalyzer analyzer, KafkaConfig kafka, NlpConfig config, Clock clock) {
        Properties props = streamsProperties(kafka.bootstrapServers(), config);
        Topology topology = ScoringTopology.topology(props, kafka.topics(), analyzer, clock, config.cacheSize());
        log.debug("NLP topology:\n{}", topology.describe());

        this.streams = new KafkaStreams(topology, props);
        // The topology turns every bad record into a dead letter, so what reaches here is a Kafka-level
        // failure (a fenced producer, a lost broker): start a fresh thread, which resumes from the last commit.
        streams.setUncaughtExceptionHandler(e -> {
            log.error("NLP stream thread failed; replacing it", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((now, before) -> {
            log.info("NLP streams {} -> {}", before, now);
            synchronized (stateChanged) {
                stateChanged.notifyAll();
            }
        });
    }

    /** The Streams configuration of the NLP app, built in this one place for the service and its topology tests. */
    static Properties streamsProperties(String bootstrapServers, NlpConfig config) {
        return KafkaProps.streams(bootstrapServers, config.applicationId(), config.stateDir(), config.threads());
    }

    public void start() {
        log.info("Starting NLP streams");
        streams.start();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /**
     * Waits until the application is RUNNING (it has its partitions); false on timeout, on interrupt
     * (the flag is restored), or if it is shutting down or failed.
     */
    public boolean awaitRunning(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (stateChanged) {
            while (true) {
                KafkaStreams.State state = streams.state();
                if (state == KafkaStreams.State.RUNNING) {
                    return true;
                }
                if (state.isShuttingDown() || state.hasCompletedShutdown()) {
                    return false;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    stateChanged.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }

    /** Stops processing, commits and leaves the group; the local state directory is kept. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!streams.close(CLOSE_TIMEOUT)) {
            log.warn("NLP streams did not stop within {} s", CLOSE_TIMEOUT.toSeconds());
        }
    }
}
