package org.backbeat.core;

import io.micrometer.core.instrument.FunctionCounter;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.backbeat.core.metrics.ProcessMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka Streams application as every stage runs one: the topology built with the application's own
 * configuration ({@link KafkaProps#streams}), a failed stream thread replaced (it resumes from the last commit),
 * state changes logged, a start-up wait with a timeout, and a bounded close. The stage's service class says
 * what to build; this says how to run it.
 */
public final class StreamsApp implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StreamsApp.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final KafkaStreams streams;
    private final Topology topology;
    private final Object stateChanged = new Object();
    private boolean closed;

    /**
     * @param name  for logs, e.g. "Alerts"
     * @param props from {@link KafkaProps#streams}
     * @param build adds the topology to the builder (a {@code buildTopology} method)
     */
    public StreamsApp(String name, Properties props, Consumer<StreamsBuilder> build) {
        this.name = name;
        // The builder gets the same configuration as the app (a bare StreamsBuilder() builds a default one).
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(props)));
        build.accept(builder);
        this.topology = builder.build();
        log.debug("{} topology:\n{}", name, topology.describe());
        this.streams = new KafkaStreams(topology, props);
        // The topologies turn every bad record into a dead letter, so what reaches here is a Kafka-level
        // failure (a fenced producer, a lost broker): start a fresh thread, which resumes from the last commit.
        streams.setUncaughtExceptionHandler(e -> {
            log.error("{} stream thread failed; replacing it", name, e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((now, before) -> {
            log.info("{} streams {} -> {}", name, before, now);
            synchronized (stateChanged) {
                stateChanged.notifyAll();
            }
        });
    }

    public void start() {
        log.info("Starting {} streams", name);
        streams.start();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public Topology topology() {
        return topology;
    }

    /**
     * Binds the app's Kafka metrics (threads, tasks, its consumers' lag, its producers) to the process's registry,
     * and one counter per output topic: {@code counters} maps a meter name to the topic whose records it counts.
     * They read the producers' own {@code record-send-total} of that topic, so the topology needs no counting step;
     * a send inside a transaction that is later aborted counts too, and a replaced stream thread starts its
     * producer's count again (Prometheus's {@code rate()} takes such resets in its stride).
     */
    public void bindMetrics(ProcessMetrics metrics, Map<String, String> counters) {
        metrics.bindStreams(streams);
        counters.forEach((meter, topic) -> FunctionCounter.builder(meter, this, app -> app.sentTo(topic))
                .tag("topic", topic).description("records sent to " + topic + " by the " + name + " streams app")
                .register(metrics.registry()));
    }

    /** Records this app's producers have sent to {@code topic} since they started. */
    public double sentTo(String topic) {
        return streams.metrics().entrySet().stream()
                .filter(e -> "producer-topic-metrics".equals(e.getKey().group()) && "record-send-total".equals(e.getKey().name())
                        && topic.equals(e.getKey().tags().get("topic")))
                .mapToDouble(e -> e.getValue().metricValue() instanceof Number n ? n.doubleValue() : 0)
                .sum();
    }

    /**
     * Waits until the application is RUNNING; false on timeout, on interrupt (the flag is restored), or if it is
     * shutting down or failed.
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
            log.warn("{} streams did not stop within {} s", name, CLOSE_TIMEOUT.toSeconds());
        }
    }
}
