package org.backbeat.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.backbeat.alerts.AlertTopics;
import org.backbeat.alerts.AlertTopology;
import org.backbeat.alerts.AlertsConfig;
import org.backbeat.alerts.rules.AlertRule;
import org.backbeat.alerts.rules.RulesFile;
import org.backbeat.core.Alert;
import org.backbeat.core.Catalogue;
import org.backbeat.core.KafkaProps;
import org.backbeat.core.Post;
import org.backbeat.core.ScoredPost;
import org.backbeat.core.Sentiment;
import org.backbeat.core.SentimentLabel;
import org.backbeat.core.TrackedEntity;
import org.backbeat.core.Topics;
import org.backbeat.ingest.sim.Scenarios;
import org.backbeat.ingest.sim.SimulatedPosts;
import org.backbeat.nlp.pipeline.PostAnalyzer;
import org.backbeat.nlp.sentiment.Scorer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's simulated spring 2011, scored cheaply (the catalogue's entities and topics, a fixed sentiment) and
 * replayed through the alert topology with the shipped rules file: history fires what it would have fired, on
 * event time.
 */
class AlertReplayTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);

    /** Cheap and fixed: this test is about the alerts, not the scorer. */
    private static final Scorer NEUTRAL = new Scorer() {
        @Override
        public Sentiment score(String text) {
            return new Sentiment(SentimentLabel.NEUTRAL, 0.0, 0.6);
        }

        @Override
        public String model() {
            return "neutral-test";
        }
    };

    @Test
    void replaying_the_simulated_spring_2011_fires_the_amazon_volume_spike_at_the_cloud_drive_launch_once(@TempDir Path dir) {
        // given the shipped rules and the demo's simulated posts (seed 2011, as ./backbeat demo), scored
        Catalogue catalogue = Catalogue.defaults();
        List<AlertRule> rules = RulesFile.read(Path.of("..", "config", "alert-rules.json"),
                catalogue.entities().stream().map(TrackedEntity::id).collect(Collectors.toSet()));
        PostAnalyzer analyzer = PostAnalyzer.standard(catalogue, NEUTRAL, CLOCK);
        List<Post> posts = new SimulatedPosts(Scenarios.cloudLockers2011()).generate(2011);

        AlertTopics topics = AlertTopics.of(Topics.withPartitions(1));
        AlertsConfig config = AlertsConfig.defaults("backbeat-alerts-replay", dir);
        Properties props = KafkaProps.streams("replay:9092", config.applicationId(), dir, 1);
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(props)));
        AlertTopology.buildTopology(builder, topics, config, CLOCK);
        List<Alert> alerts;
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
            TestInputTopic<String, AlertRule> ruleIn = driver.createInputTopic(topics.rules().name(),
                    new StringSerializer(), topics.rules().valueSerde().serializer());
            TestInputTopic<String, ScoredPost> in = driver.createInputTopic(topics.scored().name(),
                    new StringSerializer(), topics.scored().valueSerde().serializer());
            TestOutputTopic<String, Alert> out = driver.createOutputTopic(topics.alerts().name(),
                    new StringDeserializer(), topics.alerts().valueSerde().deserializer());
            rules.forEach(r -> ruleIn.pipeInput(r.id(), r));

            // when the history is replayed in publication order
            for (Post post : posts) {
                ScoredPost scored = analyzer.analyse(post);
                in.pipeInput(scored.id(), scored, CLOCK.instant()); // record times of now: event time is publishedAt
            }
            alerts = out.readValuesToList();
        }

        // then the Amazon volume spike fires once, for the launch day, stamped in 2011
        List<Alert> amazon = alerts.stream().filter(a -> a.ruleId().equals("amazon-volume-spike")).toList();
        assertThat(amazon).filteredOn(a -> a.state() == Alert.State.FIRING)
                .extracting(Alert::entity, Alert::windowStart)
                .containsExactly(tuple("amazon", Instant.parse("2011-03-29T00:00:00Z")));
        Alert launch = amazon.get(0);
        assertThat(launch.firedAt()).isBetween(Instant.parse("2011-03-29T00:00:00Z"), Instant.parse("2011-03-30T00:00:00Z"));
        assertThat(launch.posts()).isGreaterThanOrEqualTo(20); // the rule's minPosts: it fires as the 20th post arrives
        assertThat(launch.distinctTexts()).isGreaterThanOrEqualTo(3);
        System.out.println(launch.summary());
        alerts.forEach(a -> System.out.println(a.state() + " " + a.ruleId() + " " + a.entity() + " " + a.windowStart() + " " + a.firedAt()));
    }
}
