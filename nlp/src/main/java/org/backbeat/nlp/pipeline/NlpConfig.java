package org.backbeat.nlp.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import org.backbeat.core.Settings;

/**
 * Configuration of the NLP stage.
 *
 * @param applicationId Kafka Streams application id: the consumer group and the prefix of internal topics
 * @param threads       stream threads; they share one scorer, so up to one per core pays off
 * @param stateDir      Kafka Streams state directory, with the seen-posts store; must survive restarts,
 *                      never a temp dir
 * @param cacheSize     texts whose scores the process keeps (all its tasks share them), so a repeated text
 *                      is not scored again
 * @param dedupeHorizon how long the {@code seen-posts} store remembers a post (by the time it was written
 *                      to posts.raw): an identical re-send within it is dropped, an older one is scored again
 */
public record NlpConfig(String applicationId, int threads, Path stateDir, int cacheSize, Duration dedupeHorizon) {

    public static final String APPLICATION_ID = "nlp.application-id";
    public static final String THREADS = "nlp.threads";
    public static final String STATE_DIR = "nlp.state-dir";
    public static final String CACHE_SIZE = "nlp.cache-size";
    public static final String DEDUPE_DAYS = "nlp.dedupe-days";

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
        if (dedupeHorizon == null || dedupeHorizon.isNegative() || dedupeHorizon.isZero()) {
            throw new IllegalArgumentException("nlp.dedupe-days (env BACKBEAT_NLP_DEDUPE_DAYS) must be at least 1, was "
                    + (dedupeHorizon == null ? null : dedupeHorizon.toDays()));
        }
    }

    /** A configuration with the default cache size and dedupe horizon. */
    public NlpConfig(String applicationId, int threads, Path stateDir) {
        this(applicationId, threads, stateDir, ScoringTopology.DEFAULT_CACHE_SIZE, ScoringTopology.DEFAULT_DEDUPE_HORIZON);
    }

    /**
     * Reads {@code nlp.application-id} (default {@value #DEFAULT_APPLICATION_ID}), {@code nlp.threads}
     * (default: available processors), {@code nlp.state-dir} (default {@code <work-dir>/nlp-streams}) and
     * {@code nlp.cache-size} (default {@value ScoringTopology#DEFAULT_CACHE_SIZE} texts per process) and
     * {@code nlp.dedupe-days} (default 7: how long a post id is remembered to drop identical re-sends).
     */
    public static NlpConfig from(Settings settings) {
        return new NlpConfig(
                settings.get(APPLICATION_ID, DEFAULT_APPLICATION_ID),
                settings.getInt(THREADS, Runtime.getRuntime().availableProcessors()),
                settings.get(STATE_DIR).map(Path::of).orElse(settings.workDir().resolve("nlp-streams")),
                settings.getInt(CACHE_SIZE, ScoringTopology.DEFAULT_CACHE_SIZE),
                Duration.ofDays(settings.getInt(DEDUPE_DAYS, (int) ScoringTopology.DEFAULT_DEDUPE_HORIZON.toDays())));
    }
}
