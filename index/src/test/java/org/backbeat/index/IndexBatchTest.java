package org.backbeat.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.backbeat.core.DeadLetter;
import org.backbeat.core.ScoredPost;
import org.backbeat.core.Topic;
import org.backbeat.core.Topics;
import org.backbeat.index.BulkWriter.ItemResult;
import org.backbeat.index.BulkWriter.Op;
import org.backbeat.index.schema.PostDocument;
import org.backbeat.index.testing.Fixtures;
import org.junit.jupiter.api.Test;

class IndexBatchTest {

    private static final Topic<String, ScoredPost> TOPIC = Topics.named("t.raw", "t.scored", "t.dlq", 1).scored();
    private static final Instant NOW = Instant.parse("2026-02-01T12:00:00Z");

    @Test
    void the_last_record_per_post_id_wins_and_a_tombstone_deletes() {
        // given twitter:1 indexed then deleted, twitter:2 indexed then re-scored
        List<ConsumerRecord<String, byte[]>> records = List.of(
                record(0, "twitter:1", json(Fixtures.post("twitter:1", "2011-03-29T09:00:00Z", 0.6, "amazon"))),
                record(1, "twitter:2", json(Fixtures.post("twitter:2", "2011-03-29T10:00:00Z", 0.6, "amazon"))),
                record(2, "twitter:1", null),
                record(3, "twitter:2", json(Fixtures.post("twitter:2", "2011-03-29T10:00:00Z", -0.5, "amazon"))));

        // when
        IndexBatch batch = IndexBatch.of(records, TOPIC, "posts", t -> "posts-2011.03", NOW);

        // then one operation per id, in the order of each id's last record
        assertThat(batch.deleteIds()).containsExactly("twitter:1");
        List<Op> ops = batch.operations(Map.of("twitter:1", "posts-2011.02"));
        assertThat(ops).extracting(Op::id).containsExactly("twitter:1", "twitter:2");
        assertThat(ops.get(0).isDelete()).isTrue();
        assertThat(ops.get(0).operation().delete().index()).isEqualTo("posts-2011.02");
        assertThat(ops.get(1).operation().index().index()).isEqualTo("posts-2011.03");
        PostDocument doc = (PostDocument) ops.get(1).operation().index().document();
        assertThat(doc.sentiment().score()).isEqualTo(-0.5);
        assertThat(batch.deadLetters()).isEmpty();
    }

    @Test
    void unreadable_records_and_tombstones_without_a_key_become_dead_letters_with_the_reason() {
        // given a record that is not JSON, one that is JSON null, and tombstones without a (usable) key
        List<ConsumerRecord<String, byte[]>> records = List.of(
                record(0, "garbage:1", bytes("this is not json")),
                record(1, "nothing:1", bytes("null")),
                record(2, null, null),
                record(3, " ", null));

        // when
        IndexBatch batch = IndexBatch.of(records, TOPIC, "posts", t -> "posts-2011.03", NOW);

        // then nothing is sent to Elasticsearch, and each is a dead letter of stage "index"
        assertThat(batch.operations(Map.of())).isEmpty();
        List<DeadLetter> dead = batch.deadLetters();
        assertThat(dead).extracting(DeadLetter::key).containsExactly("garbage:1", "nothing:1", null, " ");
        assertThat(dead).allSatisfy(d -> {
            assertThat(d.stage()).isEqualTo("index");
            assertThat(d.sourceTopic()).isEqualTo("t.scored");
            assertThat(d.failedAt()).isEqualTo(NOW);
        });
        assertThat(dead.get(0).reason()).startsWith("not a valid ScoredPost:");
        assertThat(dead.get(0).payload()).isEqualTo("this is not json");
        assertThat(dead.get(1).reason()).isEqualTo("not a valid ScoredPost: JSON null");
        assertThat(dead.get(1).payload()).isEqualTo("null");
        assertThat(dead.get(2).reason()).contains("tombstone without a key");
        assertThat(dead.get(2).payload()).isNull();
        assertThat(dead.get(3).reason()).contains("tombstone without a key");
    }

    @Test
    void settling_counts_what_elasticsearch_acknowledged_and_dead_letters_what_it_refused_with_its_reason() {
        // given an index, a refused index, and a delete
        byte[] refused = json(Fixtures.post("twitter:2", "2011-03-29T10:00:00Z", 0.2, "amazon"));
        IndexBatch batch = IndexBatch.of(List.of(
                record(0, "twitter:1", json(Fixtures.post("twitter:1", "2011-03-29T09:00:00Z", 0.6, "amazon"))),
                record(1, "twitter:2", refused),
                record(2, "twitter:3", null),
                record(3, "twitter:4", null)), TOPIC, "posts", t -> "posts-2011.03", NOW);
        batch.operations(Map.of("twitter:3", "posts-2011.03")); // twitter:4 is found nowhere: already gone

        // when Elasticsearch's verdicts come back
        IndexBatch.Counts counts = batch.settle(Map.of(
                "twitter:1", new ItemResult(201, null, 1),
                "twitter:2", new ItemResult(400, "document_parsing_exception: failed to parse field [publishedAt]", 3),
                "twitter:3", new ItemResult(404, null, 1)));

        // then
        assertThat(counts).isEqualTo(new IndexBatch.Counts(1, 2, 1));
        DeadLetter dead = batch.deadLetters().get(0);
        assertThat(batch.deadLetters()).hasSize(1);
        assertThat(dead.key()).isEqualTo("twitter:2");
        assertThat(dead.payload()).isEqualTo(new String(refused, StandardCharsets.UTF_8));
        assertThat(dead.reason()).contains("indexing twitter:2 in index posts after 3 attempts")
                .contains("status 400").contains("document_parsing_exception").contains("publishedAt");
    }

    private static ConsumerRecord<String, byte[]> record(long offset, String key, byte[] value) {
        return new ConsumerRecord<>(TOPIC.name(), 0, offset, key, value);
    }

    private static byte[] json(ScoredPost post) {
        return TOPIC.valueSerde().serializer().serialize(TOPIC.name(), post);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
