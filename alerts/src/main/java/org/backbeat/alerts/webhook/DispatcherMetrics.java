package org.backbeat.alerts.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import org.backbeat.alerts.webhook.delivery.AttemptResult;
import org.backbeat.alerts.webhook.delivery.DeliveryStatus;

/**
 * The dispatcher's counters: {@code backbeat.webhook.deliveries.created}, {@code backbeat.webhook.attempts}
 * (tag {@code verdict}), {@code backbeat.webhook.deliveries.settled} (tag {@code status}),
 * {@code backbeat.webhook.alerts.invalid}, and the timer {@code backbeat.webhook.attempt.duration}.
 */
final class DispatcherMetrics {

    private final MeterRegistry registry;
    private final Counter created;
    private final Counter invalid;

    DispatcherMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.created = registry.counter("backbeat.webhook.deliveries.created");
        this.invalid = registry.counter("backbeat.webhook.alerts.invalid");
    }

    void created() {
        created.increment();
    }

    void invalid() {
        invalid.increment();
    }

    Timer.Sample startAttempt() {
        return Timer.start(registry);
    }

    void attempt(Timer.Sample sample, AttemptResult result) {
        String verdict = result.verdict().name().toLowerCase(Locale.ROOT);
        sample.stop(registry.timer("backbeat.webhook.attempt.duration", "verdict", verdict));
        registry.counter("backbeat.webhook.attempts", "verdict", verdict).increment();
    }

    void settled(DeliveryStatus status) {
        registry.counter("backbeat.webhook.deliveries.settled", "status", status.name().toLowerCase(Locale.ROOT)).increment();
    }
}
