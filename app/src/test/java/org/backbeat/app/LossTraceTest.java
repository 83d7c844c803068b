package org.backbeat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.backbeat.core.KafkaProps;
import org.backbeat.core.TopicAdmin;
import org.backbeat.core.Topics;
import org.backbeat.infra.LocalKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lost post's trail on the real broker: ingested, scored only in an aborted transaction, dead-lettered. */
class LossTraceTest {

    @TempDir
    Path dir;

    @Test
    void names_where_each_lost_post_is_committed_aborted_or_dead_lettered() throws Exception {
        Topics topics = Topics.withPartitions(1);
        try (LocalKafka kafka = LocalKafka.start(dir, 0)) {
            TopicAdmin.ensureTopics(kafka.bootstrapServers(), topics, Duration.ofSeconds(30));
            byte[] value = "{}".getBytes(StandardCharsets.UTF_8);
            try (KafkaProducer<String, byte[]> plain = new KafkaProducer<>(KafkaProps.producer(kafka.bootstrapServers(), "t"),
                    new StringSerializer(), new ByteArraySerializer())) {
                for (String id : List.of("a", "b", "c", "other")) {
                    plain.send(new ProducerRecord<>(topics.raw().name(), id, value));
                }
                plain.send(new ProducerRecord<>(topics.deadLetter().name(), "c",
                        "{\"stage\":\"score\",\"reason\":\"too long\"}".getBytes(StandardCharsets.UTF_8)));
                plain.flush();
            }
            Properties tx = KafkaProps.producer(kafka.bootstrapServers(), "tx");
            tx.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "loss-trace-test");
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(tx, new StringSerializer(), new ByteArraySerializer())) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(topics.scored().name(), "a", value));
                producer.commitTransaction();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(topics.scored().name(), "b", value));
                producer.flush(); // on the broker, as a killed scorer's open transaction is, before it aborts
                producer.abortTransaction();
            }

            List<String> lines = LossTrace.trace(kafka.bootstrapServers(), topics, List.of("c", "b", "a", "never-sent"), 10);

            assertThat(lines).containsExactly(
                    "a: posts.raw p0@0; posts.scored p0@0; posts.dlq none",
                    // offsets 1-2 of posts.scored are a's commit marker and b's aborted record
                    "b: posts.raw p0@1; posts.scored none (in aborted transactions: p0@2); posts.dlq none",
                    "c: posts.raw p0@2; posts.scored none; posts.dlq p0@0 {\"stage\":\"score\",\"reason\":\"too long\"}",
                    "never-sent: posts.raw none; posts.scored none; posts.dlq none");
            assertThat(LossTrace.trace(kafka.bootstrapServers(), topics, List.of("c", "b", "a"), 1)).hasSize(1)
                    .first().asString().startsWith("a:");
        }
    }
}
