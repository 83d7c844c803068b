package org.backbeat.index.schema;

/** Elasticsearch cannot answer a query (down, unreachable, index missing, overloaded); the API answers 503. */
public final class SearchUnavailableException extends RuntimeException {

    public SearchUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
