package org.backbeat.alerts.webhook.delivery;

import java.time.Instant;
import java.util.List;
import org.backbeat.core.Alert;

/**
 * A delivery as the API shows it: its state and attempts, and the alert in brief.
 *
 * @param id the delivery's id, {@code alertId.subscriptionId}: what {@code POST /api/alerts/deliveries/{id}/resend} takes
 */
public record DeliveryView(String id, String alertId, String subscriptionId, DeliveryStatus status, String reason,
                           boolean test, Instant createdAt, Instant updatedAt, Instant nextAttemptAt,
                           List<Attempt> attempts, AlertBrief alert) {

    /** What a person needs to recognise the alert. */
    public record AlertBrief(String ruleId, String ruleName, Alert.State state, Alert.Severity severity, String entity,
                             String topic, Instant windowStart, Instant windowEnd, String summary) {
    }

    public static DeliveryView of(DeliveryState s) {
        Alert a = s.alert();
        return new DeliveryView(s.key(), s.alertId(), s.subscriptionId(), s.status(), s.reason(), s.test(), s.createdAt(),
                s.updatedAt(), s.nextAttemptAt(), s.attempts(), new AlertBrief(a.ruleId(), a.ruleName(), a.state(),
                a.severity(), a.entity(), a.topic(), a.windowStart(), a.windowEnd(), a.summary()));
    }
}
