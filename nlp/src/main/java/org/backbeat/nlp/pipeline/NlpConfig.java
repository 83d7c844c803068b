package org.backbeat.nlp.pipeline;

import java.nio.file.Path;
import org.backbeat.core.Settings;

/**
 * Configuration of the NLP stage.
 *
 * @param applicationId Kafka Streams application id: the consumer group and the prefix of internal topics
 * @param threads       stream threads; they share one scorer, so up to one per core pays off
 * @param stateDir      Kafka Streams state directory (this topology keeps no stores, but Streams still
 *                      with the seen-posts store); must survive restarts, never a temp dir
 * @param cacheSize     texts whose scores each task keeps, so a repeated text is not scored again
 * @param instanceId    Kafka Streams static membership ({@code group.instance.id}, Streams adds the thread
 *                      index): an instance restarted under the same id within the session timeout gets its
 *                      partitions back without a rebalance of the others; null (the default): dynamic membership.
 *                      Unique per running instance, stable across its restarts (docker-compose: the host name).
 */
public record NlpConfig(String applicationId, int threads, Path stateDir, int cacheSize, String instanceId) {

    public static final String APPLICATION_ID = "nlp.application-id";
    public static final String THREADS = "nlp.threads";
    public static final String STATE_DIR = "nlp.state-dir";
    public static final String CACHE_SIZE = "nlp.cache-size";
    public static final String INSTANCE_ID = "nlp.instance-id";

    public static final String DEFAULT_APPLICATION_ID = "backbeat-nlp";

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
        if (instanceId != null && instanceId.isBlank()) {
            instanceId = null;
        }
    }

    /** A configuration with dynamic membership (no instance id). */
    public NlpConfig(String applicationId, int threads, Path stateDir, int cacheSize) {
        this(applicationId, threads, stateDir, cacheSize, null);
    }

    /** A configuration with the default cache size and dynamic membership. */
    public NlpConfig(String applicationId, int threads, Path stateDir) {
        this(applicationId, threads, stateDir, ScoringTopology.DEFAULT_CACHE_SIZE, null);
    }

    /**
     * Reads {@code nlp.application-id} (default {@value #DEFAULT_APPLICATION_ID}), {@code nlp.threads}
     * (default: available processors), {@code nlp.state-dir} (default {@code <work-dir>/nlp-streams}) and
     * {@code nlp.cache-size} (default {@value ScoringTopology#DEFAULT_CACHE_SIZE} texts per task) and
     * {@code nlp.instance-id} (default unset: dynamic membership).
     */
    public static NlpConfig from(Settings settings) {
        return new NlpConfig(
                settings.get(APPLICATION_ID, DEFAULT_APPLICATION_ID),
                settings.getInt(THREADS, Runtime.getRuntime().availableProcessors()),
                settings.get(STATE_DIR).map(Path::of).orElse(settings.workDir().resolve("nlp-streams")),
                settings.getInt(CACHE_SIZE, ScoringTopology.DEFAULT_CACHE_SIZE),
                settings.get(INSTANCE_ID).orElse(null));
    }
}
