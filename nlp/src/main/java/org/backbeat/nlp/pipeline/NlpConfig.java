package org.backbeat.nlp.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import org.backbeat.core.Settings;

/**
 * Configuration of the NLP stage.
 *
 * @param applicationId   Kafka Streams application id: the consumer group and the prefix of internal topics; every
 *                        scoring instance of one deployment shares it
 * @param threads         stream threads; they share one scorer, so up to one per core pays off
 * @param stateDir        Kafka Streams state directory (the seen-posts store); must survive restarts, never a
 *                        temp dir, and one per instance
 * @param cacheSize       texts whose scores the process keeps (all its tasks share them), so a repeated text
 *                        is not scored again
 * @param dedupeHorizon   how long the {@code seen-posts} store remembers a post (by the time it was written
 *                        to posts.raw): an identical re-send within it is dropped, an older one is scored again
 * @param instanceId      static group membership ({@code group.instance.id}, Streams adds the thread's number): an
 *                        instance restarted within the session timeout gets its partitions back without a rebalance
 *                        of the others; null: dynamic membership. {@code instance-id} (env {@code BACKBEAT_INSTANCE_ID});
 *                        the value {@value #HOSTNAME} means this machine's host name (a container's, in docker-compose)
 * @param standbyReplicas warm copies of each task's state on other instances ({@code num.standby.replicas}), so a
 *                        task moved after a crash need not rebuild its store from the changelog
 * @param healthHost      address of the process's {@code /health} and {@code /metrics} ({@code nlp.health-host})
 * @param healthPort      its port ({@code nlp.health-port}; default 0: a free one, printed at start, so that several
 *                        instances can run on one host; docker-compose sets {@value #COMPOSE_HEALTH_PORT}; negative: none)
 */
public record NlpConfig(String applicationId, int threads, Path stateDir, int cacheSize, Duration dedupeHorizon,
                        String instanceId, int standbyReplicas, String healthHost, int healthPort) {

    public static final String APPLICATION_ID = "nlp.application-id";
    public static final String THREADS = "nlp.threads";
    public static final String STATE_DIR = "nlp.state-dir";
    public static final String CACHE_SIZE = "nlp.cache-size";
    public static final String DEDUPE_DAYS = "nlp.dedupe-days";
    public static final String INSTANCE_ID = "instance-id";
    public static final String STANDBY_REPLICAS = "nlp.standby-replicas";
    public static final String HEALTH_HOST = "nlp.health-host";
    public static final String HEALTH_PORT = "nlp.health-port";

    public static final String DEFAULT_APPLICATION_ID = "backbeat-nlp";
    public static final String DEFAULT_HEALTH_HOST = "127.0.0.1";
    public static final int DEFAULT_HEALTH_PORT = 0;
    /** The port docker-compose.yml gives each scoring container. */
    public static final int COMPOSE_HEALTH_PORT = 7073;
    /** The value of {@code instance-id} that stands for the host name. */
    public static final String HOSTNAME = "hostname";

    public NlpConfig {
        if (applicationId == null || applicationId.isBlank()) {
            throw new IllegalArgumentException("nlp.application-id (env BACKBEAT_NLP_APPLICATION_ID) must not be blank");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("nlp.threads (env BACKBEAT_NLP_THREADS) must be at least 1, was " + threads);
        }
        if (stateDir == null) {
            throw new IllegalArgumentException("nlp.state-dir (env BACKBEAT_NLP_STATE_DIR) must be set");
        }
        stateDir = stateDir.toAbsolutePath().normalize();
        if (cacheSize < 1) {
            throw new IllegalArgumentException("nlp.cache-size (env BACKBEAT_NLP_CACHE_SIZE) must be at least 1, was " + cacheSize);
        }
        if (dedupeHorizon == null || dedupeHorizon.isNegative() || dedupeHorizon.isZero()) {
            throw new IllegalArgumentException("nlp.dedupe-days (env BACKBEAT_NLP_DEDUPE_DAYS) must be at least 1, was "
                    + (dedupeHorizon == null ? null : dedupeHorizon.toDays()));
        }
        if (instanceId != null && (instanceId.isBlank() || !instanceId.matches("[A-Za-z0-9._-]+"))) {
            throw new IllegalArgumentException("instance-id (env BACKBEAT_INSTANCE_ID) must be letters, digits, '.', '_' or '-', was '"
                    + instanceId + "'");
        }
        if (standbyReplicas < 0) {
            throw new IllegalArgumentException("nlp.standby-replicas (env BACKBEAT_NLP_STANDBY_REPLICAS) must not be negative, was "
                    + standbyReplicas);
        }
        if (healthHost == null || healthHost.isBlank()) {
            throw new IllegalArgumentException("nlp.health-host (env BACKBEAT_NLP_HEALTH_HOST) must not be blank");
        }
        if (healthPort > 65_535) {
            throw new IllegalArgumentException("nlp.health-port must be a TCP port (0-65535, negative: none), was " + healthPort);
        }
    }

    /** A configuration with the default cache size and dedupe horizon. */
    public NlpConfig(String applicationId, int threads, Path stateDir) {
        this(applicationId, threads, stateDir, ScoringTopology.DEFAULT_CACHE_SIZE);
    }

    /** The default dedupe horizon, dynamic membership, no standby replicas, no health endpoint. */
    public NlpConfig(String applicationId, int threads, Path stateDir, int cacheSize) {
        this(applicationId, threads, stateDir, cacheSize, ScoringTopology.DEFAULT_DEDUPE_HORIZON, null, 0, DEFAULT_HEALTH_HOST, -1);
    }

    /**
     * Reads {@code nlp.application-id} (default {@value #DEFAULT_APPLICATION_ID}), {@code nlp.threads}
     * (default: available processors), {@code nlp.state-dir} (default {@code <work-dir>/nlp-streams}),
     * {@code nlp.cache-size} (default {@value ScoringTopology#DEFAULT_CACHE_SIZE} texts per process),
     * {@code nlp.dedupe-days} (default 7: how long a post id is remembered to drop identical re-sends), {@code instance-id}
     * (default unset), {@code nlp.standby-replicas} (0), {@code nlp.health-host} (127.0.0.1) and {@code nlp.health-port}
     * ({@value #DEFAULT_HEALTH_PORT}: any free port).
     */
    public static NlpConfig from(Settings settings) {
        return new NlpConfig(
                settings.get(APPLICATION_ID, DEFAULT_APPLICATION_ID),
                settings.getInt(THREADS, Runtime.getRuntime().availableProcessors()),
                settings.get(STATE_DIR).map(Path::of).orElse(settings.workDir().resolve("nlp-streams")),
                settings.getInt(CACHE_SIZE, ScoringTopology.DEFAULT_CACHE_SIZE),
                Duration.ofDays(settings.getInt(DEDUPE_DAYS, (int) ScoringTopology.DEFAULT_DEDUPE_HORIZON.toDays())),
                settings.get(INSTANCE_ID).map(NlpConfig::resolveInstanceId).orElse(null),
                settings.getInt(STANDBY_REPLICAS, 0),
                settings.get(HEALTH_HOST, DEFAULT_HEALTH_HOST),
                settings.getInt(HEALTH_PORT, DEFAULT_HEALTH_PORT));
    }

    /** {@value #HOSTNAME} becomes the host name (env {@code HOSTNAME}, else the resolver's); anything else is kept. */
    static String resolveInstanceId(String value) {
        if (!HOSTNAME.equalsIgnoreCase(value)) {
            return value;
        }
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("instance-id=" + HOSTNAME + " but the host name cannot be found: " + e.getMessage(), e);
        }
    }
}
