package org.backbeat.dashboard.export;

/**
 * Elasticsearch failed while an export was being read (unreachable, the point in time expired, a shard failed):
 * whatever was written so far is incomplete and must not be taken for the whole.
 */
public final class ExportFailedException extends RuntimeException {

    public ExportFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
