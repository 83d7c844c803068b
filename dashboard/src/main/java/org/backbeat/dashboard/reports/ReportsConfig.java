package org.backbeat.dashboard.reports;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.backbeat.alerts.webhook.DispatcherConfig;
import org.backbeat.core.Settings;

/**
 * Where saved reports live and how often the scheduler looks for due ones.
 *
 * @param index    Elasticsearch index of report definitions ({@code reports.index}, default {@value #DEFAULT_INDEX});
 *                 runs are kept in {@code <index>-runs}
 * @param replicas {@code number_of_replicas} when the indices are created ({@code es.replicas}, default 0)
 * @param dir      where run files are written: {@code <work-dir>/reports} ({@code reports.dir} overrides)
 * @param tick     how often the scheduler checks for due runs ({@code reports.tick-seconds}, default 30)
 * @param publicUrl  where people reach the dashboard, for download links in report notices (the alerts' setting
 *                   {@code dashboard.public-url}, env {@code BACKBEAT_DASHBOARD_PUBLIC_URL})
 * @param linkSecret the key of download links ({@value #LINK_SECRET}, env {@code BACKBEAT_REPORTS_LINK_SECRET}, at
 *                   least 32 characters); null: a random key per process ({@link DownloadLinks})
 * @param linkTtl    how long a download link works ({@value #LINK_TTL_HOURS}, default 168 h, a week)
 */
public record ReportsConfig(String index, int replicas, Path dir, Duration tick, String publicUrl, String linkSecret,
                            Duration linkTtl) {

    public static final String INDEX = "reports.index";
    public static final String DIR = "reports.dir";
    public static final String TICK = "reports.tick-seconds";
    public static final String LINK_SECRET = "reports.link-secret";
    public static final String LINK_TTL_HOURS = "reports.link-ttl-hours";
    public static final String DEFAULT_INDEX = "backbeat-reports";
    public static final Duration DEFAULT_LINK_TTL = Duration.ofDays(7);

    public ReportsConfig {
        if (index == null || index.isBlank() || !index.equals(index.toLowerCase(Locale.ROOT)) || index.startsWith("_")) {
            throw new IllegalArgumentException("setting " + INDEX + " must be a lower-case Elasticsearch index name, was '" + index + "'");
        }
        if (dir == null) {
            throw new IllegalArgumentException("the reports folder must be set (" + DIR + " or the work dir)");
        }
        if (tick == null || tick.isNegative() || tick.isZero()) {
            throw new IllegalArgumentException("setting " + TICK + " must be positive, was " + tick);
        }
        if (publicUrl == null || !(publicUrl.startsWith("http://") || publicUrl.startsWith("https://"))) {
            throw new IllegalArgumentException("setting " + DispatcherConfig.DASHBOARD_URL + " must be an http(s) URL, was '" + publicUrl + "'");
        }
        if (linkSecret != null && linkSecret.strip().length() < 32) {
            throw new IllegalArgumentException("setting " + LINK_SECRET + " (env " + Settings.envName(LINK_SECRET)
                    + ") must be at least 32 characters");
        }
        if (linkTtl == null || linkTtl.isNegative() || linkTtl.isZero()) {
            throw new IllegalArgumentException("setting " + LINK_TTL_HOURS + " must be positive, was " + linkTtl);
        }
    }

    /** Defaults for links: the default public URL, a random key per process, a week. */
    public ReportsConfig(String index, int replicas, Path dir, Duration tick) {
        this(index, replicas, dir, tick, DispatcherConfig.DEFAULT_DASHBOARD_URL, null, DEFAULT_LINK_TTL);
    }

    public ReportsConfig withLinks(String url, String secret, Duration ttl) {
        return new ReportsConfig(index, replicas, dir, tick, url, secret, ttl);
    }

    public String runsIndex() {
        return index + "-runs";
    }

    public static ReportsConfig from(Settings settings) {
        Path dir = settings.get(DIR).map(Path::of).orElse(settings.workDir().resolve("reports"));
        return new ReportsConfig(settings.get(INDEX, DEFAULT_INDEX), settings.getInt("es.replicas", 0), dir,
                Duration.ofSeconds(settings.getInt(TICK, 30)),
                settings.get(DispatcherConfig.DASHBOARD_URL, DispatcherConfig.DEFAULT_DASHBOARD_URL),
                settings.get(LINK_SECRET).orElse(null),
                Duration.ofHours(settings.getInt(LINK_TTL_HOURS, (int) DEFAULT_LINK_TTL.toHours())));
    }
}
