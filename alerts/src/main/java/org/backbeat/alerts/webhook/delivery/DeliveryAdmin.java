package org.backbeat.alerts.webhook.delivery;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.backbeat.alerts.webhook.subscription.Subscription;
import org.backbeat.alerts.webhook.subscription.SubscriptionStore;
import org.backbeat.core.Alert;

/**
 * What an admin does with deliveries, from the dashboard process (which reads Elasticsearch and may write to
 * Kafka, but never consumes it): read the log, list parked deliveries, resend one, send a test alert.
 */
public final class DeliveryAdmin {

    /** A resend of something that is not parked. */
    public static final class NotParkedException extends RuntimeException {
        public NotParkedException(DeliveryState state) {
            super("only a parked delivery can be resent; " + state.key() + " is " + state.status()
                    + (state.status() == DeliveryStatus.PENDING ? " (its next attempt is at " + state.nextAttemptAt() + ")" : ""));
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DeliveryLog log;
    private final DeliveryStateWriter writer;
    private final SubscriptionStore subscriptions;
    private final WebhookSender sender;
    private final Clock clock;

    /** A resend where no Kafka is configured: the dashboard reads without it, but a resend must write to it. */
    public static final class ResendUnavailableException extends RuntimeException {
        public ResendUnavailableException() {
            super("resending needs Kafka, where the dispatcher picks the delivery up: start the dashboard with --kafka host:port"
                    + " or BACKBEAT_KAFKA");
        }
    }

    /** @param writer where resends go; null when this process has no Kafka (resends are then refused) */
    public DeliveryAdmin(DeliveryLog log, DeliveryStateWriter writer, SubscriptionStore subscriptions, WebhookSender sender,
                         Clock clock) {
        this.log = log;
        this.writer = writer;
        this.subscriptions = subscriptions;
        this.sender = sender;
        this.clock = clock;
    }

    /** The delivery log it reads. */
    public DeliveryLog log() {
        return log;
    }

    public List<DeliveryState> find(String alertId, String subscriptionId, DeliveryStatus status, int limit) {
        return log.find(alertId, subscriptionId, status, true, limit);
    }

    public List<DeliveryState> parked(int limit) {
        return log.parked(limit);
    }

    public Optional<DeliveryState> get(String key) {
        return log.get(key);
    }

    /**
     * Makes a parked delivery pending again with a fresh round of attempts: writes the new state (revision + 1)
     * to the deliveries topic, where the dispatcher picks it up, and to the log.
     *
     * @return empty when there is no such delivery
     * @throws NotParkedException         when it is not parked
     * @throws ResendUnavailableException when this process has no Kafka
     * @throws IllegalStateException      when Kafka does not acknowledge
     */
    public Optional<DeliveryState> resend(String key) {
        Optional<DeliveryState> stored = log.get(key);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        if (stored.get().status() != DeliveryStatus.PARKED || stored.get().test()) {
            throw new NotParkedException(stored.get());
        }
        if (writer == null) {
            throw new ResendUnavailableException();
        }
        DeliveryState again = stored.get().resent(clock.instant());
        writer.write(again);
        log.record(again, true);
        return Optional.of(again);
    }

    /**
     * Sends a made-up alert (marked as a test in the body) to the subscription once, now, signed like any other,
     * and logs the attempt. Tests are never retried.
     *
     * @return empty when there is no such subscription
     */
    public Optional<DeliveryState> sendTest(String subscriptionId) {
        Optional<Subscription> subscription = subscriptions.get(subscriptionId);
        if (subscription.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Alert alert = testAlert(now);
        DeliveryState state = new DeliveryState(DeliveryState.SCHEMA_VERSION, alert.id(), subscriptionId, -1,
                DeliveryStatus.PENDING, 1, 0, List.of(), now, now, now, "test", true, alert);
        AttemptResult result = sender.send(subscription.get(), alert, true);
        Attempt attempt = result.toAttempt(1, now);
        DeliveryState done = result.verdict() == AttemptResult.Verdict.SUCCESS
                ? state.after(attempt, DeliveryStatus.DELIVERED, null, "test delivered: HTTP " + result.statusCode(), clock.instant())
                : state.after(attempt, DeliveryStatus.FAILED, null, "test failed: " + result.error(), clock.instant());
        log.record(done, true);
        return Optional.of(done);
    }

    /**
     * Sends one signed message that is not an alert (a report notice) to an enabled subscription, once, now: the
     * subscription's secret signs it as it signs alerts, with {@code messageId} as its {@code webhook-id}.
     *
     * @param body the message in the subscription's format
     * @return empty when there is no such subscription; a BLOCKED result when it is disabled
     */
    public Optional<AttemptResult> sendMessage(String subscriptionId, String messageId,
                                               java.util.function.Function<org.backbeat.alerts.webhook.subscription.WebhookFormat, byte[]> body) {
        Optional<Subscription> subscription = subscriptions.get(subscriptionId);
        if (subscription.isEmpty()) {
            return Optional.empty();
        }
        if (!subscription.get().enabled()) {
            return Optional.of(AttemptResult.blocked("the subscription is disabled: " + subscription.get().disabledReason()));
        }
        return Optional.of(sender.post(subscription.get(), messageId, () -> body.apply(subscription.get().format())));
    }

    /** A plausible alert whose every field is set, so a receiver sees the whole schema. */
    static Alert testAlert(Instant now) {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        Instant windowEnd = now.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        Instant windowStart = windowEnd.minus(Duration.ofHours(1));
        return new Alert(Alert.SCHEMA_VERSION, "alert_test_" + HexFormat.of().formatHex(bytes), "test-rule",
                "Test alert from Backbeat", Alert.Kind.VOLUME_SPIKE, Alert.State.FIRING, Alert.Severity.INFO, "amazon",
                null, windowStart, windowEnd, windowEnd.minusSeconds(60), 412, 35, 12, 71, 31.4, null, 412, 380,
                List.of(new Alert.Driver("test-cluster", "Amazon launches Cloud Drive & Cloud Player <test>", 25, -0.2)),
                List.of(new Alert.Sample("test-post", windowEnd.minusSeconds(120), "backbeat", "This is a test post.",
                        "https://example.org/test-post", 0.0)),
                "Test: volume for Amazon 412 posts in 1 h vs 35 ± 12 (k = 3)");
    }
}
