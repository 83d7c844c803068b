package org.backbeat.alerts.webhook.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.backbeat.core.Alert;

/**
 * The state of delivering one alert to one subscription: the value of the compacted {@code alerts.deliveries}
 * topic (key {@link #key()}, {@code alertId.subscriptionId}) and the document of the delivery log. Carries the alert itself, so a retry, a
 * restart or an admin's resend needs nothing else.
 *
 * <p>{@code revision} grows by one with every change; whoever writes a state (the dispatcher after an attempt, the
 * dashboard for a resend) writes the stored revision + 1, and a reader keeps the highest revision it saw, so an
 * older state arriving late never replaces a newer one (the log uses it as Elasticsearch's external version too).
 *
 * @param schemaVersion   {@link #SCHEMA_VERSION}
 * @param alertId         the alert, also the {@code webhook-id} of every request of this delivery
 * @param subscriptionId  the subscription
 * @param alertPartition  the partition of {@code alerts} the alert came from (-1 for tests)
 * @param status          where it stands
 * @param revision        1 for the first state, +1 for each change
 * @param attemptsInRound attempts since it was created or last resent: what the retry schedule counts
 * @param attempts        every attempt, oldest first (at most {@link #MAX_ATTEMPTS_KEPT}, the newest kept)
 * @param createdAt       when the delivery was created
 * @param updatedAt       when this state was written
 * @param nextAttemptAt   when a PENDING delivery is due, else null
 * @param reason          why it is in this state, for people (e.g. "attempts used up", "resent by an admin")
 * @param test            whether this was a "send a test alert" request
 * @param alert           the alert
 */
public record DeliveryState(int schemaVersion, String alertId, String subscriptionId, int alertPartition,
                            DeliveryStatus status, long revision, int attemptsInRound, List<Attempt> attempts,
                            Instant createdAt, Instant updatedAt, Instant nextAttemptAt, String reason, boolean test,
                            Alert alert) {

    public static final int SCHEMA_VERSION = 1;
    public static final int MAX_ATTEMPTS_KEPT = 50;

    public DeliveryState {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(alert, "alert");
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
        if (status == DeliveryStatus.PENDING) {
            Objects.requireNonNull(nextAttemptAt, "nextAttemptAt of a pending delivery");
        }
    }

    /**
     * The key of a delivery on the deliveries topic, its id in the log and in the API: {@code alertId.subscriptionId}
     * (both ids are letters, digits and underscores, so the key is safe in a URL path).
     */
    public static String keyOf(String alertId, String subscriptionId) {
        return alertId + "." + subscriptionId;
    }

    public String key() {
        return keyOf(alertId, subscriptionId);
    }

    /** A new delivery, due now. */
    public static DeliveryState pending(Alert alert, String subscriptionId, int alertPartition, Instant now) {
        return new DeliveryState(SCHEMA_VERSION, alert.id(), subscriptionId, alertPartition, DeliveryStatus.PENDING, 1, 0,
                List.of(), now, now, now, "new alert", false, alert);
    }

    /** The next state after an attempt. */
    public DeliveryState after(Attempt attempt, DeliveryStatus newStatus, Instant next, String why, Instant now) {
        List<Attempt> all = new ArrayList<>(attempts);
        all.add(attempt);
        if (all.size() > MAX_ATTEMPTS_KEPT) {
            all = all.subList(all.size() - MAX_ATTEMPTS_KEPT, all.size());
        }
        return new DeliveryState(schemaVersion, alertId, subscriptionId, alertPartition, newStatus, revision + 1,
                attemptsInRound + 1, all, createdAt, now, newStatus == DeliveryStatus.PENDING ? next : null, why, test, alert);
    }

    /** The same delivery in another status without an attempt (subscription deleted or disabled meanwhile). */
    public DeliveryState withStatus(DeliveryStatus newStatus, String why, Instant now) {
        return new DeliveryState(schemaVersion, alertId, subscriptionId, alertPartition, newStatus, revision + 1,
                attemptsInRound, attempts, createdAt, now, newStatus == DeliveryStatus.PENDING ? now : null, why, test, alert);
    }

    /** An admin's resend of a parked delivery: pending again, due now, with a fresh round of attempts. */
    public DeliveryState resent(Instant now) {
        if (status != DeliveryStatus.PARKED) {
            throw new IllegalStateException("only a parked delivery can be resent; " + key() + " is " + status);
        }
        return new DeliveryState(schemaVersion, alertId, subscriptionId, alertPartition, DeliveryStatus.PENDING,
                revision + 1, 0, attempts, createdAt, now, now, "resent by an admin", test, alert);
    }

    /** The number the next attempt will carry. */
    public int nextAttemptNumber() {
        return attempts.isEmpty() ? 1 : attempts.get(attempts.size() - 1).number() + 1;
    }
}
