package org.backbeat.alerts;

import java.nio.file.Path;
import java.time.Duration;
import org.backbeat.alerts.rules.DurationText;
import org.backbeat.core.Settings;

/**
 * Configuration of the alerts stage.
 *
 * @param applicationId Kafka Streams application id: the consumer group and the prefix of internal topics
 * @param threads       stream threads
 * @param stateDir      Kafka Streams state directory (windows, texts and rule states); must survive restarts
 * @param grace         how late (in event time) a post may arrive and still count in its window; a window is
 *                      final, and may resolve an alert, only once the stream has passed its end by this much
 * @param maxFuture     a post published further than this ahead of the wall clock is refused (dead letter): one
 *                      bad clock must not move event time past every window
 * @param closeCheck    how often (in event time) windows are checked for closing when no post arrives for them
 * @param rulesFile     the rules seeded into an empty rule store at start
 * @param rulesIndex    Elasticsearch index listing the rules (the topic is the pipeline's source of truth)
 * @param historyIndex  Elasticsearch index of the alert history the dashboard lists
 * @param commitInterval how often the exactly-once transaction commits: alerts (and the repartitioned posts
 *                      between the stage's two steps) are visible to readers only then, so it bounds the
 *                      latency it adds (twice: the repartition and the alerts), while each commit flushes the
 *                      stores and costs round trips to the broker
 * @param healthHost    address of the alerts process's {@code /health} and {@code /metrics} ({@code alerts.health-host})
 * @param healthPort    its port ({@code alerts.health-port}, default 7074; 0 picks a free one, negative: none)
 */
