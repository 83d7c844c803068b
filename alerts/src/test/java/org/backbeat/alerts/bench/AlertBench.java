package org.backbeat.alerts.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
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
import org.backbeat.core.Alert;
import org.backbeat.core.EntitySentiment;
import org.backbeat.core.KafkaProps;
import org.backbeat.core.Post;
import org.backbeat.core.ScoredPost;
import org.backbeat.core.Sentiment;
import org.backbeat.core.SentimentLabel;
import org.backbeat.core.TopicMatch;
import org.backbeat.core.Topics;

/**
 * CPU per post of the alert topology with many active rules, on one thread, without a broker
 * (TopologyTestDriver: the topology's own work — serdes, state stores on RocksDB, the repartition's
 * serialisation, the evaluation — but no network and no transactions). The posts are synthetic: entities of
 * the catalogue, 30% copies of earlier texts, a few topics, a steady rate of posts per hour of event time.
 */
public final class AlertBench {

    /**
     * What a run measured.
     *
     * @param posts        posts measured (after the warm-up)
     * @param rules        active rules
     * @param cpuNanos     CPU time of the thread that processed them
     * @param wallNanos    wall-clock time
     * @param alerts       alerts raised during the measured posts
     */
    public record Result(int posts, int rules, long cpuNanos, long wallNanos, int alerts) {
        public double cpuMicrosPerPost() {
            return cpuNanos / 1000.0 / posts;
        }

        public double postsPerCpuSecond() {
            return posts / (cpuNanos / 1e9);
        }
    }

    public static final List<String> ENTITIES = List.of("umg", "sony-music", "wmg", "emi", "riaa", "ifpi", "amazon",
            "amazon-cloud-drive", "amazon-cloud-player", "apple", "itunes", "google", "google-music", "spotify",
            "pandora", "deezer", "soundcloud", "grooveshark", "mp3tunes", "napster", "youtube-music", "tidal",
            "bandcamp", "icloud", "itunes-match");
    private static final List<String> TOPICS = List.of("lawsuit", "licensing-deal", "cloud-locker", "pricing", "outage-bug");

    private AlertBench() {
    }

    /** {@code count} rules over the bench's entities (see {@link org.backbeat.alerts.rules.BenchmarkRules}). */
    public static List<AlertRule> rules(int count) {
        return org.backbeat.alerts.rules.BenchmarkRules.of(count, ENTITIES);
    }

    /** Synthetic scored posts, {@code perHour} an hour of event time from 2011-03-01, 30% repeating an earlier text. */
    public static List<ScoredPost> posts(int count, int perHour, long seed) {
        Random random = new Random(seed);
        Instant t0 = Instant.parse("2011-03-01T00:00:00Z");
        List<String> texts = new ArrayList<>();
        List<ScoredPost> posts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Instant at = t0.plusMillis((long) i * 3_600_000L / perHour + random.nextInt(1000));
            String e1 = ENTITIES.get(random.nextInt(ENTITIES.size()));
            List<String> entities = random.nextInt(4) == 0 ? List.of(e1, ENTITIES.get(random.nextInt(ENTITIES.size()))).stream().distinct().toList() : List.of(e1);
            String text = !texts.isEmpty() && random.nextDouble() < 0.3 ? texts.get(random.nextInt(texts.size()))
                    : "post " + i + " about " + e1 + " " + Long.toHexString(random.nextLong());
            texts.add(text);
            double score = Math.max(-1, Math.min(1, random.nextGaussian() * 0.4));
            Sentiment s = new Sentiment(score < -0.25 ? SentimentLabel.NEGATIVE : score > 0.25 ? SentimentLabel.POSITIVE
                    : SentimentLabel.NEUTRAL, score, 0.7);
            List<TopicMatch> topics = random.nextInt(5) == 0 ? List.of(new TopicMatch(TOPICS.get(random.nextInt(TOPICS.size())), List.of("x")))
                    : List.of();
            Post post = Post.of("bench:" + i, "twitter", at, "user" + random.nextInt(10_000), null, text,
                    "https://example.org/" + i, "en");
            posts.add(new ScoredPost(ScoredPost.SCHEMA_VERSION, post, s, entities,
                    entities.stream().map(e -> new EntitySentiment(e, s, List.of(e))).toList(), topics, "bench", "t", null, at));
        }
        return posts;
    }

    /** Runs {@code warmUp} posts, then measures the rest, through the production topology. */
    public static Result run(List<AlertRule> rules, List<ScoredPost> posts, int warmUp, Path stateDir) {
        AlertTopics topics = AlertTopics.of(Topics.withPartitions(1));
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
        AlertsConfig config = AlertsConfig.defaults("backbeat-alerts-bench", stateDir);
        Properties props = KafkaProps.streams("bench:9092", config.applicationId(), stateDir, 1);
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(props)));
        AlertTopology.buildTopology(builder, topics, config, clock);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
            TestInputTopic<String, AlertRule> ruleIn = driver.createInputTopic(topics.rules().name(), new StringSerializer(),
                    topics.rules().valueSerde().serializer());
            TestInputTopic<String, ScoredPost> in = driver.createInputTopic(topics.scored().name(), new StringSerializer(),
                    topics.scored().valueSerde().serializer());
            TestOutputTopic<String, Alert> out = driver.createOutputTopic(topics.alerts().name(), new StringDeserializer(),
                    topics.alerts().valueSerde().deserializer());
            rules.forEach(r -> ruleIn.pipeInput(r.id(), r));
            for (int i = 0; i < warmUp && i < posts.size(); i++) {
                in.pipeInput(posts.get(i).id(), posts.get(i), posts.get(i).post().publishedAt());
            }
            out.readRecordsToList();
            long cpu0 = threads.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            for (int i = warmUp; i < posts.size(); i++) {
                in.pipeInput(posts.get(i).id(), posts.get(i), posts.get(i).post().publishedAt());
            }
            long cpu = threads.getCurrentThreadCpuTime() - cpu0;
            long wall = System.nanoTime() - wall0;
            return new Result(posts.size() - warmUp, rules.size(), cpu, wall, out.readRecordsToList().size());
        }
    }
}
