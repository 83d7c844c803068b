package org.backbeat.ingest.source;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counters of one source, registered in Micrometer as {@code backbeat.ingest.<what>} tagged
 * {@code source=<name>}: fetched (items read), produced (posts sent), skipped (read but not kept, e.g. not
 * about a tracked entity), errors (failed fetches and bad payloads), plus the time of the last successful
 * fetch and the lag (now minus the newest post's publication time).
 */
public final class SourceMetrics {

    private final String source;
    private final Clock clock;
    private final Counter fetched;
    private final Counter produced;
    private final Counter skipped;
    private final Counter errors;
    private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();
    private final AtomicReference<Instant> newestPost = new AtomicReference<>();
    private final AtomicReference<String> lastError = new AtomicReference<>();

    public SourceMetrics(String source, MeterRegistry registry, Clock clock) {
        this.source = source;
        this.clock = clock;
        this.fetched = counter(registry, "fetched", "items read from the source");
        this.produced = counter(registry, "produced", "posts sent to posts.raw");
        this.skipped = counter(registry, "skipped", "items read but not kept");
        this.errors = counter(registry, "errors", "failed fetches and bad payloads");
        Gauge.builder("backbeat.ingest.last.success", this, m -> epochSeconds(m.lastSuccess.get()))
                .tag("source", source).description("epoch seconds of the last successful fetch").register(registry);
        Gauge.builder("backbeat.ingest.lag", this, m -> m.lag().map(Duration::toSeconds).orElse(-1L))
                .tag("source", source).baseUnit("seconds").description("now minus the newest post's time").register(registry);
    }

    private Counter counter(MeterRegistry registry, String name, String description) {
        return Counter.builder("backbeat.ingest." + name).tag("source", source).description(description).register(registry);
    }

    private static double epochSeconds(Instant instant) {
        return instant == null ? Double.NaN : instant.getEpochSecond();
    }

    public String source() {
        return source;
    }

    public void fetched(int count) {
        fetched.increment(count);
    }

    /** A post was sent; {@code publishedAt} feeds the lag. */
    public void produced(Instant publishedAt) {
        produced.increment();
        newestPost.accumulateAndGet(publishedAt, (a, b) -> a == null || b.isAfter(a) ? b : a);
    }

    public void skipped() {
        skipped.increment();
    }

    /** A failed fetch or a bad payload, with a reason that says what was wrong (never a secret). */
    public void error(String reason) {
        errors.increment();
        lastError.set(reason);
    }

    public void success() {
        lastSuccess.set(clock.instant());
    }

    public java.util.Optional<Duration> lag() {
        Instant newest = newestPost.get();
        return newest == null ? java.util.Optional.empty() : java.util.Optional.of(Duration.between(newest, clock.instant()));
    }

    /** A snapshot for the health and status pages. */
    public SourceStatus status() {
        return new SourceStatus(source, (long) fetched.count(), (long) produced.count(), (long) skipped.count(),
                (long) errors.count(), lastSuccess.get(), lag().map(Duration::toSeconds).orElse(null), lastError.get());
    }
}
