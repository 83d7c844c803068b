package org.backbeat.alerts;

import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.backbeat.core.KafkaProps;
import org.backbeat.core.StreamsApp;

/**
 * The alerts stage as a running Kafka Streams application: {@link AlertTopology} with exactly-once processing.
 * The topics must exist ({@code TopicAdmin.ensureTopics} with the pipeline's and {@link AlertTopics#newTopics()}).
 */
public final class AlertService implements AutoCloseable {

    private final StreamsApp app;
    private final String alertsTopic;

    public AlertService(String bootstrapServers, AlertTopics topics, AlertsConfig config, Clock clock) {
        Properties props = KafkaProps.streams(bootstrapServers, config.applicationId(), config.stateDir(), config.threads());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitInterval().toMillis());
        this.alertsTopic = topics.alerts().name();
        this.app = new StreamsApp("Alerts", props, builder -> AlertTopology.buildTopology(builder, topics, config, clock));
    }

    /** Binds the app's Kafka Streams metrics and {@code backbeat.alerts.fired} (records sent to the alerts topic). */
    public void bindMetrics(org.backbeat.core.metrics.ProcessMetrics metrics) {
        app.bindMetrics(metrics, java.util.Map.of("backbeat.alerts.fired", alertsTopic));
    }

    public void start() {
        app.start();
    }

    public KafkaStreams.State state() {
        return app.state();
    }

    /** Waits until RUNNING; false on timeout, interrupt (flag restored), shutdown or failure. */
    public boolean awaitRunning(Duration timeout) {
        return app.awaitRunning(timeout);
    }

    @Override
    public void close() {
        app.close();
    }
}
