package org.backbeat.core;

import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The one place Kafka client properties are built, so every process talks to the broker the same way. */
public final class KafkaProps {

    /**
     * Environment variable: the consumer groups' {@code session.timeout.ms} (heartbeats every third of it), how
     * long a member that died without leaving ({@code kill -9}, a lost host) keeps its partitions. Unset: Kafka's
     * 45 s. The broker accepts 6 s at the least ({@code group.min.session.timeout.ms}). The process tests that kill
     * a consumer set 6 s, so the takeover they wait for does not take 45 s each time. Read from the environment
     * only, once: it applies to every consumer and Streams application of the process, whatever module built it.
     */
    public static final String SESSION_TIMEOUT_ENV = "BACKBEAT_KAFKA_SESSION_TIMEOUT_MS";

    private static final Integer SESSION_TIMEOUT_MS = sessionTimeout(System.getenv(SESSION_TIMEOUT_ENV));

    private KafkaProps() {
    }

    static Integer sessionTimeout(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int ms = Integer.parseInt(value.strip());
            if (ms > 0) {
                return ms;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(SESSION_TIMEOUT_ENV + " must be a number of milliseconds above 0, not '" + value + "'");
    }

    /** Sets the session timeout and heartbeat interval under this prefix, when {@link #SESSION_TIMEOUT_ENV} is set. */
    static void putSessionTimeout(Properties p, String prefix, Integer sessionTimeoutMs) {
        if (sessionTimeoutMs != null) {
            p.put(prefix + ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, sessionTimeoutMs);
            p.put(prefix + ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Math.max(1, sessionTimeoutMs / 3));
        }
    }

    /** An idempotent producer: retries never duplicate, and stable post ids make replays harmless anyway. */
    public static Properties producer(String bootstrapServers, String clientId) {
        Properties p = common(bootstrapServers, clientId);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return p;
    }

    /** A consumer that sees only committed records (the Streams app writes transactionally) and commits by hand. */
    public static Properties consumer(String bootstrapServers, String groupId) {
        Properties p = common(bootstrapServers, groupId);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        putSessionTimeout(p, "", SESSION_TIMEOUT_MS);
        return p;
    }

    /** A Kafka Streams application with exactly-once processing. */
    public static Properties streams(String bootstrapServers, String applicationId, Path stateDir, int threads) {
        Properties p = common(bootstrapServers, applicationId);
        p.remove(StreamsConfig.CLIENT_ID_CONFIG); // Streams derives one client id per thread from the app id
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200);
        // The topologies handle their own bad records (dead letters); this only opts in to 4.x's handler
        // semantics. The partition assignor builds its own StreamsConfig from the main consumer's settings,
        // so the consumer gets it too, or that copy warns at every start that it is unset.
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        p.put(StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG), true);
        // Scoring one record can take tens of milliseconds: keep batches small enough that a poll loop
        // never approaches max.poll.interval.ms, whatever the backlog.
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 200);
        // One request in flight per partition: with transactions v2 a pipelined second batch reaching a
        // partition before the first is rejected (a retriable OutOfOrderSequence, KAFKA-18202) and the broker
        // logs it as an error. Scoring, not producing, is the bottleneck, so nothing is lost by waiting.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION), 1);
        putSessionTimeout(p, StreamsConfig.MAIN_CONSUMER_PREFIX, SESSION_TIMEOUT_MS);
        return p;
    }

    /** Admin client properties. */
    public static Properties admin(String bootstrapServers, String clientId) {
        return common(bootstrapServers, clientId);
    }

    private static Properties common(String bootstrapServers, String clientId) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("Kafka bootstrap servers are not set: pass --kafka host:port or set BACKBEAT_KAFKA");
        }
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        return p;
    }
}
