package org.backbeat.dashboard;

/** Elasticsearch refused a query because of what was asked (too many buckets, ...); the API answers 400. */
public final class QueryRejectedException extends RuntimeException {

    public QueryRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
