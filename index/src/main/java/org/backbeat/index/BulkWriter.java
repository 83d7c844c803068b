package org.backbeat.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkListener;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's one {@link BulkIngester} and its {@link BulkListener}: writes a set of operations to
 * Elasticsearch and returns once every item has a final answer.
 *
 * <p>{@link #write} hands the operations to the ingester, flushes, and waits until the listener has reported
 * each item. Items that fail are retried, up to {@link Indexer.Options#itemAttempts()} attempts with a growing
 * backoff. When Elasticsearch refuses a whole bulk request (a 4xx for the request, e.g. one item's id is too
 * long), the next attempt sends one item per request, so that one bad item cannot sink the others. What
 * comes back is each item's verdict: acknowledged, or refused for a reason of its own (a document the mapping
 * rejects). If Elasticsearch is unreachable, or still answers "busy/unavailable" after the last attempt,
 * {@link UnavailableException} says so instead: nothing about the operations is settled.
 *
 * <p>One request at a time: operations reach Elasticsearch in the order they were given. Used by one thread.
 */
final class BulkWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BulkWriter.class);
    /** Answers that mean "not now" rather than "not this document". */
    static final Set<Integer> TRANSIENT_STATUSES = Set.of(408, 429, 500, 502, 503, 504);

    private final BulkIngester<Pending> ingester;
    private final Indexer.Options options;
    private final CountDownLatch stopSignal = new CountDownLatch(1);

    BulkWriter(ElasticsearchClient client, Indexer.Options options) {
        this.options = options;
        this.ingester = BulkIngester.of(b -> b
                .client(client)
                .maxOperations(options.maxBulkOperations())
                .maxSize(options.maxBulkBytes())
                // one request at a time: batches reach Elasticsearch in the order Kafka delivered them
                .maxConcurrentRequests(1)
                .flushInterval(options.flushInterval().toMillis(), TimeUnit.MILLISECONDS)
                .listener(new Listener()));
    }

    /** One bulk operation (index or delete) on the document {@code id}. */
    record Op(String id, BulkOperation operation) {
        boolean isDelete() {
            return operation.isDelete();
        }
    }

    /**
     * The final verdict on one operation: acknowledged ({@code reason} null), or refused for good with
     * Elasticsearch's status and reason. {@code attempts}: how many times it was sent.
     */
    record ItemResult(int status, String reason, int attempts) {
        boolean ok() {
            return reason == null;
        }
    }

    /** Elasticsearch cannot take the operations now (unreachable, or still busy after the last attempt). */
    static final class UnavailableException extends Exception {
        UnavailableException(String reason) {
            super(reason);
        }
    }

    /** {@link #stop()} was called while a write was waiting; nothing is known about its operations. */
    static final class StoppedException extends Exception {
        StoppedException() {
            super("the bulk writer is stopping");
        }
    }

    /**
     * Writes the operations, one per document id, and waits for Elasticsearch's final verdict on each.
     *
     * @return every operation's id with its verdict
     * @throws UnavailableException Elasticsearch is unreachable or stays busy: retry the whole set later
     * @throws StoppedException     {@link #stop()} was called meanwhile
     */
    Map<String, ItemResult> write(List<Op> ops) throws UnavailableException, StoppedException, InterruptedException {
        if (ops.stream().map(Op::id).distinct().count() != ops.size()) {
            throw new IllegalArgumentException("one operation per document id, please: each is reported by its id");
        }
        Map<String, ItemResult> verdicts = new HashMap<>();
        List<Op> pending = ops;
        Backoff backoff = new Backoff(options.initialBackoff(), options.maxBackoff());
        boolean isolate = false;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            Map<String, Reply> replies = send(pending, isolate);
            List<Op> retry = new ArrayList<>();
            isolate = false;
            for (Op op : pending) {
                Reply r = replies.get(op.id());
                isolate |= r.wholeRequest();
                if (r.unreachable()) {
                    throw new UnavailableException(r.reason());
                }
                if (r.ok()) {
                    verdicts.put(op.id(), new ItemResult(r.status(), null, attempt));
                } else if (attempt < options.itemAttempts()) {
                    retry.add(op);
                } else if (TRANSIENT_STATUSES.contains(r.status())) {
                    throw new UnavailableException("item " + op.id() + " still refused after " + attempt
                            + " attempts: " + r.status() + " " + r.reason());
                } else {
                    verdicts.put(op.id(), new ItemResult(r.status(), r.reason(), attempt));
                }
            }
            if (!retry.isEmpty()) {
                log.warn("{} of {} bulk items failed (attempt {} of {}), retrying in {} ms; first: {} {}",
                        retry.size(), pending.size(), attempt, options.itemAttempts(), backoff.current().toMillis(),
                        retry.get(0).id(), replies.get(retry.get(0).id()).reason());
                if (stopSignal.await(backoff.current().toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new StoppedException();
                }
                backoff.grow();
            }
            pending = retry;
        }
        return verdicts;
    }

    /** Makes a waiting {@link #write} (and any later one) give up with {@link StoppedException}. */
    void stop() {
        stopSignal.countDown();
    }

    /** Closes the ingester: sends what it still holds and waits for the requests in flight. */
    @Override
    public void close() {
        stop();
        ingester.close();
    }

    /**
     * One attempt: sends the operations through the ingester and waits for the listener's reply on each.
     * {@code isolate}: one operation per bulk request.
     */
    private Map<String, Reply> send(List<Op> ops, boolean isolate) throws StoppedException, InterruptedException {
        Round round = new Round(ops.size());
        for (Op op : ops) {
            ingester.add(op.operation(), new Pending(op.id(), round));
            if (isolate) {
                ingester.flush();
            }
        }
        ingester.flush();
        while (!round.done.await(200, TimeUnit.MILLISECONDS)) {
            if (stopSignal.getCount() == 0) {
                throw new StoppedException();
            }
        }
        return round.replies;
    }

    // ----- what the listener reports

    /** The context the ingester hands back to the listener with each item. */
    private record Pending(String id, Round round) {
    }

    /**
     * The listener's reply on one item of one attempt. {@code wholeRequest}: Elasticsearch refused the bulk
     * request as a whole, so this item may be fine on its own.
     */
    private record Reply(boolean unreachable, int status, String reason, boolean wholeRequest) {
        static Reply ok(int status) {
            return new Reply(false, status, null, false);
        }

        static Reply failed(int status, String reason) {
            return new Reply(false, status, reason, false);
        }

        boolean ok() {
            return !unreachable && reason == null;
        }
    }

    /** One attempt at a set of operations: done when the listener has replied on each of them. */
    private static final class Round {
        final CountDownLatch done;
        final Map<String, Reply> replies = new ConcurrentHashMap<>();

        Round(int size) {
            done = new CountDownLatch(size);
        }

        void report(String id, Reply reply) {
            if (replies.put(id, reply) == null) {
                done.countDown();
            }
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
                    p.round().report(p.id(), Reply.failed(500, "no item in the bulk response"));
                    continue;
                }
                BulkResponseItem item = items.get(i);
                if (item.error() == null) {
                    // includes deleting a document that is not there (404, "not_found"): the goal is reached
                    p.round().report(p.id(), Reply.ok(item.status()));
                } else {
                    p.round().report(p.id(), Reply.failed(item.status(),
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
                        ? new Reply(false, ((ElasticsearchException) cause).status(), "bulk request refused: " + reason, true)
                        : new Reply(true, 0, reason, false));
            }
        }
    }
}
