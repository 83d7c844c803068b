package org.backbeat.nlp.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.backbeat.core.KafkaConfig;
import org.backbeat.core.KafkaProps;
import org.backbeat.core.StreamsApp;

/**
 * The NLP stage as a running Kafka Streams application: {@link ScoringTopology} with exactly-once
 * processing. The topics must exist ({@code TopicAdmin.ensureTopics}); the analyzer is built by the caller
 * and shared by every stream thread (give it a {@link PerThreadScorer} for one scorer per thread).
 */
public final class NlpService implements AutoCloseable {

    private final StreamsApp app;

    public NlpService(PostAnalyzer analyzer, KafkaConfig kafka, NlpConfig config, Clock clock) {
        // StreamsApp builds the topology with the same configuration as ScoringTopology.topology (its tests' path).
        this.app = new StreamsApp("NLP", streamsProperties(kafka.bootstrapServers(), config),
                builder -> ScoringTopology.buildTopology(builder, kafka.topics(), analyzer, clock, config.cacheSize()));
    }

    /** The Streams configuration of the NLP app, built in this one place for the service and its topology tests. */
    static Properties streamsProperties(String bootstrapServers, NlpConfig config) {
        Properties props = KafkaProps.streams(bootstrapServers, config.applicationId(), config.stateDir(), config.threads());
        if (config.instanceId() != null) {
            // Static membership: Streams gives each thread's consumer "<id>-<thread index>".
            props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, config.instanceId());
        }
        return props;
    }

    public void start() {
        app.start();
    }

    public KafkaStreams.State state() {
        return app.state();
    }

    /**
     * Waits until the application is RUNNING (it has its partitions); false on timeout, on interrupt
     * (the flag is restored), or if it is shutting down or failed.
     */
    public boolean awaitRunning(Duration timeout) {
        return app.awaitRunning(timeout);
    }

    /** Stops processing, commits and leaves the group; the local state directory is kept. */
    @Override
    public void close() {
        app.close();
    }
}
