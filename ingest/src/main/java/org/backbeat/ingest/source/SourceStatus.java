package org.backbeat.ingest.source;

import java.time.Instant;

/** What a source has done so far, as the status page and {@code /api/health} show it. */
public record SourceStatus(String source, long fetched, long produced, long skipped, long errors,
                           Instant lastSuccess, Long lagSeconds, String lastError) {
}
