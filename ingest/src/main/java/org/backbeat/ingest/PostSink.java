package org.backbeat.ingest;

import org.backbeat.core.DeadLetter;
import org.backbeat.core.Post;

/**
 * Where an ingester puts what it read: good posts, and records it could not turn into posts (with the
 * reason). Production wires {@link KafkaPostSink}; tests wire a list.
 */
public interface PostSink extends AutoCloseable {

    void accept(Post post);

    void reject(DeadLetter deadLetter);

    /**
     * The post {@code postId} was deleted at its source (a Twitter delete notice, a Bluesky delete commit):
     * production sends a tombstone (key = post id, null value) so every later stage forgets it.
     */
    void delete(String postId);

    /** Blocks until everything accepted so far is durably stored. */
    void flush();

    @Override
    default void close() {
        flush();
    }
}
