package org.backbeat.app;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.backbeat.core.Post;
import org.backbeat.ingest.PostSink;
import org.backbeat.ingest.sim.Scenarios;
import org.backbeat.ingest.sim.SimulatedPosts;

/**
 * A stream of simulated posts with a known set of ids, sent to {@code posts.raw} at a steady rate: what the
 * fault proof and the load run feed the pipeline. The posts come from {@link Sequence} (seeded, so a run is
 * repeatable); every id sent is kept, and so is the send time of every {@code probeEvery}-th post for
 * {@link Searchability}.
 */
final class PostStream {

    private final PostSink sink;
    private final Sequence sequence;
    private volatile Searchability probes;
    private volatile int probeEvery;
    private final Set<String> ids = ConcurrentHashMap.newKeySet();
    private final AtomicLong sent = new AtomicLong();

    /**
     * @param sink       where posts go ({@code posts.raw} through the ingest module's Kafka sink)
     * @param probes     told the id and send time of every {@code probeEvery}-th post (null: none)
     */
    PostStream(PostSink sink, Sequence sequence, Searchability probes, int probeEvery) {
        this.sink = sink;
        this.sequence = sequence;
        this.probes = probes;
        this.probeEvery = probeEvery;
    }

    /**
     * Sends posts at {@code perSecond} until {@code done} says so (checked between posts), then flushes.
     * Returns the number sent by this call.
     */
    long sendUntil(double perSecond, BooleanSupplier done) throws InterruptedException {
        long start = System.nanoTime();
        long count = 0;
        while (!done.getAsBoolean()) {
            long due = start + (long) (count * 1e9 / perSecond);
            long wait = due - System.nanoTime();
            if (wait > 1_000_000) {
                Thread.sleep(wait / 1_000_000);
            }
            Post post = sequence.next();
            sink.accept(post);
            ids.add(post.id());
            long n = sent.incrementAndGet();
            if (probes != null && n % probeEvery == 0) {
                probes.sent(post.id());
            }
            count++;
        }
        sink.flush();
        return count;
    }

    /** From now on, tells {@code probes} of every {@code every}-th post sent. */
    void probeWith(Searchability probes, int every) {
        this.probeEvery = every;
        this.probes = probes;
    }

    /** Posts sent so far, copies included. */
    long sent() {
        return sent.get();
    }

    /** The distinct ids sent so far: what Elasticsearch must hold, exactly. */
    Set<String> ids() {
        return Set.copyOf(ids);
    }

    int distinct() {
        return ids.size();
    }

    /**
     * The simulated posts of seed {@code seed}, then of {@code seed + 1}, and so on, without end; every
     * {@code repeatEvery}-th post is instead a copy of one sent {@value #REPEAT_DISTANCE} posts earlier (a
     * re-delivery, a second replay), so the input holds copies that must not become duplicates.
     */
    static final class Sequence implements Iterator<Post> {

        static final int REPEAT_DISTANCE = 100;

        private final SimulatedPosts simulation = new SimulatedPosts(Scenarios.cloudLockers2011());
        private final int repeatEvery;
        private final ArrayDeque<Post> recent = new ArrayDeque<>();
        private long seed;
        private List<Post> current = new ArrayList<>();
        private int position;
        private long produced;

        /** @param repeatEvery every n-th post is a copy; 0 for none */
        Sequence(long seed, int repeatEvery) {
            this.seed = seed - 1;
            this.repeatEvery = repeatEvery;
        }

        @Override
        public boolean hasNext() {
            return true;
        }

        @Override
        public Post next() {
            produced++;
            if (repeatEvery > 0 && produced % repeatEvery == 0 && recent.size() == REPEAT_DISTANCE) {
                return recent.peekFirst();
            }
            while (position == current.size()) {
                current = simulation.generate(++seed);
                position = 0;
            }
            Post post = current.get(position++);
            recent.addLast(post);
            if (recent.size() > REPEAT_DISTANCE) {
                recent.removeFirst();
            }
            return post;
        }
    }
}
