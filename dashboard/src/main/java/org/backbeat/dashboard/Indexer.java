package org.backbeat.dashboard;

import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkListener;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.backbeat.core.KafkaConfig;
import org.backbeat.core.KafkaProps;
import org.backbeat.core.ScoredPost;
import org.backbeat.core.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies {@code posts.scored} into Elasticsearch: one document per post id, a tombstone deletes it.
 *
 * <p>The loop, on its own thread:
 * <ol>
 *   <li>poll a batch of records (read_committed: only what the Streams app committed);</li>
 *   <li>reduce it to the last operation per post id (index, or delete for a tombstone), so order within
 *       a batch cannot matter;</li>
 *   <li>hand the operations to the process's one {@link BulkIngester}, flush, and wait until the
 *       {@link BulkListener} has reported every item;</li>
 *   <li>retry failed items a few times with backoff; items that keep failing for a reason of their own
 *       (a document the mapping rejects) are counted and logged with Elasticsearch's reason;</li>
 *   <li>only then commit the batch's offsets. If Elasticsearch is unreachable or keeps answering
 *       "busy/unavailable", nothing is committed: the consumer is rewound to the batch's first offsets,
 *       the indexer reports itself {@link State#DEGRADED} and tries again with growing backoff.</li>
 * </ol>
 * Since the document id is the post id, sending a batch twice (after a rewind or a restart) changes nothing.
 */
public final class Indexer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Indexer.class);
    private static final Set<Integer> TRANSIENT_STATUSES = Set.of(408, 429, 500, 502, 503, 504);

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
    private final String index;
    private final Options options;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Deserializer<ScoredPost> values;
    private final BulkIngester<Pending> ingester;
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final AtomicLong indexed = new AtomicLong();
    private final AtomicLong deleted = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile Instant lastSuccess;
    private volatile Status status = new Status(State.STARTING, "not started");
    private volatile boolean stopping;
    private Thread thread;

    /**
     * @param bootstrapServers Kafka bootstrap servers
     * @param groupId          consumer group; offsets are committed only for what Elasticsearch acknowledged
     * @param topic            the scored posts topic
     * @param postIndex        where documents go (its client is shared, not closed here)
     */
    public Indexer(String bootstrapServers, String groupId, Topic<String, ScoredPost> topic, PostIndex postIndex,
                   Options options) {
        this.topic = topic;
        this.index = postIndex.alias();
        this.options = options;
        this.values = topic.valueSerde().deserializer();
        Properties props = KafkaProps.consumer(bootstrapServers, groupId);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, options.maxBulkOperations());
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.ingester = BulkIngester.of(b -> b
                .client(postIndex.client())
                .maxOperations(options.maxBulkOperations())
                .maxSize(options.maxBulkBytes())
                // one request at a time: batches reach Elasticsearch in the order Kafka delivered them
                .maxConcurrentRequests(1)
                .flushInterval(options.flushInterval().toMillis(), TimeUnit.MILLISECONDS)
                .listener(new Listener()));
    }

    /** The production wiring: {@code posts.scored}, the configured group and index, default options. */
    public static Indexer create(KafkaConfig kafka, DashboardConfig config, PostIndex postIndex) {
        if (kafka.bootstrapServers() == null) {
            throw new IllegalArgumentException("the indexer needs Kafka: pass --kafka host:port or set BACKBEAT_KAFKA");
        }
        return new Indexer(kafka.bootstrapServers(), config.indexerGroup(), kafka.topics().scored(), postIndex,
                Options.defaults());
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

    /** Index operations Elasticsearch acknowledged (and whose offsets were then committed). */
    public long indexedCount() {
        return indexed.get();
    }

    /** Delete operations (tombstones) Elasticsearch acknowledged. */
    public long deletedCount() {
        return deleted.get();
    }

    /** Records given up on: unreadable records and documents Elasticsearch kept rejecting. Each was logged. */
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

    /** The indexer as a component of {@code /api/health}: up while RUNNING. */
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
        ingester.close();
        if (status.state() != State.FAILED) {
            status = new Status(State.STOPPED, "closed");
        }
    }

    // ----- the loop

    private void run() {
        try {
            consumer.subscribe(List.of(topic.name()));
            Duration backoff = options.initialBackoff();
            boolean pollFailing = false;
            while (!stopping) {
                ConsumerRecords<String, byte[]> records;
                try {
                    records = consumer.poll(options.pollTimeout());
                } catch (WakeupException e) {
                    continue; // close() asked us to stop
                } catch (KafkaException e) {
                    log.warn("Polling {} failed, retrying in {} ms", topic.name(), backoff.toMillis(), e);
                    status = new Status(State.DEGRADED, "cannot poll " + topic.name() + ": " + e.getMessage());
                    pollFailing = true;
                    pause(backoff);
                    backoff = longer(backoff);
                    continue;
                }
                if (status.state() == State.STARTING || pollFailing) {
                    status = new Status(State.RUNNING, "");
                    pollFailing = false;
                    backoff = options.initialBackoff();
                }
                if (records.isEmpty()) {
                    continue;
                }
                Outcome outcome;
                try {
                    outcome = process(records);
                } catch (RuntimeException e) {
                    log.error("Indexing a batch of {} records failed unexpectedly; it will be retried", records.count(), e);
                    outcome = Outcome.unavailable("unexpected error: " + e);
                }
                if (outcome.kind == Outcome.Kind.STOPPED) {
                    break;
                }
                if (outcome.kind == Outcome.Kind.UNAVAILABLE) {
                    status = new Status(State.DEGRADED, "Elasticsearch unavailable, retrying in "
                            + backoff.toMillis() + " ms: " + outcome.reason);
                    log.warn("Elasticsearch unavailable ({}); {} records stay uncommitted, retrying in {} ms",
                            outcome.reason, records.count(), backoff.toMillis());
                    rewind(records);
                    pause(backoff);
                    backoff = longer(backoff);
                    continue;
                }
                commit(records);
                outcome.tally.applyTo(this);
                lastSuccess = Instant.now();
                status = new Status(State.RUNNING, "");
                backoff = options.initialBackoff();
            }
        } catch (WakeupException e) {
            // stopping
        } catch (Throwable t) {
            log.error("Indexer stopped by an unexpected error", t);
            status = new Status(State.FAILED, t.toString());
        } finally {
            try {
                consumer.close();
            } catch (RuntimeException e) {
                log.warn("Closing the indexer's Kafka consumer failed", e);
            }
        }
    }

    /** Indexes one poll batch: returns once Elasticsearch has every item, or says why it could not. */
    private Outcome process(ConsumerRecords<String, byte[]> records) throws InterruptedException {
        Tally tally = new Tally();
        Map<String, Op> latest = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            Op op = toOperation(record, tally);
            if (op != null) {
                latest.remove(op.id); // keep the position of the last occurrence
                latest.put(op.id, op);
            }
        }
        List<Op> pending = new ArrayList<>(latest.values());
        Duration backoff = options.initialBackoff();
        boolean isolate = false;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            Map<String, Result> results = send(pending, isolate);
            if (results == null) {
                return Outcome.stopped();
            }
            List<Op> retry = new ArrayList<>();
            isolate = false;
            for (Op op : pending) {
                Result r = results.get(op.id);
                isolate |= r.wholeRequest();
                if (r.unreachable) {
                    return Outcome.unavailable(r.reason);
                }
                if (r.ok()) {
                    tally.succeeded(op);
                } else if (attempt < options.itemAttempts()) {
                    retry.add(op);
                } else if (TRANSIENT_STATUSES.contains(r.status)) {
                    return Outcome.unavailable("item " + op.id + " still refused after " + attempt + " attempts: "
                            + r.status + " " + r.reason);
                } else {
                    tally.failed++;
                    log.error("Giving up on {} {} in index {} after {} attempts: status {}, {}",
                            op.isDelete() ? "deleting" : "indexing", op.id, index, attempt, r.status, r.reason);
                }
            }
            if (!retry.isEmpty()) {
                log.warn("{} of {} bulk items failed (attempt {} of {}), retrying in {} ms; first: {} {}",
                        retry.size(), pending.size(), attempt, options.itemAttempts(), backoff.toMillis(),
                        retry.get(0).id, results.get(retry.get(0).id).reason);
                if (!pause(backoff)) {
                    return Outcome.stopped();
                }
                backoff = longer(backoff);
            }
            pending = retry;
        }
        return Outcome.done(tally);
    }

    private Op toOperation(ConsumerRecord<String, byte[]> record, Tally tally) {
        if (record.value() == null) {
            if (record.key() == null || record.key().isBlank()) {
                tally.failed++;
                log.error("Skipping tombstone without a key at {}-{}@{}: cannot tell which document to delete",
                        record.topic(), record.partition(), record.offset());
                return null;
            }
            String id = record.key();
            return new Op(id, true, BulkOperation.of(b -> b.delete(d -> d.index(index).id(id))));
        }
        ScoredPost post;
        try {
            post = values.deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            tally.failed++;
            log.error("Skipping unreadable record at {}-{}@{} (key {}): {}",
                    record.topic(), record.partition(), record.offset(), record.key(), e.getMessage());
            return null;
        }
        if (record.key() != null && !record.key().equals(post.id())) {
            log.warn("Record key {} differs from post id {} at {}-{}@{}; the post id is the document id",
                    record.key(), post.id(), record.topic(), record.partition(), record.offset());
        }
        PostDocument doc = PostDocument.from(post);
        return new Op(doc.id(), false, BulkOperation.of(b -> b.index(i -> i.index(index).id(doc.id()).document(doc))));
    }

    /**
     * Sends the operations through the ingester and waits for the listener's verdict on each; null if stopping.
     * {@code isolate}: one operation per bulk request, after Elasticsearch refused a whole request, so that one
     * bad item cannot sink the others.
     */
    private Map<String, Result> send(List<Op> ops, boolean isolate) throws InterruptedException {
        Round round = new Round(ops.size());
        for (Op op : ops) {
            ingester.add(op.operation, new Pending(op.id, round));
            if (isolate) {
                ingester.flush();
            }
        }
        ingester.flush();
        while (!round.done.await(200, TimeUnit.MILLISECONDS)) {
            if (stopping) {
                return null;
            }
        }
        return round.results;
    }

    private void commit(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> part = records.records(tp);
            offsets.put(tp, new OffsetAndMetadata(part.get(part.size() - 1).offset() + 1));
        }
        try {
            consumer.commitSync(offsets);
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            // The documents are in Elasticsearch; the records will come again and overwrite them harmlessly.
            log.warn("Committing offsets {} failed (already indexed; they will be indexed again): {}", offsets, e.toString());
        }
    }

    private void rewind(ConsumerRecords<String, byte[]> records) {
        for (TopicPartition tp : records.partitions()) {
            consumer.seek(tp, records.records(tp).get(0).offset());
        }
    }

    /** Waits, unless close() is called meanwhile; returns false when stopping. */
    private boolean pause(Duration duration) throws InterruptedException {
        return !stopSignal.await(duration.toMillis(), TimeUnit.MILLISECONDS) && !stopping;
    }

    private Duration longer(Duration backoff) {
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(options.maxBackoff()) > 0 ? options.maxBackoff() : doubled;
    }

    // ----- bookkeeping

    private record Op(String id, boolean isDelete, BulkOperation operation) {
    }

    /** The context the ingester hands back to the listener with each item. */
    private record Pending(String id, Round round) {
    }

    /**
     * The verdict on one item. {@code wholeRequest}: Elasticsearch refused the bulk request as a whole (a 4xx
     * for the request, e.g. one item's id is too long), so this item may be fine on its own.
     */
    private record Result(boolean unreachable, int status, String reason, boolean wholeRequest) {
        static Result ok(int status) {
            return new Result(false, status, null, false);
        }

        static Result failed(int status, String reason) {
            return new Result(false, status, reason, false);
        }

        boolean ok() {
            return !unreachable && reason == null;
        }
    }

    /** One send of a set of operations: done when the listener has reported each of them. */
    private static final class Round {
        final CountDownLatch done;
        final Map<String, Result> results = new ConcurrentHashMap<>();

        Round(int size) {
            done = new CountDownLatch(size);
        }

        void report(String id, Result result) {
            if (results.put(id, result) == null) {
                done.countDown();
            }
        }
    }

    /** Counts of one batch, added to the indexer's counters once the batch is committed. */
    private static final class Tally {
        long indexed;
        long deleted;
        long failed;

        void succeeded(Op op) {
            if (op.isDelete()) {
                deleted++;
            } else {
                indexed++;
            }
        }

        void applyTo(Indexer indexer) {
            indexer.indexed.addAndGet(indexed);
            indexer.deleted.addAndGet(deleted);
            indexer.failed.addAndGet(failed);
        }
    }

    private static final class Outcome {
        enum Kind { DONE, UNAVAILABLE, STOPPED }

        final Kind kind;
        final Tally tally;
        final String reason;

        private Outcome(Kind kind, Tally tally, String reason) {
            this.kind = kind;
            this.tally = tally;
            this.reason = reason;
        }

        static Outcome done(Tally tally) {
            return new Outcome(Kind.DONE, tally, null);
        }

        static Outcome unavailable(String reason) {
            return new Outcome(Kind.UNAVAILABLE, null, reason);
        }

        static Outcome stopped() {
            return new Outcome(Kind.STOPPED, null, null);
        }
    }

    /** Reports every item of every bulk request back to the round that sent it; never drops one. */
    private static final class Listener implements BulkListener<Pending> {

        @Override
        public void beforeBulk(long executionId, BulkRequest request, List<Pending> contexts) {
            log.debug("Bulk request {}: {} operations", executionId, contexts.size());
        }

        @Override
        public void afterBulk(long executionId, BulkRequest request, List<Pending> contexts, BulkResponse response) {
            List<BulkResponseItem> items = response.items();
            for (int i = 0; i < contexts.size(); i++) {
                Pending p = contexts.get(i);
                if (i >= items.size()) {
                    p.round().report(p.id(), Result.failed(500, "no item in the bulk response"));
                    continue;
                }
                BulkResponseItem item = items.get(i);
                if (item.error() == null) {
                    // includes deleting a document that is not there (404, "not_found"): the goal is reached
                    p.round().report(p.id(), Result.ok(item.status()));
                } else {
                    p.round().report(p.id(), Result.failed(item.status(),
                            item.error().type() + ": " + item.error().reason()));
                }
            }
        }

        @Override
        public void afterBulk(long executionId, BulkRequest request, List<Pending> contexts, Throwable failure) {
            log.debug("Bulk request {} failed: {}", executionId, failure.toString());
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            String reason = cause.getMessage() == null ? cause.toString() : cause.getMessage();
            boolean refused = cause instanceof ElasticsearchException ee
                    && ee.status() >= 400 && ee.status() < 500 && !TRANSIENT_STATUSES.contains(ee.status());
            for (Pending p : contexts) {
                p.round().report(p.id(), refused
                        ? new Result(false, ((ElasticsearchException) cause).status(), "bulk request refused: " + reason, true)
                        : new Result(true, 0, reason, false));
            }
        }
    }
}
