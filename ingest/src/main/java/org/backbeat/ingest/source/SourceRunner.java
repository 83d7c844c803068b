package org.backbeat.ingest.source;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.backbeat.ingest.PostSink;
import org.backbeat.ingest.lang.LanguageDetector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs sources, one thread each: a polling source every {@link Source#pollInterval()}, a streaming
 * source continuously. A failure is logged with the source's name, counted, and retried after an
 * exponential backoff with jitter (capped at {@code maxBackoff}); one failing source never stops another.
 */
public final class SourceRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SourceRunner.class);

    private final PostSink sink;
    private final Path checkpointDir;
    private final MeterRegistry registry;
    private final LanguageDetector languages;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private final Map<String, SourceMetrics> metrics = new ConcurrentHashMap<>();

    /**
     * @param checkpointDir where checkpoints live, or null to keep them in memory only
     */
    public SourceRunner(PostSink sink, Path checkpointDir, MeterRegistry registry, LanguageDetector languages,
                        Clock clock, Sleeper sleeper, Duration minBackoff, Duration maxBackoff) {
        this.sink = sink;
        this.checkpointDir = checkpointDir;
        this.registry = registry;
        this.languages = languages;
        this.clock = clock;
        this.sleeper = sleeper;
        this.minBackoff = minBackoff;
        this.maxBackoff = maxBackoff;
    }

    /** Starts {@code source} on its own thread. */
    public synchronized SourceMetrics start(Source source) {
        SourceMetrics sourceMetrics = new SourceMetrics(source.name(), registry, clock);
        if (metrics.putIfAbsent(source.name(), sourceMetrics) != null) {
            throw new IllegalArgumentException("two sources are named " + source.name() + ": source names must be unique");
        }
        Checkpoint checkpoint = checkpointDir == null ? Checkpoint.inMemory() : Checkpoint.load(checkpointDir, source.name());
        SourceContext context = new SourceContext(sink, checkpoint, sourceMetrics, languages, clock, sleeper, stop::get);
        Thread thread = new Thread(() -> loop(source, context), "source-" + source.name());
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
        return sourceMetrics;
    }

    /** Snapshots of every running source, for the status page. */
    public List<SourceStatus> statuses() {
        return metrics.values().stream().map(SourceMetrics::status)
                .sorted(java.util.Comparator.comparing(SourceStatus::source)).toList();
    }

    private void loop(Source source, SourceContext context) {
        int failures = 0;
        while (!context.stopped()) {
            try {
                source.run(context);
                failures = 0;
                Duration interval = source.pollInterval();
                if (!interval.isZero() && !context.stopped()) {
                    sleeper.sleep(interval);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                failures++;
                Duration wait = backoff(failures);
                context.metrics().error(String.valueOf(e.getMessage()));
                log.warn("Source {} failed ({} in a row): {}; retrying in {} s", source.name(), failures, e.getMessage(),
                        wait.toSeconds());
                log.debug("Source {} failure", source.name(), e);
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** {@code min * 2^(n-1)}, capped at the maximum, with up to 20% jitter so sources do not retry in step. */
    Duration backoff(int failures) {
        long base = minBackoff.toMillis() << Math.min(failures - 1, 20);
        long capped = Math.min(Math.max(base, minBackoff.toMillis()), maxBackoff.toMillis());
        long jitter = (long) (capped * 0.2 * ThreadLocalRandom.current().nextDouble());
        return Duration.ofMillis(capped - jitter);
    }

    /** Asks every source to stop, waits for them, then flushes the sink. */
    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        List<Thread> running;
        synchronized (this) {
            running = List.copyOf(threads);
        }
        running.forEach(Thread::interrupt);
        for (Thread thread : running) {
            thread.join(10_000);
        }
        sink.flush();
    }
}
