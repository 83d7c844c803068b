package org.backbeat.dashboard;

import org.backbeat.core.Settings;

/**
 * Everything the dashboard process needs besides where Kafka and Elasticsearch are (the launcher owns those).
 *
 * @param port         HTTP port of the web UI and JSON API ({@code dashboard.port}, default 7070; 0 picks a free one)
 * @param host         address the HTTP server binds to ({@code dashboard.host}, default 127.0.0.1)
 * @param index        Elasticsearch read alias of the posts ({@code es.index}, default backbeat-posts); posts are
 *                     written to monthly indices {@code <index>-yyyy.MM} made from the template {@code <index>-template}
 * @param replicas     {@code number_of_replicas} of a newly created index ({@code es.replicas}, default 0: one node)
 * @param indexerGroup Kafka consumer group of the indexer ({@code indexer.group}, default backbeat-indexer)
 * @param dataNotice   banner text the page shows, e.g. when the data is simulated ({@code dashboard.data-notice}),
 *                     or null for none
 */
public record DashboardConfig(int port, String host, String index, int replicas, String indexerGroup, String dataNotice) {

    public static final String PORT = "dashboard.port";
    public static final String HOST = "dashboard.host";
    public static final String INDEX = "es.index";
    public static final String REPLICAS = "es.replicas";
    public static final String INDEXER_GROUP = "indexer.group";
    public static final String DATA_NOTICE = "dashboard.data-notice";

    public static final int DEFAULT_PORT = 7070;
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final String DEFAULT_INDEX = "backbeat-posts";
    public static final String DEFAULT_INDEXER_GROUP = "backbeat-indexer";

    public DashboardConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("setting " + PORT + " must be a TCP port (0-65535), was " + port);
        }
        requireText(host, HOST);
        requireText(index, INDEX);
        if (!index.equals(index.toLowerCase(java.util.Locale.ROOT)) || index.startsWith("_") || index.contains(" ")) {
            throw new IllegalArgumentException("setting " + INDEX + " must be a lower-case Elasticsearch index name, was '" + index + "'");
        }
        if (replicas < 0) {
            throw new IllegalArgumentException("setting " + REPLICAS + " must not be negative, was " + replicas);
        }
        requireText(indexerGroup, INDEXER_GROUP);
        dataNotice = dataNotice == null || dataNotice.isBlank() ? null : dataNotice.strip();
    }

    public static DashboardConfig defaults() {
        return from(Settings.of(java.util.Map.of()));
    }

    public static DashboardConfig from(Settings settings) {
        return new DashboardConfig(
                settings.getInt(PORT, DEFAULT_PORT),
                settings.get(HOST, DEFAULT_HOST),
                settings.get(INDEX, DEFAULT_INDEX),
                settings.getInt(REPLICAS, 0),
                settings.get(INDEXER_GROUP, DEFAULT_INDEXER_GROUP),
                settings.get(DATA_NOTICE, null));
    }

    public DashboardConfig withPort(int newPort) {
        return new DashboardConfig(newPort, host, index, replicas, indexerGroup, dataNotice);
    }

    public DashboardConfig withIndex(String newIndex) {
        return new DashboardConfig(port, host, newIndex, replicas, indexerGroup, dataNotice);
    }

    /** The launcher sets this when it feeds simulated or replayed data, so nobody mistakes it for live opinion. */
    public DashboardConfig withDataNotice(String notice) {
        return new DashboardConfig(port, host, index, replicas, indexerGroup, notice);
    }

    private static void requireText(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("setting " + key + " (env " + Settings.envName(key) + ") must not be blank");
        }
    }
}
