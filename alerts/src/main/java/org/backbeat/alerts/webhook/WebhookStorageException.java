package org.backbeat.alerts.webhook;

/** Elasticsearch, where subscriptions and the delivery log live, could not answer; the message says what failed. */
public final class WebhookStorageException extends RuntimeException {

    public WebhookStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
