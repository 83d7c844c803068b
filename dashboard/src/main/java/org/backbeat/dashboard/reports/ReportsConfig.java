package org.backbeat.dashboard.reports;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.backbeat.core.Settings;

/**
 * Where saved reports live and how often the scheduler looks for due ones.
 *
 * @param index    Elasticsearch index of report definitions ({@code reports.index}, default {@value #DEFAULT_INDEX});
 *                 runs are kept in {@code <index>-runs}
 * @param replicas {@code number_of_replicas} when the indices are created ({@code es.replicas}, default 0)
 * @param dir      where run files are written: {@code <work-dir>/reports} ({@code reports.dir} overrides)
 * @param tick     how often the scheduler checks for due runs ({@code reports.tick-seconds}, default 30)
 */
public record ReportsConfig(String index, int replicas, Path dir, Duration tick) {

    public static final String INDEX = "reports.index";
    public static final String DIR = "reports.dir";
    public static final String TICK = "reports.tick-seconds";
    public static final String DEFAULT_INDEX = "backbeat-reports";

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
    }

    public String runsIndex() {
        return index + "-runs";
    }

    public static ReportsConfig from(Settings settings) {
        Path dir = settings.get(DIR).map(Path::of).orElse(settings.workDir().resolve("reports"));
        return new ReportsConfig(settings.get(INDEX, DEFAULT_INDEX), settings.getInt("es.replicas", 0), dir,
                Duration.ofSeconds(settings.getInt(TICK, 30)));
    }
}
