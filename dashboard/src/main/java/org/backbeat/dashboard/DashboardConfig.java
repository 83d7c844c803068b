package org.backbeat.dashboard;

import org.backbeat.core.Settings;
import org.backbeat.index.schema.PostIndexConfig;

/**
 * Everything the dashboard process needs besides where Elasticsearch is (the launcher owns that).
 *
 * @param port       HTTP port of the web UI and JSON API ({@code dashboard.port}, default 7070; 0 picks a free one)
 * @param host       address the HTTP server binds to ({@code dashboard.host}, default 127.0.0.1)
 * @param posts      the posts indices it reads, the same settings the index process writes with
 *                   ({@code es.index}, {@code es.replicas})
 * @param dataNotice banner text the page shows, e.g. when the data is simulated ({@code dashboard.data-notice}),
 *                   or null for none
 */
public record DashboardConfig(int port, String host, PostIndexConfig posts, String dataNotice) {

    public static final String PORT = "dashboard.port";
    public static final String HOST = "dashboard.host";
    public static final String DATA_NOTICE = "dashboard.data-notice";

    public static final int DEFAULT_PORT = 7070;
    public static final String DEFAULT_HOST = "127.0.0.1";

    public DashboardConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("setting " + PORT + " must be a TCP port (0-65535), was " + port);
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("setting " + HOST + " (env " + Settings.envName(HOST) + ") must not be blank");
        }
        if (posts == null) {
            throw new IllegalArgumentException("the posts indices must be given");
        }
        dataNotice = dataNotice == null || dataNotice.isBlank() ? null : dataNotice.strip();
    }

    public static DashboardConfig defaults() {
        return from(Settings.of(java.util.Map.of()));
    }

    public static DashboardConfig from(Settings settings) {
        return new DashboardConfig(
                settings.getInt(PORT, DEFAULT_PORT),
                settings.get(HOST, DEFAULT_HOST),
                PostIndexConfig.from(settings),
                settings.get(DATA_NOTICE, null));
    }

    public DashboardConfig withIndex(String newIndex) {
        return new DashboardConfig(port, host, posts.withIndex(newIndex), dataNotice);
    }

    /** The launcher sets this when it feeds simulated or replayed data, so nobody mistakes it for live opinion. */
    public DashboardConfig withDataNotice(String notice) {
        return new DashboardConfig(port, host, posts, notice);
    }
}