public record AlertsConfig(String applicationId, int threads, Path stateDir, Duration grace, Duration maxFuture,
                           Duration closeCheck, Path rulesFile, String rulesIndex, String historyIndex,
                           Duration commitInterval, String healthHost, int healthPort) {

    public static final String APPLICATION_ID = "alerts.application-id";
    public static final String THREADS = "alerts.threads";
    public static final String STATE_DIR = "alerts.state-dir";
    public static final String GRACE = "alerts.grace";
    public static final String MAX_FUTURE = "alerts.max-future";
    public static final String CLOSE_CHECK = "alerts.close-check";
    public static final String RULES_FILE = "alerts.rules-file";
    public static final String RULES_INDEX = "alerts.rules-index";
    public static final String HISTORY_INDEX = "alerts.history-index";
    public static final String COMMIT_INTERVAL = "alerts.commit-interval";
    public static final String HEALTH_HOST = "alerts.health-host";
    public static final String HEALTH_PORT = "alerts.health-port";
    public static final String DEFAULT_HEALTH_HOST = "127.0.0.1";
    public static final int DEFAULT_HEALTH_PORT = 7074;

    public static final String DEFAULT_APPLICATION_ID = "backbeat-alerts";
    public static final Duration DEFAULT_GRACE = Duration.ofMinutes(15);
    public static final Duration DEFAULT_MAX_FUTURE = Duration.ofHours(1);
    public static final Duration DEFAULT_CLOSE_CHECK = Duration.ofMinutes(1);
    public static final String DEFAULT_RULES_FILE = "config/alert-rules.json";
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(500);

    public AlertsConfig {
        require(applicationId != null && !applicationId.isBlank(), APPLICATION_ID, "must not be blank");
        require(threads >= 1, THREADS, "must be at least 1, was " + threads);
        require(stateDir != null, STATE_DIR, "must be set");
        stateDir = stateDir.toAbsolutePath().normalize();
        require(grace != null && !grace.isNegative(), GRACE, "must be a duration of 0 or more, e.g. 15m");
        require(maxFuture != null && !maxFuture.isNegative(), MAX_FUTURE, "must be a duration of 0 or more, e.g. 1h");
        require(closeCheck != null && closeCheck.toMillis() >= 1000, CLOSE_CHECK, "must be at least 1s, e.g. 1m");
        require(rulesFile != null, RULES_FILE, "must be set");
        require(rulesIndex != null && !rulesIndex.isBlank(), RULES_INDEX, "must not be blank");
        require(historyIndex != null && !historyIndex.isBlank(), HISTORY_INDEX, "must not be blank");
        require(commitInterval != null && commitInterval.toMillis() >= 10 && commitInterval.toSeconds() <= 60,
                COMMIT_INTERVAL, "must be between 10ms and 60s, e.g. 500ms");
        require(healthHost != null && !healthHost.isBlank(), HEALTH_HOST, "must not be blank");
        require(healthPort <= 65_535, HEALTH_PORT, "must be a TCP port (0-65535, negative: none), was " + healthPort);
    }

    /** The defaults, with this application id and state directory. */
    public static AlertsConfig defaults(String applicationId, Path stateDir) {
        return new AlertsConfig(applicationId, 1, stateDir, DEFAULT_GRACE, DEFAULT_MAX_FUTURE, DEFAULT_CLOSE_CHECK,
                Path.of(DEFAULT_RULES_FILE), RuleStoreNames.RULES, RuleStoreNames.HISTORY, DEFAULT_COMMIT_INTERVAL,
                DEFAULT_HEALTH_HOST, -1);
    }

    public AlertsConfig withGrace(Duration newGrace) {
        return new AlertsConfig(applicationId, threads, stateDir, newGrace, maxFuture, closeCheck, rulesFile, rulesIndex,
                historyIndex, commitInterval, healthHost, healthPort);
    }

    /**
     * Reads {@code alerts.application-id} (default {@value #DEFAULT_APPLICATION_ID}), {@code alerts.threads} (1),
     * {@code alerts.state-dir} ({@code <work-dir>/alerts-streams}), {@code alerts.grace} (15m),
     * {@code alerts.max-future} (1h), {@code alerts.close-check} (1m), {@code alerts.rules-file}
     * ({@value #DEFAULT_RULES_FILE}), {@code alerts.rules-index} (backbeat-alert-rules), {@code alerts.history-index}
     * (backbeat-alerts), {@code alerts.commit-interval} (500ms), {@code alerts.health-host} (127.0.0.1),
     * {@code alerts.health-port} (7074); environment variables {@code BACKBEAT_ALERTS_...}.
     */
    public static AlertsConfig from(Settings settings) {
        return new AlertsConfig(
                settings.get(APPLICATION_ID, DEFAULT_APPLICATION_ID),
                settings.getInt(THREADS, 1),
                settings.get(STATE_DIR).map(Path::of).orElse(settings.workDir().resolve("alerts-streams")),
                duration(settings, GRACE, DEFAULT_GRACE),
                duration(settings, MAX_FUTURE, DEFAULT_MAX_FUTURE),
                duration(settings, CLOSE_CHECK, DEFAULT_CLOSE_CHECK),
                Path.of(settings.get(RULES_FILE, DEFAULT_RULES_FILE)),
                settings.get(RULES_INDEX, RuleStoreNames.RULES),
                settings.get(HISTORY_INDEX, RuleStoreNames.HISTORY),
                duration(settings, COMMIT_INTERVAL, DEFAULT_COMMIT_INTERVAL),
                settings.get(HEALTH_HOST, DEFAULT_HEALTH_HOST),
                settings.getInt(HEALTH_PORT, DEFAULT_HEALTH_PORT));
    }

    /** The default index names, owned by the stores. */
    private static final class RuleStoreNames {
        static final String RULES = org.backbeat.alerts.store.RuleStore.DEFAULT_INDEX;
        static final String HISTORY = org.backbeat.alerts.store.AlertHistory.DEFAULT_INDEX;
    }

    private static Duration duration(Settings settings, String key, Duration fallback) {
        return settings.get(key).map(v -> {
            try {
                return DurationText.parse(v);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("setting " + key + " (env " + Settings.envName(key) + "): " + e.getMessage());
            }
        }).orElse(fallback);
    }

    private static void require(boolean ok, String key, String what) {
        if (!ok) {
            throw new IllegalArgumentException(key + " (env " + Settings.envName(key) + ") " + what);
        }
    }
}
