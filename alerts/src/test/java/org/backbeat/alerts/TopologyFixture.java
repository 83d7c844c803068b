package org.backbeat.alerts;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.backbeat.alerts.rules.AlertRule;
import org.backbeat.core.Alert;
import org.backbeat.core.DeadLetter;
import org.backbeat.core.EntitySentiment;
import org.backbeat.core.KafkaProps;
import org.backbeat.core.Post;
import org.backbeat.core.ScoredPost;
import org.backbeat.core.Sentiment;
import org.backbeat.core.SentimentLabel;
import org.backbeat.core.TopicMatch;
import org.backbeat.core.Topics;

/** The alert topology on TopologyTestDriver, built by the production build method and config helper. */
final class TopologyFixture implements AutoCloseable {

    static final Instant T0 = Instant.parse("2011-03-01T00:00:00Z");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);

    final AlertTopics topics = AlertTopics.of(Topics.withPartitions(1));
    final TopologyTestDriver driver;
    private final TestInputTopic<String, byte[]> scored;
    private final TestInputTopic<String, byte[]> rules;
    private final TestOutputTopic<String, Alert> alerts;
    private final TestOutputTopic<String, DeadLetter> deadLetters;
    private int seq;

    TopologyFixture(Path stateDir, AlertsConfig config) {
        Properties props = KafkaProps.streams("dummy:9092", config.applicationId(), stateDir, 1);
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(props)));
        AlertTopology.buildTopology(builder, topics, config, CLOCK);
        driver = new TopologyTestDriver(builder.build(), props);
        scored = driver.createInputTopic(topics.scored().name(), new StringSerializer(), new ByteArraySerializer());
        rules = driver.createInputTopic(topics.rules().name(), new StringSerializer(), new ByteArraySerializer());
        alerts = driver.createOutputTopic(topics.alerts().name(), new StringDeserializer(), topics.alerts().valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(topics.deadLetter().name(), new StringDeserializer(),
                topics.deadLetter().valueSerde().deserializer());
    }

    TopologyFixture(Path stateDir) {
        this(stateDir, AlertsConfig.defaults("backbeat-alerts-test", stateDir));
    }

    static Instant hour(double h) {
        return T0.plusMillis((long) (h * 3_600_000));
    }

    void rule(AlertRule rule) {
        rules.pipeInput(rule.id(), topics.rules().valueSerde().serializer().serialize(topics.rules().name(), rule));
    }

    void deleteRule(String id) {
        rules.pipeInput(id, (byte[]) null);
    }

    void raw(String key, String json) {
        scored.pipeInput(key, json == null ? null : json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** One post about {@code entity} at {@code at}, with this text and entity sentiment (negative below -0.25). */
    void post(String entity, Instant at, String text, double sentiment, String... topicIds) {
        SentimentLabel label = sentiment < -0.25 ? SentimentLabel.NEGATIVE : sentiment > 0.25 ? SentimentLabel.POSITIVE : SentimentLabel.NEUTRAL;
        Sentiment s = new Sentiment(label, sentiment, 0.8);
        Post post = Post.of("simulated:" + (++seq), "simulated", at, "user" + seq, null, text, "https://example.org/" + seq, "en");
        List<TopicMatch> topicsOf = new ArrayList<>();
        for (String t : topicIds) {
            topicsOf.add(new TopicMatch(t, List.of(t)));
        }
        ScoredPost sp = new ScoredPost(ScoredPost.SCHEMA_VERSION, post, s, List.of(entity),
                List.of(new EntitySentiment(entity, s, List.of(entity))), topicsOf, "test-model", "t1", null, CLOCK.instant());
        scored.pipeInput(post.id(), topics.scored().valueSerde().serializer().serialize(topics.scored().name(), sp), at);
    }

    /** {@code n} posts of distinct texts spread evenly over the hour starting at {@code h}. */
    void hourOf(String entity, int h, int n, double sentiment) {
        for (int i = 0; i < n; i++) {
            post(entity, hour(h + (i + 0.5) / n), entity + " post " + h + "-" + i, sentiment);
        }
    }

    List<TestRecord<String, Alert>> alerts() {
        return alerts.readRecordsToList();
    }

    List<DeadLetter> deadLetters() {
        return deadLetters.readValuesToList();
    }

    @Override
    public void close() {
        driver.close();
    }

    static AlertRule hourlyVolume(String id, String entity) {
        return AlertRule.of(id, "Volume " + entity, Alert.Kind.VOLUME_SPIKE, List.of(entity))
                .withTimings(Duration.ofHours(1), Duration.ofHours(24), Duration.ZERO, Duration.ofHours(6))
                .withMinBaselineWindows(3);
    }
}
