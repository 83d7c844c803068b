package org.backbeat.ingest.source;

import java.time.Clock;
import java.util.function.BooleanSupplier;
import org.backbeat.ingest.PostSink;
import org.backbeat.ingest.lang.LanguageDetector;

/**
 * What a running source is given: where posts go, its checkpoint, its metrics, the language detector,
 * a clock and a {@link Sleeper} (so tests can make rate-limit waits instant), and a stop flag.
 */
public record SourceContext(PostSink sink, Checkpoint checkpoint, SourceMetrics metrics, LanguageDetector languages,
                            Clock clock, Sleeper sleeper, BooleanSupplier stopRequested) {

    /** True once the runner was asked to stop: a streaming source returns soon after. */
    public boolean stopped() {
        return stopRequested.getAsBoolean() || Thread.currentThread().isInterrupted();
    }
}
