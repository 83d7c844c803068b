package org.backbeat.index;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.WakeupException;
import org.backbeat.core.DeadLetter;
import org.backbeat.core.KafkaConfig;
import org.backbeat.core.ScoredPost;
import org.backbeat.core.Topic;
import org.backbeat.core.health.HealthCheck;
import org.backbeat.core.health.HealthStatus;
import org.backbeat.core.metrics.ProcessMetrics;
import org.backbeat.index.schema.PostIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies {@code posts.scored} into Elasticsearch: one document per post id in the monthly index of its
 * publication time, a tombstone deletes it wherever it is. Holds the
 * poll loop on its own thread, when to commit or rewind, the backoff during outages, the state and the counters.
 *
 * <p>The loop:
 * <ol>
 *   <li>poll a batch of records ({@link BatchConsumer}; read_committed: only what the Streams app committed);</li>
 *   <li>turn it into the last operation per post id ({@link IndexBatch}), each post into the monthly index of
 *       its publication time; a record that cannot become one (not a post, a tombstone without a key) becomes a
 *       dead letter; a tombstone's post is looked up through the alias to find its month ({@link PostLocator});</li>
 *   <li>write the operations through the process's one bulk ingester ({@link BulkWriter}), which retries
 *       failed items and returns once Elasticsearch has settled every one; items refused for a reason of
 *       their own (a document the mapping rejects) become dead letters with Elasticsearch's reason;</li>
 *   <li>send the batch's dead letters to {@code posts.dlq} and wait for Kafka's acknowledgement
 *       ({@link DeadLetterSink});</li>
 *   <li>only then commit the batch's offsets. If Elasticsearch is unreachable or keeps answering
 *       "busy/unavailable", or the dead letters cannot be written, nothing is committed: the consumer is
 *       rewound to the batch's first offsets, the indexer reports itself {@link State#DEGRADED} and tries
 *       again with growing backoff.</li>
 * </ol>
 * Since the document id is the post id, sending a batch twice (after a rewind or a restart) changes nothing;
 * its dead letters may then be written twice.
 */
