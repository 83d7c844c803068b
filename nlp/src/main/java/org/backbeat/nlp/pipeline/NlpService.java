package org.backbeat.nlp.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.backbeat.core.KafkaConfig;
import org.backbeat.core.KafkaProps;
import org.backbeat.core.StreamsApp;
import org.backbeat.core.Topics;
import org.backbeat.core.metrics.ProcessMetrics;

/**
 * The NLP stage as a running Kafka Streams application: {@link ScoringTopology} with exactly-once
 * processing. The topics must exist ({@code TopicAdmin.ensureTopics}); the analyzer is built by the caller
 * and shared by every stream thread (give it a {@link PerThreadScorer} for one scorer per thread).
 */
public final class NlpService implements AutoCloseable {

    /** Meter names of what the app sent: posts scored (to posts.scored), and records dead-lettered (to posts.dlq). */
    public static final String SCORED_METER = "backbeat.nlp.posts.scored";
    public static final String DEAD_LETTERED_METER = "backbeat.nlp.dead.lettered";

    private final StreamsApp app;
    private final Topics topics;

    public NlpService(PostAnalyzer analyzer, KafkaConfig kafka, NlpConfig config, Clock clock) {
        // StreamsApp builds the topology with the same configuration as ScoringTopology.topology (its tests' path).
        // One score cache for the process: every task and stream thread reads and fills it.
        ScoreCache cache = ScoreCache.lru(config.cacheSize());
        this.topics = kafka.topics();
        this.app = new StreamsApp("NLP", streamsProperties(kafka.bootstrapServers(), config),
                builder -> ScoringTopology.buildTopology(builder, kafka.topics(), analyzer, clock, cache, config.dedupeHorizon()));
    }

    /** The Streams configuration of the NLP app, built in this one place for the service and its topology tests. */
    static Properties streamsProperties(String bootstrapServers, NlpConfig config) {
        Properties props = KafkaProps.streams(bootstrapServers, config.applicationId(), config.stateDir(), config.threads());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.standbyReplicas());
        if (config.instanceId() != null) {
            // Static membership: Streams suffixes the id with each thread's number.
            props.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), config.instanceId());
        }
        return props;
    }

    /**
     * Binds the app's Kafka Streams metrics and the counters {@value #SCORED_METER} and {@value #DEAD_LETTERED_METER}
     * to the process's registry; call before {@link #start}.
     */
    public void bindMetrics(ProcessMetrics metrics) {
        app.bindMetrics(metrics, Map.of(SCORED_METER, topics.scored().name(), DEAD_LETTERED_METER, topics.deadLetter().name()));
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
