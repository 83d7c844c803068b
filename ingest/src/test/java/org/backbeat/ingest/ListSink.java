package org.backbeat.ingest;

import java.util.ArrayList;
import java.util.List;
import org.backbeat.core.DeadLetter;
import org.backbeat.core.Post;

/** A sink that keeps what it is given, for tests. */
final class ListSink implements PostSink {

    final List<Post> posts = new ArrayList<>();
    final List<DeadLetter> rejected = new ArrayList<>();
    int flushes;

    @Override
    public void accept(Post post) {
        posts.add(post);
    }

    @Override
    public void reject(DeadLetter deadLetter) {
        rejected.add(deadLetter);
    }

    @Override
    public void flush() {
        flushes++;
    }
}