public final class Indexer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Indexer.class);

    public enum State {
        /** Constructed or started, first poll not returned yet. */
        STARTING,
        /** Polling and indexing. */
        RUNNING,
        /** Alive, but Elasticsearch (or Kafka) is failing; retrying with backoff, nothing committed meanwhile. */
        DEGRADED,
        /** The loop died of an unexpected error; needs a restart. */
        FAILED,
        /** Closed. */
        STOPPED
    }

    /** The indexer's state and, for anything but RUNNING, why. */
    public record Status(State state, String detail) {
    }

    /**
     * Tuning knobs.
     *
     * @param pollTimeout      longest wait in one {@code poll}
     * @param flushInterval    the ingester also flushes on this timer
     * @param maxBulkOperations operations per bulk request
     * @param maxBulkBytes     bytes per bulk request
     * @param itemAttempts     attempts per failed item before it counts as failed (or, for "busy/unavailable"
     *                         answers, before the whole batch is retried later)
     * @param initialBackoff   first wait before a retry; doubles up to {@code maxBackoff}
     * @param maxBackoff       longest wait between retries while Elasticsearch is unavailable
     */
    public record Options(Duration pollTimeout, Duration flushInterval, int maxBulkOperations, long maxBulkBytes,
                          int itemAttempts, Duration initialBackoff, Duration maxBackoff) {

        public Options {
            if (itemAttempts < 1) {
                throw new IllegalArgumentException("itemAttempts must be at least 1, was " + itemAttempts);
            }
            if (maxBulkOperations < 1) {
                throw new IllegalArgumentException("maxBulkOperations must be at least 1, was " + maxBulkOperations);
            }
        }

        public static Options defaults() {
            return new Options(Duration.ofMillis(500), Duration.ofSeconds(1), 1000, 5L * 1024 * 1024, 3,
                    Duration.ofMillis(500), Duration.ofSeconds(30));
        }

        public Options withBackoff(Duration initial, Duration max) {
            return new Options(pollTimeout, flushInterval, maxBulkOperations, maxBulkBytes, itemAttempts, initial, max);
        }
    }

    private final Topic<String, ScoredPost> topic;
    private final Options options;
    private final BatchConsumer consumer;
    private final BulkWriter writer;
    private final DeadLetterSink deadLetters;
    private final PostIndex postIndex;
    private final PostLocator locator;
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final AtomicLong indexed = new AtomicLong();
    private final AtomicLong deleted = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile Instant lastSuccess;
    private volatile Status status = new Status(State.STARTING, "not started");
    private volatile Timer bulkTimer;
    private volatile boolean stopping;
    private Thread thread;

    /**
     * @param bootstrapServers Kafka bootstrap servers
     * @param groupId          consumer group; offsets are committed only for what Elasticsearch acknowledged
     *                         (and what could not be indexed was written to {@code deadLetter})
     * @param topic            the scored posts topic
     * @param deadLetter       where records that cannot be indexed go, with the reason
     * @param postIndex        where documents go (its client is shared, not closed here)
     */
    public Indexer(String bootstrapServers, String groupId, Topic<String, ScoredPost> topic,
                   Topic<String, DeadLetter> deadLetter, PostIndex postIndex, Options options) {
        this.topic = topic;
        this.postIndex = postIndex;
        this.locator = new PostLocator(postIndex.client(), postIndex.alias());
        this.options = options;
        this.consumer = new BatchConsumer(bootstrapServers, groupId, topic.name(), options.maxBulkOperations());
        this.writer = new BulkWriter(postIndex.client(), options);
        this.deadLetters = new DeadLetterSink(bootstrapServers, groupId + "-dead-letters", deadLetter);
    }

    /** The production wiring: {@code posts.scored} and {@code posts.dlq}, the configured group and index, default options. */
    public static Indexer create(KafkaConfig kafka, IndexConfig config, PostIndex postIndex) {
        if (kafka.bootstrapServers() == null) {
            throw new IllegalArgumentException("the indexer needs Kafka: pass --kafka host:port or set BACKBEAT_KAFKA");
        }
        return new Indexer(kafka.bootstrapServers(), config.group(), kafka.topics().scored(),
                kafka.topics().deadLetter(), postIndex, Options.defaults());
    }

    /** Starts the poll loop on its own thread. */
    public synchronized Indexer start() {
        if (thread != null || stopping) {
            throw new IllegalStateException(stopping ? "indexer is closed" : "indexer already started");
        }
        thread = new Thread(this::run, "backbeat-indexer");
        thread.start();
        return this;
    }

    /**
     * Registers the indexer's meters: {@code backbeat.index.posts.indexed}, {@code .deleted} and
     * {@code backbeat.index.dead.lettered} (the counters below), the timer {@code backbeat.index.bulk.duration} (one
     * batch written and acknowledged, retries included), and its Kafka consumer's and producer's metrics (the
     * consumer's {@code records-lag} is this stage's lag). Call before {@link #start}.
     */
    public Indexer bindMetrics(ProcessMetrics metrics) {
        MeterRegistry registry = metrics.registry();
        FunctionCounter.builder("backbeat.index.posts.indexed", indexed, AtomicLong::get)
                .description("index operations Elasticsearch acknowledged").register(registry);
        FunctionCounter.builder("backbeat.index.posts.deleted", deleted, AtomicLong::get)
                .description("delete operations (tombstones) Elasticsearch acknowledged").register(registry);
        FunctionCounter.builder("backbeat.index.dead.lettered", failed, AtomicLong::get)
                .description("records that could not be indexed, written to the dead-letter topic").register(registry);
        bulkTimer = Timer.builder("backbeat.index.bulk.duration")
                .description("one batch written to Elasticsearch and acknowledged, retries included")
                .publishPercentiles(0.5, 0.95, 0.99).register(registry);
        consumer.bindMetrics(metrics);
        deadLetters.bindMetrics(metrics);
        return this;
    }

    /** Index operations Elasticsearch acknowledged (and whose offsets were then committed). */
    public long indexedCount() {
        return indexed.get();
    }

    /** Delete operations (tombstones) Elasticsearch acknowledged. */
    public long deletedCount() {
        return deleted.get();
    }

    /**
     * Records given up on: unreadable records, tombstones without a key and documents Elasticsearch kept
     * rejecting. Each was logged and written to the dead-letter topic with the reason.
     */
    public long failedCount() {
        return failed.get();
    }

    /** When a batch was last acknowledged and committed. */
    public Optional<Instant> lastSuccess() {
        return Optional.ofNullable(lastSuccess);
    }

    public Status state() {
        return status;
    }

    /** The indexer as a component of a health report ({@code /health} of the index process, {@code /api/health} of the demo): up while RUNNING. */
    public HealthCheck healthCheck() {
        return HealthCheck.of("indexer", () -> {
            Status s = status;
            String counters = "indexed " + indexed.get() + ", deleted " + deleted.get() + ", failed " + failed.get()
                    + lastSuccess().map(t -> ", last batch at " + t).orElse("");
            return s.state() == State.RUNNING
                    ? HealthStatus.up(counters)
                    : HealthStatus.down(s.state() + ": " + s.detail() + " (" + counters + ")");
        });
    }

    /** Stops polling (an unfinished batch stays uncommitted and is indexed again next time), waits for the thread. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
            t = thread;
        }
        stopSignal.countDown();
        writer.stop();
        consumer.wakeup();
        if (t != null) {
            try {
                t.join(Duration.ofSeconds(60).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            consumer.close();
        }
        try {
            writer.close();
        } finally {
            deadLetters.close();
        }
        if (status.state() != State.FAILED) {
            status = new Status(State.STOPPED, "closed");
        }
    }

    // ----- the loop

    private void run() {
        try {
            consumer.subscribe();
            Backoff backoff = new Backoff(options.initialBackoff(), options.maxBackoff());
            boolean pollFailing = false;
            while (!stopping) {
                ConsumerRecords<String, byte[]> records;
                try {
                    records = consumer.poll(options.pollTimeout());
                } catch (WakeupException e) {
                    continue; // close() asked us to stop
                } catch (KafkaException e) {
                    log.warn("Polling {} failed, retrying in {} ms", topic.name(), backoff.current().toMillis(), e);
                    pollFailing = true;
                    degrade(backoff, "cannot poll " + topic.name() + ": " + e.getMessage());
                    continue;
                }
                if (status.state() == State.STARTING || pollFailing) {
                    status = new Status(State.RUNNING, "");
                    pollFailing = false;
                    backoff.reset();
                }
                if (records.isEmpty()) {
                    consumer.commitIdlePositions();
                    continue;
                }
                IndexBatch.Counts counts;
                try {
                    counts = index(records);
                } catch (BulkWriter.StoppedException e) {
                    break;
                } catch (BulkWriter.UnavailableException e) {
                    retryLater(records, backoff, "Elasticsearch unavailable", e.getMessage());
                    continue;
                } catch (DeadLetterSink.NotSentException e) {
                    retryLater(records, backoff, "Dead letters not written", e.getMessage());
                    continue;
                } catch (RuntimeException e) {
                    log.error("Indexing a batch of {} records failed unexpectedly; it will be retried", records.count(), e);
                    retryLater(records, backoff, "Elasticsearch unavailable", "unexpected error: " + e);
                    continue;
                }
                consumer.commit(records);
                indexed.addAndGet(counts.indexed());
                deleted.addAndGet(counts.deleted());
                failed.addAndGet(counts.failed());
                lastSuccess = Instant.now();
                status = new Status(State.RUNNING, "");
                backoff.reset();
            }
        } catch (WakeupException e) {
            // stopping
        } catch (Throwable t) {
            log.error("Indexer stopped by an unexpected error", t);
            status = new Status(State.FAILED, t.toString());
        } finally {
            consumer.close();
        }
    }

    /** Indexes one batch and writes its dead letters; returns once Elasticsearch and Kafka have acknowledged all. */
    private IndexBatch.Counts index(ConsumerRecords<String, byte[]> records) throws BulkWriter.UnavailableException,
            BulkWriter.StoppedException, DeadLetterSink.NotSentException, InterruptedException {
        IndexBatch batch = IndexBatch.of(records, topic, postIndex, Instant.now());
        var located = locator.locate(batch.deleteIds());
        long started = System.nanoTime();
        IndexBatch.Counts counts = batch.settle(writer.write(batch.operations(located)));
        Timer timer = bulkTimer;
        if (timer != null) {
            timer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
        deadLetters.send(batch.deadLetters());
        return counts;
    }

    /** Leaves the batch uncommitted: rewinds to it, so that it is polled again after the backoff. */
    private void retryLater(ConsumerRecords<String, byte[]> records, Backoff backoff, String what, String reason)
            throws InterruptedException {
        long millis = backoff.current().toMillis();
        log.warn("{} ({}); {} records stay uncommitted, retrying in {} ms", what, reason, records.count(), millis);
        consumer.rewind(records);
        degrade(backoff, what + ", retrying in " + millis + " ms: " + reason);
    }

    /** Reports the indexer degraded and waits out the backoff (unless close() is called meanwhile), then lengthens it. */
    private void degrade(Backoff backoff, String detail) throws InterruptedException {
        status = new Status(State.DEGRADED, detail);
        stopSignal.await(backoff.current().toMillis(), TimeUnit.MILLISECONDS);
        backoff.grow();
    }
}
