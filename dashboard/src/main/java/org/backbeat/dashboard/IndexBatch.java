package org.backbeat.dashboard;

import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.backbeat.core.DeadLetter;
import org.backbeat.core.ScoredPost;
import org.backbeat.core.Topic;
import org.backbeat.dashboard.BulkWriter.ItemResult;
import org.backbeat.dashboard.BulkWriter.Op;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll's records from {@code posts.scored}, on their way into Elasticsearch: the last operation per post id
 * (index, or delete for a tombstone), so order within a batch cannot matter, and a {@link DeadLetter} (stage
 * {@value #STAGE}) for every record that cannot be indexed: unreadable, a tombstone without a key, or, once
 * {@link #settle settled}, refused by Elasticsearch for good. Each is also logged with its reason.
 *
 * <p>Plain logic: no Kafka client, no Elasticsearch. Used by one thread.
 */
final class IndexBatch {

    static final String STAGE = "index";
    private static final Logger log = LoggerFactory.getLogger(IndexBatch.class);

    /** What one settled batch did, for the indexer's counters. {@code failed}: its dead letters. */
    record Counts(long indexed, long deleted, long failed) {
    }

    private final String sourceTopic;
    private final String index;
    private final Instant at;
    private final Map<String, Op> operations = new LinkedHashMap<>();
    private final Map<String, ConsumerRecord<String, byte[]>> sources = new LinkedHashMap<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private boolean settled;

    private IndexBatch(String sourceTopic, String index, Instant at) {
        this.sourceTopic = sourceTopic;
        this.index = index;
        this.at = at;
    }

    /**
     * @param records the poll's records, in order
     * @param topic   where they come from, and how to read them
     * @param index   the index (alias) the documents go to
     * @param at      the time stamped on dead letters
     */
    static IndexBatch of(Iterable<ConsumerRecord<String, byte[]>> records, Topic<String, ScoredPost> topic,
                         String index, Instant at) {
        IndexBatch batch = new IndexBatch(topic.name(), index, at);
        Deserializer<ScoredPost> values = topic.valueSerde().deserializer();
        for (ConsumerRecord<String, byte[]> record : records) {
            batch.add(record, values);
        }
        return batch;
    }

    /** One operation per post id, in the order of each id's last record. */
    List<Op> operations() {
        return List.copyOf(operations.values());
    }

    /** Dead letters so far: the unusable records, and after {@link #settle} the refused ones. */
    List<DeadLetter> deadLetters() {
        return List.copyOf(deadLetters);
    }

    /**
     * Takes Elasticsearch's verdict on every operation: counts the acknowledged ones and turns each refused one
     * into a dead letter with Elasticsearch's reason. Once per batch.
     */
    Counts settle(Map<String, ItemResult> verdicts) {
        if (settled) {
            throw new IllegalStateException("this batch is already settled");
        }
        settled = true;
        long indexed = 0;
        long deleted = 0;
        for (Op op : operations.values()) {
            ItemResult r = verdicts.get(op.id());
            if (r == null) {
                throw new IllegalArgumentException("no verdict on " + op.id());
            }
            String action = op.isDelete() ? "deleting" : "indexing";
            if (!r.ok()) {
                log.error("Giving up on {} {} in index {} after {} attempts: status {}, {}",
                        action, op.id(), index, r.attempts(), r.status(), r.reason());
                reject(sources.get(op.id()), "Elasticsearch refused " + action + " " + op.id() + " in index " + index
                        + " after " + r.attempts() + " attempts: status " + r.status() + ", " + r.reason());
            } else if (op.isDelete()) {
                deleted++;
            } else {
                indexed++;
            }
        }
        return new Counts(indexed, deleted, deadLetters.size());
    }

    private void add(ConsumerRecord<String, byte[]> record, Deserializer<ScoredPost> values) {
        if (record.value() == null) {
            if (record.key() == null || record.key().isBlank()) {
                log.error("Skipping tombstone without a key at {}: cannot tell which document to delete", at(record));
                reject(record, "tombstone without a key: cannot tell which document to delete");
                return;
            }
            String id = record.key();
            put(record, new Op(id, BulkOperation.of(b -> b.delete(d -> d.index(index).id(id)))));
            return;
        }
        ScoredPost post;
        try {
            post = values.deserialize(record.topic(), record.value());
            if (post == null) {
                throw new IllegalArgumentException("not a valid ScoredPost: JSON null");
            }
        } catch (RuntimeException e) {
            log.error("Skipping unreadable record at {} (key {}): {}", at(record), record.key(), e.getMessage());
            reject(record, e.getMessage());
            return;
        }
        if (record.key() != null && !record.key().equals(post.id())) {
            log.warn("Record key {} differs from post id {} at {}; the post id is the document id",
                    record.key(), post.id(), at(record));
        }
        PostDocument doc = PostDocument.from(post);
        put(record, new Op(doc.id(), BulkOperation.of(b -> b.index(i -> i.index(index).id(doc.id()).document(doc)))));
    }

    private void put(ConsumerRecord<String, byte[]> record, Op op) {
        operations.remove(op.id()); // keep the position of the last occurrence
        operations.put(op.id(), op);
        sources.put(op.id(), record);
    }

    /** A dead letter for the record as it was read: its key, its bytes as text, and why. */
    private void reject(ConsumerRecord<String, byte[]> record, String reason) {
        String payload = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
        deadLetters.add(DeadLetter.of(STAGE, sourceTopic, record.key(), payload, reason, at));
    }

    private static String at(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
