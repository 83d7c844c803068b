package org.backbeat.alerts.webhook.subscription;

import java.time.Instant;

/** A subscription as the API shows it: the secret only as {@code secretHint}, its last characters. */
public record SubscriptionView(String id, String name, String url, WebhookFormat format, SubscriptionFilter filter,
                               boolean enabled, String disabledReason, String secretHint, Instant createdAt,
                               Instant updatedAt) {
}
