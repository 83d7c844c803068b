package org.backbeat.ingest;

import java.util.ArrayList;
import java.util.List;
import org.backbeat.core.DeadLetter;
import org.backbeat.core.Post;

/** A sink that keeps what it is given, for tests; safe to fill from a source thread. */
public final class ListSink implements PostSink {

    public final List<Post> posts = java.util.Collections.synchronizedList(new ArrayList<>());
    public final List<DeadLetter> rejected = java.util.Collections.synchronizedList(new ArrayList<>());
    /** Ids of the posts deleted (tombstones), in order. */
    public final List<String> deleted = java.util.Collections.synchronizedList(new ArrayList<>());
    public volatile int flushes;

    @Override
    public void accept(Post post) {
        posts.add(post);
    }

    @Override
    public void reject(DeadLetter deadLetter) {
        rejected.add(deadLetter);
    }

    @Override
    public void delete(String postId) {
        deleted.add(postId);
    }

    @Override
    public void flush() {
        flushes++;
    }
}
