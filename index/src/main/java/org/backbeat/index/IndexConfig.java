package org.backbeat.index;

import java.util.Map;
import org.backbeat.core.Settings;
import org.backbeat.index.schema.PostIndexConfig;

/**
 * Everything the index process needs besides where Kafka and Elasticsearch are (the launcher owns those).
 *
 * @param posts the posts indices, shared with the readers ({@code es.index}, {@code es.replicas})
 * @param group      Kafka consumer group of the indexer ({@code indexer.group}, default backbeat-indexer)
 * @param healthHost address of the process's {@code /health} ({@code indexer.health-host}, default 127.0.0.1)
 * @param healthPort its port ({@code indexer.health-port}, default 7072; 0 picks a free one)
 * @param retentionMonths posts kept: the current month and this many months before it; older monthly indices are
 *                   dropped once a day by the index process ({@code es.retention-months}, default 0: keep everything)
 */
public record IndexConfig(PostIndexConfig posts, String group, String healthHost, int healthPort, int retentionMonths) {

    public static final String GROUP = "indexer.group";
    public static final String HEALTH_HOST = "indexer.health-host";
    public static final String HEALTH_PORT = "indexer.health-port";
    public static final String DEFAULT_GROUP = "backbeat-indexer";
    public static final String DEFAULT_HEALTH_HOST = "127.0.0.1";
    public static final int DEFAULT_HEALTH_PORT = 7072;
    public static final String RETENTION_MONTHS = "es.retention-months";

    public IndexConfig {
        if (posts == null) {
            throw new IllegalArgumentException("the posts indices must be given");
        }
        if (group == null || group.isBlank()) {
            throw new IllegalArgumentException("setting " + GROUP + " (env " + Settings.envName(GROUP) + ") must not be blank");
        }
        if (healthHost == null || healthHost.isBlank()) {
            throw new IllegalArgumentException("setting " + HEALTH_HOST + " (env " + Settings.envName(HEALTH_HOST) + ") must not be blank");
        }
        if (healthPort < 0 || healthPort > 65_535) {
            throw new IllegalArgumentException("setting " + HEALTH_PORT + " must be a TCP port (0-65535), was " + healthPort);
        }
        if (retentionMonths < 0) {
            throw new IllegalArgumentException("setting " + RETENTION_MONTHS + " (env " + Settings.envName(RETENTION_MONTHS)
                    + ") must be 0 (keep everything) or a number of months, was " + retentionMonths);
        }
    }

    public static IndexConfig defaults() {
        return from(Settings.of(Map.of()));
    }

    public static IndexConfig from(Settings settings) {
        return new IndexConfig(PostIndexConfig.from(settings), settings.get(GROUP, DEFAULT_GROUP),
                settings.get(HEALTH_HOST, DEFAULT_HEALTH_HOST), settings.getInt(HEALTH_PORT, DEFAULT_HEALTH_PORT),
                settings.getInt(RETENTION_MONTHS, 0));
    }
}
