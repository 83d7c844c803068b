package org.backbeat.nlp.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.backbeat.nlp.sentiment.CountingScorer;
import org.junit.jupiter.api.Test;

class PerThreadScorerTest {

    @Test
    void each_thread_loads_its_own_scorer_once() throws Exception {
        List<CountingScorer> loaded = new CopyOnWriteArrayList<>();
        PerThreadScorer scorer = new PerThreadScorer(() -> {
            CountingScorer s = new CountingScorer();
            loaded.add(s);
            return s;
        });

        scorer.score("I love it");
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            Thread thread = new Thread(() -> {
                scorer.score("great");
                scorer.analyse("awful. great");
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread t : threads) {
            t.join();
        }

        assertThat(loaded).hasSize(3);
        assertThat(loaded.get(0).calls()).isEqualTo(1);
        assertThat(loaded.get(1).calls()).isEqualTo(2);
        assertThat(loaded.get(2).calls()).isEqualTo(2);
        assertThat(scorer.model()).isEqualTo("counting-test");
    }
}
