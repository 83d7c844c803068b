package org.backbeat.alerts.webhook.subscription;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A webhook subscription as stored: where alerts go, in which format, which alerts, and the signing secret.
 * The secret is never shown after creation ({@link #view()} carries only its hint) and never in {@link #toString()}.
 *
 * @param schemaVersion  {@link #SCHEMA_VERSION} when written by this code
 * @param id             {@code sub_} + random hex
 * @param name           a label for people, may be null
 * @param url            the receiver's http(s) URL (for Slack and Discord it is itself a credential: shown to admins only)
 * @param format         the body's shape
 * @param filter         which alerts it receives
 * @param enabled        whether alerts are delivered to it
 * @param disabledReason why it was disabled (by an admin, or by a {@code 410 Gone} answer), null when enabled
 * @param secret         {@code whsec_…}, the HMAC key of the signatures
 * @param createdAt      when it was created
 * @param updatedAt      when it last changed
 */
public record Subscription(int schemaVersion, String id, String name, String url, WebhookFormat format,
                           SubscriptionFilter filter, boolean enabled, String disabledReason, String secret,
                           Instant createdAt, Instant updatedAt) {

    public static final int SCHEMA_VERSION = 1;

    public Subscription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(secret, "secret");
        filter = filter == null ? SubscriptionFilter.any() : filter;
        disabledReason = enabled ? null : disabledReason;
    }

    /** The host of the URL, which logs may name (the full URL may hold a token, e.g. Slack's). */
    public String host() {
        String host = URI.create(url).getHost();
        return host == null ? "?" : host;
    }

    public Subscription disabled(String reason, Instant at) {
        return new Subscription(schemaVersion, id, name, url, format, filter, false, reason, secret, createdAt, at);
    }

    /** What the API shows: everything but the secret, which appears as its last characters. */
    public SubscriptionView view() {
        return new SubscriptionView(id, name, url, format, filter, enabled, disabledReason, WebhookSecret.hint(secret),
                createdAt, updatedAt);
    }

    @Override
    public String toString() {
        return "Subscription[id=" + id + ", host=" + host() + ", format=" + format + ", enabled=" + enabled + "]";
    }
}
