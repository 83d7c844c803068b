package org.backbeat.ingest.feed;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.backbeat.core.DeadLetter;
import org.backbeat.core.Post;
import org.backbeat.ingest.PostSink;

/** A thread-safe sink that keeps what it is given, for tests. */
final class CollectingSink implements PostSink {

    final List<Post> posts = new CopyOnWriteArrayList<>();
    final List<DeadLetter> rejected = new CopyOnWriteArrayList<>();
    final AtomicInteger flushes = new AtomicInteger();

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
        throw new AssertionError("a feed never deletes, yet " + postId + " was deleted");
    }

    @Override
    public void flush() {
        flushes.incrementAndGet();
    }
}
