package org.backbeat.index;

import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.backbeat.core.DeadLetter;
import org.backbeat.core.ScoredPost;
import org.backbeat.core.Topic;
import org.backbeat.index.BulkWriter.ItemResult;
import org.backbeat.index.BulkWriter.Op;
import org.backbeat.index.schema.PostDocument;
import org.backbeat.index.schema.PostIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll's records from {@code posts.scored}, on their way into Elasticsearch: the last operation per post id
 * (index, or delete for a tombstone), so order within a batch cannot matter, and a {@link DeadLetter} (stage
 * {@value #STAGE}) for every record that cannot be indexed: unreadable, a tombstone without a key, or, once
 * {@link #settle settled}, refused by Elasticsearch for good. Each is also logged with its reason.
 *
 * <p>A post goes to the monthly index of its publication time. A tombstone carries no time, so its delete needs
 * the concrete index the post lives in: the caller looks up {@link #deleteIds()} through the alias and passes
 * what it found to {@link #operations(Map)}; a post found nowhere is already gone (the goal is reached).
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
    private final Function<Instant, String> monthlyIndex;
    private final Instant at;
    /** Post id to its index operation, or to null for a delete; in the order of each id's last record. */
    private final Map<String, Op> latest = new LinkedHashMap<>();
    private final Map<String, ConsumerRecord<String, byte[]>> sources = new LinkedHashMap<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private List<Op> sent;
    private boolean settled;

    private IndexBatch(String sourceTopic, String index, Function<Instant, String> monthlyIndex, Instant at) {
        this.sourceTopic = sourceTopic;
        this.index = index;
        this.monthlyIndex = monthlyIndex;
        this.at = at;
    }

    /**
     * @param records the poll's records, in order
     * @param topic   where they come from, and how to read them
     * @param index   the posts indices: the alias (for messages) and the monthly index of a publication time
     * @param at      the time stamped on dead letters
     */
    static IndexBatch of(Iterable<ConsumerRecord<String, byte[]>> records, Topic<String, ScoredPost> topic,
                         PostIndex index, Instant at) {
        return of(records, topic, index.alias(), index::indexFor, at);
    }

    static IndexBatch of(Iterable<ConsumerRecord<String, byte[]>> records, Topic<String, ScoredPost> topic,
                         String alias, Function<Instant, String> monthlyIndex, Instant at) {
        IndexBatch batch = new IndexBatch(topic.name(), alias, monthlyIndex, at);
        Deserializer<ScoredPost> values = topic.valueSerde().deserializer();
        for (ConsumerRecord<String, byte[]> record : records) {
            batch.add(record, values);
        }
        return batch;
    }

    /** Ids of the posts to delete (tombstones): look up where they live, then call {@link #operations(Map)}. */
    Set<String> deleteIds() {
        Set<String> ids = new LinkedHashSet<>();
        latest.forEach((id, op) -> {
            if (op == null) {
                ids.add(id);
            }
        });
        return ids;
    }

    /**
     * One operation per post id, in the order of each id's last record; a delete only for a post that was found.
     *
     * @param located for ids of {@link #deleteIds()}: the concrete index the post lives in
     */
    List<Op> operations(Map<String, String> located) {
        List<Op> ops = new ArrayList<>();
        latest.forEach((id, op) -> {
            if (op != null) {
                ops.add(op);
            } else if (located.containsKey(id)) {
                String concrete = located.get(id);
                ops.add(new Op(id, BulkOperation.of(b -> b.delete(d -> d.index(concrete).id(id)))));
            }
        });
        sent = List.copyOf(ops);
        return sent;
    }

    /** Dead letters so far: the unusable records, and after {@link #settle} the refused ones. */
    List<DeadLetter> deadLetters() {
        return List.copyOf(deadLetters);
    }

    /**
     * Takes Elasticsearch's verdict on every operation sent: counts the acknowledged ones and turns each refused
     * one into a dead letter with Elasticsearch's reason. Deletes of posts found nowhere count as done. Once per batch.
     */
    Counts settle(Map<String, ItemResult> verdicts) {
        if (settled) {
            throw new IllegalStateException("this batch is already settled");
        }
        if (sent == null) {
            throw new IllegalStateException("call operations(...) before settle(...)");
        }
        settled = true;
        long indexed = 0;
        long deleted = latest.values().stream().filter(op -> op == null).count()
                - sent.stream().filter(Op::isDelete).count();
        for (Op op : sent) {
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
            put(record, record.key(), null);
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
        String concrete = monthlyIndex.apply(doc.publishedAt());
        put(record, doc.id(), new Op(doc.id(), BulkOperation.of(b -> b.index(i -> i.index(concrete).id(doc.id()).document(doc)))));
    }

    private void put(ConsumerRecord<String, byte[]> record, String id, Op op) {
        latest.remove(id); // keep the position of the last occurrence
        latest.put(id, op);
        sources.put(id, record);
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
