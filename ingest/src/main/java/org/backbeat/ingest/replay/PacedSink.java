package org.backbeat.ingest.replay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.backbeat.core.DeadLetter;
import org.backbeat.core.Post;
import org.backbeat.ingest.PostSink;
import org.backbeat.ingest.source.Sleeper;

/**
 * Replays posts at a real-time factor, for demos: the first post goes at once, each later post when
 * {@code (its time - the first post's time) / factor} of wall time has passed since. A post older than
 * the one before it goes at once (files are not always in time order). Dead letters are never delayed.
 */
public final class PacedSink implements PostSink {

    private final PostSink delegate;
    private final Speed speed;
    private final Clock clock;
    private final Sleeper sleeper;
    private Instant firstPostTime;
    private Instant startedAt;

    public PacedSink(PostSink delegate, Speed speed, Clock clock, Sleeper sleeper) {
        this.delegate = delegate;
        this.speed = speed;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public void accept(Post post) {
        if (!speed.isMax()) {
            await(post.publishedAt());
        }
        delegate.accept(post);
    }

    private void await(Instant postTime) {
        if (firstPostTime == null) {
            firstPostTime = postTime;
            startedAt = clock.instant();
            return;
        }
        long postMillis = Duration.between(firstPostTime, postTime).toMillis();
        if (postMillis <= 0) {
            return;
        }
        Instant due = startedAt.plusMillis((long) (postMillis / speed.factor()));
        Duration wait = Duration.between(clock.instant(), due);
        if (!wait.isNegative() && !wait.isZero()) {
            try {
                // Send what is buffered first, so the consumer sees posts at their pace, not in bursts.
                delegate.flush();
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("replay interrupted", e);
            }
        }
    }

    @Override
    public void delete(String postId) {
        delegate.delete(postId);
    }

    @Override
    public void reject(DeadLetter deadLetter) {
        delegate.reject(deadLetter);
    }

    @Override
    public void flush() {
        delegate.flush();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
