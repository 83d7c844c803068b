package org.backbeat.nlp.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.backbeat.core.Post;
import org.backbeat.core.Sentiment;
import org.backbeat.core.SentimentLabel;
import org.backbeat.nlp.sentiment.CountingScorer;
import org.backbeat.nlp.sentiment.Scorer;
import org.junit.jupiter.api.Test;

class PerThreadScorerTest {

    /** A scorer that notes when two threads are inside it at once, and can make callers meet inside it. */
    private static final class ExclusiveScorer implements Scorer {
        private final AtomicBoolean busy = new AtomicBoolean();
        private final AtomicInteger overlaps;
        private final CyclicBarrier meet;
        final AtomicInteger calls = new AtomicInteger();

        ExclusiveScorer(AtomicInteger overlaps, CyclicBarrier meet) {
            this.overlaps = overlaps;
            this.meet = meet;
        }

        @Override
        public Sentiment score(String text) {
            if (!busy.compareAndSet(false, true)) {
                overlaps.incrementAndGet();
            }
            try {
                calls.incrementAndGet();
                if (text.equals("meet")) {
                    meet.await(10, TimeUnit.SECONDS); // both callers are inside a scorer at the same time
                }
                return CountingScorer.NEUTRAL;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                busy.set(false);
            }
        }

        @Override
        public String model() {
            return "exclusive-test";
        }
    }

    @Test
    void threads_scoring_at_once_get_a_scorer_each_and_a_later_thread_reuses_an_idle_one() throws Exception {
        AtomicInteger overlaps = new AtomicInteger();
        CyclicBarrier meet = new CyclicBarrier(2);
        List<ExclusiveScorer> loaded = new CopyOnWriteArrayList<>();
        PerThreadScorer scorer = new PerThreadScorer(() -> {
            ExclusiveScorer s = new ExclusiveScorer(overlaps, meet);
            loaded.add(s);
            return s;
        });

        // Two threads inside score() at once: they cannot share a scorer, so a second one is loaded.
        Thread a = new Thread(() -> scorer.score("meet"));
        Thread b = new Thread(() -> scorer.score("meet"));
        a.start();
        b.start();
        a.join();
        b.join();
        // A new thread after they are gone: it takes an idle scorer instead of loading a third.
        Thread c = new Thread(() -> {
            scorer.score("one");
            scorer.analyse("two");
        });
        c.start();
        c.join();

        assertThat(loaded).hasSize(2);
        assertThat(loaded.stream().mapToInt(s -> s.calls.get()).sum()).isEqualTo(4);
        assertThat(overlaps.get()).isZero();
        assertThat(scorer.model()).isEqualTo("exclusive-test");
    }

    @Test
    void a_post_is_scored_by_the_scorers_own_post_rule() {
        Sentiment headlineRule = new Sentiment(SentimentLabel.POSITIVE, 0.5, 0.5);
        PerThreadScorer scorer = new PerThreadScorer(() -> new Scorer() {
            @Override
            public Sentiment score(String text) {
                return CountingScorer.NEUTRAL;
            }

            @Override
            public Sentiment scorePost(Post post) {
                return headlineRule;
            }

            @Override
            public String model() {
                return "press-test";
            }
        });
        Post press = Post.of("rss:1", "rss", Instant.parse("2011-03-29T14:05:00Z"), null, "Label sues service", "Summary.", null, "en");

        assertThat(scorer.scorePost(press)).isEqualTo(headlineRule);
    }
}
