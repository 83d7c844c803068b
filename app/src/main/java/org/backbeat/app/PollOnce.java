package org.backbeat.app;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.backbeat.ingest.PostSink;
import org.backbeat.ingest.lang.LanguageDetector;
import org.backbeat.ingest.source.Checkpoint;
import org.backbeat.ingest.source.Sleeper;
import org.backbeat.ingest.source.Source;
import org.backbeat.ingest.source.SourceContext;
import org.backbeat.ingest.source.SourceMetrics;
import org.backbeat.ingest.source.SourceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code backbeat ingest --once}: polls every polling source one time, one after the other, with the same
 * checkpoints as the long-running command, then returns what each did — for cron jobs and scripted
 * catch-ups. Streaming sources are skipped (they have no "once"). A failing source is logged and
 * reported; the others still run.
 */
final class PollOnce {

    private static final Logger log = LoggerFactory.getLogger(PollOnce.class);

    private PollOnce() {
    }

    static List<SourceStatus> run(List<Source> sources, PostSink sink, Path checkpointDir, LanguageDetector languages, Clock clock)
            throws InterruptedException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<SourceStatus> statuses = new ArrayList<>();
        for (Source source : sources) {
            if (source.pollInterval().isZero()) {
                log.info("Skipping streaming source {}: --once polls only", source.name());
                continue;
            }
            SourceMetrics metrics = new SourceMetrics(source.name(), registry, clock);
            SourceContext context = new SourceContext(sink, Checkpoint.load(checkpointDir, source.name()), metrics, languages,
                    clock, Sleeper.REAL, () -> false);
            try {
                source.run(context);
            } catch (IOException | RuntimeException e) {
                metrics.error(String.valueOf(e.getMessage()));
                log.warn("Source {} failed: {}", source.name(), e.getMessage());
            }
            statuses.add(metrics.status());
        }
        sink.flush();
        return statuses;
    }
}
