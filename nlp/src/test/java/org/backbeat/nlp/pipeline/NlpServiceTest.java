package org.backbeat.nlp.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.backbeat.core.Catalogue;
import org.backbeat.core.DeadLetter;
import org.backbeat.core.EntitySentiment;
import org.backbeat.core.KafkaConfig;
import org.backbeat.core.KafkaProps;
import org.backbeat.core.Post;
import org.backbeat.core.ScoredPost;
import org.backbeat.core.Sentiment;
import org.backbeat.core.SentimentLabel;
import org.backbeat.core.TopicAdmin;
import org.backbeat.core.TopicMatch;
import org.backbeat.core.Topics;
import org.backbeat.infra.LocalKafka;
import org.backbeat.nlp.sentiment.Scorer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NlpService on the real in-process broker, with exactly-once processing as in production. */
class NlpServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    /** A fixed scorer: this test is about the wiring; the scoring itself is tested elsewhere. */
    private static final Scorer FIXED = new Scorer() {
        @Override
        public Sentiment score(String text) {
            return new Sentiment(SentimentLabel.POSITIVE, 0.5, 0.75);
        }

        @Override
        public String model() {
            return "fixed-test";
        }
    };

    @Test
    void scores_posts_from_the_broker_and_parks_bad_records(@TempDir Path dir) throws Exception {
        Topics topics = Topics.withPartitions(2);
        try (LocalKafka kafka = LocalKafka.start(dir.resolve("kafka"), 0)) {
            KafkaConfig kafkaConfig = new KafkaConfig(kafka.bootstrapServers(), topics);
            TopicAdmin.ensureTopics(kafka.bootstrapServers(), topics, Duration.ofSeconds(30));
            Post post = Post.of("twitter:1", "twitter", Instant.parse("2011-03-29T14:05:00Z"), "fan42", null,
                    "Amazon Cloud Player is out", null, "en");

            // given a running service
            Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
            NlpService service = new NlpService(PostAnalyzer.standard(Catalogue.defaults(), FIXED, clock), kafkaConfig,
                    new NlpConfig("backbeat-nlp-test", 1, dir.resolve("state")), clock);
            try {
                service.start();
                assertThat(service.awaitRunning(Duration.ofSeconds(60))).isTrue();
                assertThat(service.state()).isEqualTo(KafkaStreams.State.RUNNING);

                // when a bad record and a post arrive
                try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                        KafkaProps.producer(kafka.bootstrapServers(), "nlp-test-producer"), new StringSerializer(), new ByteArraySerializer())) {
                    producer.send(new ProducerRecord<>(topics.raw().name(), "twitter:0", "{oops".getBytes(StandardCharsets.UTF_8))).get();
                    producer.send(new ProducerRecord<>(topics.raw().name(), post.id(),
                            topics.raw().valueSerde().serializer().serialize(topics.raw().name(), post))).get();
                }

                // then the post is scored and the bad record is a dead letter, both committed
                List<ScoredPost> scored = consume(kafka, topics.scored().name(), 1).stream()
                        .map(r -> topics.scored().valueSerde().deserializer().deserialize(r.topic(), r.value())).toList();
                assertThat(scored).hasSize(1);
                assertThat(scored.get(0).post()).isEqualTo(post);
                assertThat(scored.get(0).sentiment()).isEqualTo(FIXED.score(""));
                assertThat(scored.get(0).entities()).containsExactly("amazon", "amazon-cloud-player");
                assertThat(scored.get(0).entitySentiments()).extracting(EntitySentiment::entity, EntitySentiment::mentions)
                        .containsExactly(tuple("amazon", List.of("Amazon Cloud Player")), tuple("amazon-cloud-player", List.of("Amazon Cloud Player")));
                assertThat(scored.get(0).topics()).containsExactly(new TopicMatch("cloud-locker", List.of("Cloud Player")));
                assertThat(scored.get(0).taxonomyVersion()).isEqualTo("topics-2026-11-24");
                assertThat(scored.get(0).model()).isEqualTo("fixed-test");
                assertThat(scored.get(0).scoredAt()).isEqualTo(NOW);
                List<DeadLetter> dead = consume(kafka, topics.deadLetter().name(), 1).stream()
                        .map(r -> topics.deadLetter().valueSerde().deserializer().deserialize(r.topic(), r.value())).toList();
                assertThat(dead).extracting(DeadLetter::key, DeadLetter::stage, DeadLetter::payload)
                        .containsExactly(tuple("twitter:0", "parse", "{oops"));
            } finally {
                service.close();
            }

            // once closed, it has stopped
            assertThat(service.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
            assertThat(service.awaitRunning(Duration.ofMillis(10))).isFalse();
        }
    }

    private static List<ConsumerRecord<String, byte[]>> consume(LocalKafka kafka, String topic, int expected) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                KafkaProps.consumer(kafka.bootstrapServers(), "nlp-test-" + topic),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
