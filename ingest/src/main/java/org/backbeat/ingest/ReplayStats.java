package org.backbeat.ingest;

/**
 * What a replay did.
 *
 * @param read     lines read (blank lines excluded)
 * @param accepted posts sent on
 * @param rejected lines that were not valid posts, sent to the dead-letter topic
 */
public record ReplayStats(long read, long accepted, long rejected) {
}
