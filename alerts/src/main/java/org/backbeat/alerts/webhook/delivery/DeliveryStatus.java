package org.backbeat.alerts.webhook.delivery;

/** Where a delivery of one alert to one subscription stands. */
public enum DeliveryStatus {
    /** Waiting for its next attempt at {@code nextAttemptAt}. */
    PENDING,
    /** A 2xx was received: never sent again. */
    DELIVERED,
    /** Given up (attempts used up, the endpoint is gone, or the target is refused): listed for an admin to resend. */
    PARKED,
    /** The subscription was deleted before the alert could be delivered. */
    CANCELLED,
    /** A "send a test alert" request that did not get a 2xx (tests are never retried). */
    FAILED
}
