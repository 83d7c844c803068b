package org.backbeat.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.backbeat.alerts.rules.AlertRule;
import org.backbeat.core.Alert;
import org.backbeat.core.EntitySentiment;
import org.backbeat.core.KafkaProps;
import org.backbeat.core.Post;
import org.backbeat.core.ScoredPost;
import org.backbeat.core.Sentiment;
import org.backbeat.core.SentimentLabel;
import org.backbeat.core.TopicAdmin;
import org.backbeat.core.Topics;
import org.backbeat.infra.LocalKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AlertService on the real in-process broker, exactly-once as in production. */
class AlertServiceTest {

    private static final Instant T0 = Instant.parse("2011-03-01T00:00:00Z");

    @Test
    void a_rule_published_to_the_rules_topic_fires_on_scored_posts_and_the_alert_is_committed_once(@TempDir Path dir) throws Exception {
        Topics pipeline = Topics.withPartitions(2);
        AlertTopics topics = AlertTopics.of(pipeline);
        try (LocalKafka kafka = LocalKafka.start(dir.resolve("kafka"), 0)) {
            TopicAdmin.ensureTopics(kafka.bootstrapServers(), pipeline, Duration.ofSeconds(30));
            TopicAdmin.ensureTopics(kafka.bootstrapServers(), topics.newTopics(), Duration.ofSeconds(30));
            Clock clock = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);
            AlertsConfig config = AlertsConfig.defaults("backbeat-alerts-test", dir.resolve("state"));

            try (AlertService service = new AlertService(kafka.bootstrapServers(), topics, config, clock);
                 KafkaProducer<String, ScoredPost> posts = new KafkaProducer<>(KafkaProps.producer(kafka.bootstrapServers(), "posts"),
                         new StringSerializer(), topics.scored().valueSerde().serializer());
                 KafkaProducer<String, AlertRule> rules = new KafkaProducer<>(KafkaProps.producer(kafka.bootstrapServers(), "rules"),
                         new StringSerializer(), topics.rules().valueSerde().serializer())) {
                // given the running service and an hourly volume rule for Amazon
                service.start();
                assertThat(service.awaitRunning(Duration.ofSeconds(60))).isTrue();
                AlertRule rule = TopologyFixture.hourlyVolume("amazon-volume", "amazon");
                rules.send(new ProducerRecord<>(topics.rules().name(), rule.id(), rule)).get();

                // when 6 hours of 5 posts and an hour of 40 arrive, then a quiet hour and a post that closes it
                int n = 0;
                for (int h = 0; h <= 7; h++) {
                    int count = h == 6 ? 40 : h == 7 ? 1 : 5;
                    for (int i = 0; i < count; i++) {
                        Instant at = T0.plus(Duration.ofHours(h)).plusSeconds(i * 3600L / count + (h == 7 ? 1800 : 0));
                        ScoredPost post = post("simulated:" + (++n), at, "amazon post " + n);
                        posts.send(new ProducerRecord<>(topics.scored().name(), post.id(), post));
                    }
                    posts.flush();
                    if (h == 0) {
                        Thread.sleep(500); // let the rule reach the global store before the history starts
                    }
                }
                // (windows close on the watermark, the least of the partitions' latest times: both partitions must
                //  move past 8:15 before hour 7 closes)
                for (int i = 0; i < 6; i++) {
                    posts.send(new ProducerRecord<>(topics.scored().name(), "simulated:late" + i,
                            post("simulated:late" + i, T0.plus(Duration.ofHours(8).plusMinutes(20 + i)), "closes hour 7, " + i))).get();
                }

                // then one firing alert for hour 6 and its resolve notice are committed, keyed by their ids
                List<ConsumerRecord<String, Alert>> alerts = consume(kafka, topics, 2);
                assertThat(alerts).extracting(r -> r.value().state(), r -> r.value().windowStart())
                        .containsExactly(tuple(Alert.State.FIRING, T0.plus(Duration.ofHours(6))),
                                tuple(Alert.State.RESOLVED, T0.plus(Duration.ofHours(7))));
                assertThat(alerts.get(1).key()).isEqualTo(Alert.idOf("amazon-volume", "amazon", T0.plus(Duration.ofHours(6)), Alert.State.RESOLVED));
                assertThat(alerts.get(0).key()).isEqualTo(Alert.idOf("amazon-volume", "amazon", T0.plus(Duration.ofHours(6)), Alert.State.FIRING));
                assertThat(alerts.get(0).timestamp()).isEqualTo(alerts.get(0).value().firedAt().toEpochMilli());
                assertThat(service.state()).isEqualTo(KafkaStreams.State.RUNNING);
            }
        }
    }

    private static ScoredPost post(String id, Instant at, String text) {
        Sentiment s = new Sentiment(SentimentLabel.NEUTRAL, 0.1, 0.8);
        Post post = Post.of(id, "simulated", at, "someone", null, text, null, "en");
        return new ScoredPost(ScoredPost.SCHEMA_VERSION, post, s, List.of("amazon"),
                List.of(new EntitySentiment("amazon", s, List.of("Amazon"))), List.of(), "m", "t", null, at);
    }

    private static List<ConsumerRecord<String, Alert>> consume(LocalKafka kafka, AlertTopics topics, int expected) {
        List<ConsumerRecord<String, Alert>> records = new ArrayList<>();
        try (KafkaConsumer<String, Alert> consumer = new KafkaConsumer<>(KafkaProps.consumer(kafka.bootstrapServers(), "alerts-test"),
                new StringDeserializer(), topics.alerts().valueSerde().deserializer())) {
            consumer.subscribe(List.of(topics.alerts().name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            // nothing more arrives
            long quiet = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < quiet) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        records.sort(java.util.Comparator.comparingLong(ConsumerRecord::timestamp));
        return records;
    }
}
