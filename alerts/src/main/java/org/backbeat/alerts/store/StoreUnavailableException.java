package org.backbeat.alerts.store;

/** Elasticsearch could not be reached or refused a rule or alert operation; the message says which. */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
