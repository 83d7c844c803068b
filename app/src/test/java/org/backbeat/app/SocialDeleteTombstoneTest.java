package org.backbeat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.backbeat.core.KafkaConfig;
import org.backbeat.core.KafkaProps;
import org.backbeat.core.SharedData;
import org.backbeat.core.TopicAdmin;
import org.backbeat.core.Topics;
import org.backbeat.infra.LocalKafka;
import org.backbeat.ingest.KafkaPostSink;
import org.backbeat.ingest.ReplayStats;
import org.backbeat.ingest.twitter.TwitterDumpImporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Twitter delete notice travels to the real broker as a tombstone on posts.raw: key = post id, no value. */
class SocialDeleteTombstoneTest {

    @TempDir
    Path dir;

    @Test
    void a_delete_notice_in_a_stream_capture_becomes_a_tombstone_on_posts_raw() throws Exception {
        // given the real broker with the pipeline's topics, and the real Twitter4J stream capture (a delete, three tweets)
        Topics topics = Topics.withPartitions(1);
        Path capture = SharedData.path("twitter_api_json_twitter4j", "streamingapi-testcase.json");
        try (LocalKafka kafka = LocalKafka.start(dir.resolve("kafka"), 0)) {
            TopicAdmin.ensureTopics(kafka.bootstrapServers(), topics, Duration.ofSeconds(30));

            // when it is imported through the production sink
            ReplayStats stats;
            try (KafkaPostSink sink = new KafkaPostSink(new KafkaConfig(kafka.bootstrapServers(), topics), "social-test")) {
                stats = new TwitterDumpImporter(sink, text -> null, Clock.systemUTC()).importFile(capture);
            }

            // then posts.raw holds the tombstone first, then the three tweets, each keyed by its post id
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            Properties props = KafkaProps.consumer(kafka.bootstrapServers(), "social-test-reader");
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(topics.raw().name()));
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (records.size() < 4 && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                }
            }
            assertThat(stats.accepted()).isEqualTo(4);
            assertThat(records).extracting(ConsumerRecord::key)
                    .containsExactly("twitter:6832057002", "twitter:6832063504", "twitter:6832063500", "twitter:6832063502");
            assertThat(records.get(0).value()).as("tombstone").isNull();
            assertThat(records.subList(1, 4)).allSatisfy(r -> assertThat(r.value()).isNotNull());
            assertThat(topics.raw().valueSerde().deserializer().deserialize(topics.raw().name(), records.get(1).value()).text())
                    .isEqualTo("aaa minha irma ta enchendo aki querendo entra --'");
        }
    }
}
