package org.backbeat.app;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.backbeat.alerts.AlertService;
import org.backbeat.alerts.AlertTopics;
import org.backbeat.alerts.AlertsConfig;
import org.backbeat.alerts.rules.AlertRule;
import org.backbeat.alerts.rules.BenchmarkRules;
import org.backbeat.core.Catalogue;
import org.backbeat.core.KafkaConfig;
import org.backbeat.core.KafkaProps;
import org.backbeat.core.Post;
import org.backbeat.core.TopicAdmin;
import org.backbeat.core.Topics;
import org.backbeat.core.TrackedEntity;
import org.backbeat.infra.LocalKafka;
import org.backbeat.ingest.sim.Scenarios;
import org.backbeat.ingest.sim.SimulatedPosts;
import org.backbeat.nlp.pipeline.NlpConfig;
import org.backbeat.nlp.pipeline.NlpService;
import org.backbeat.nlp.pipeline.PerThreadScorer;
import org.backbeat.nlp.pipeline.PostAnalyzer;
import org.backbeat.nlp.sentiment.Scorers;

/**
 * The alert topology's CPU per post, with many active rules, as a share of the scoring topology's, in one run on
 * the in-process broker: the demo's simulated posts are scored by the production scoring topology (calibrated
 * scorer, exactly-once), then the scored posts go through the production alert topology (exactly-once); each
 * app's stream threads' CPU is read when it has processed every post.
 */
final class AlertsBench {

    record Settings(Path workDir, int rules, long seed, int repeat) {
    }

    private final Settings settings;
    private final PrintStream out;

    AlertsBench(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    void run() throws Exception {
        List<Post> posts = posts(new SimulatedPosts(Scenarios.cloudLockers2011()).generate(settings.seed()), settings.repeat());
        Topics topics = Topics.named("bench.raw", "bench.scored", "bench.dlq", 1);
        AlertTopics alertTopics = AlertTopics.named(topics, "bench.alerts.rules", "bench.alerts");
        List<AlertRule> rules = BenchmarkRules.of(settings.rules(),
                Catalogue.defaults().entities().stream().map(TrackedEntity::id).toList());
        out.printf("alerts bench: %d posts (the simulated spring 2011, seed %d, %d times over, every text made unique), %d rules%n",
                posts.size(), settings.seed(), settings.repeat(), rules.size());
        try (LocalKafka kafka = LocalKafka.start(settings.workDir().resolve("kafka"), 0)) {
            TopicAdmin.ensureTopics(kafka.bootstrapServers(), topics, Duration.ofSeconds(30));
            TopicAdmin.ensureTopics(kafka.bootstrapServers(), alertTopics.newTopics(), Duration.ofSeconds(30));
            var producerProps = KafkaProps.producer(kafka.bootstrapServers(), "bench-alerts");
            producerProps.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps, new StringSerializer(),
                    new org.apache.kafka.common.serialization.ByteArraySerializer())) {
                for (AlertRule r : rules) {
                    producer.send(new ProducerRecord<>(alertTopics.rules().name(), r.id(),
                            alertTopics.rules().valueSerde().serializer().serialize(null, r)));
                }
                for (Post p : posts) {
                    producer.send(new ProducerRecord<>(topics.raw().name(), p.id(), topics.raw().valueSerde().serializer().serialize(null, p)));
                }
                producer.flush();
            }

            // 1. Scoring: the production topology with the calibrated scorer, one thread.
            KafkaConfig config = new KafkaConfig(kafka.bootstrapServers(), topics);
            PostAnalyzer analyzer = PostAnalyzer.standard(Catalogue.defaults(), new PerThreadScorer(Scorers::standard), Clock.systemUTC());
            // The first copy of the simulation warms each app up (start, restore, JIT): CPU is read after it and at the end.
            int warm = posts.size() / settings.repeat();
            int measured = posts.size() - warm;
            double scoringCpu;
            double scoringAll;
            try (NlpService nlp = new NlpService(analyzer, config, new NlpConfig("bench-nlp", 1, settings.workDir().resolve("nlp")), Clock.systemUTC())) {
                nlp.start();
                awaitCount(kafka, topics.scored().name(), warm, "scored posts");
                double atWarm = streamThreadsCpuNanos() / 1e9;
                awaitCount(kafka, topics.scored().name(), posts.size(), "scored posts");
                scoringAll = streamThreadsCpuNanos() / 1e9;
                scoringCpu = scoringAll - atWarm;
            }
            out.printf("  scoring topology: %.2f s stream-thread CPU in all; after the first %d posts %.0f µs per post%n",
                    scoringAll, warm, scoringCpu * 1e6 / measured);

            // 2. Alerts: the production topology over the scored posts, with the rules, one thread.
            double alertsCpu;
            double alertsAll;
            AlertsConfig alertsConfig = AlertsConfig.defaults("bench-alerts", settings.workDir().resolve("alerts"));
            try (AlertService alerts = new AlertService(kafka.bootstrapServers(), alertTopics, alertsConfig, Clock.systemUTC())) {
                alerts.start();
                awaitConsumed(kafka, "bench-alerts", topics.scored().name(), warm);
                double atWarm = streamThreadsCpuNanos() / 1e9;
                awaitConsumed(kafka, "bench-alerts", topics.scored().name(), posts.size());
                alertsAll = streamThreadsCpuNanos() / 1e9;
                alertsCpu = alertsAll - atWarm;
            }
            out.printf("  alert topology (%d rules): %.2f s stream-thread CPU in all (%.0f µs per post); after the first %d posts %.0f µs per post%n",
                    rules.size(), alertsAll, alertsAll * 1e6 / posts.size(), warm, alertsCpu * 1e6 / measured);
            out.printf("  alert topology CPU per post as a share of the scoring topology's: %.1f%% warm, %.1f%% all posts%n",
                    100 * alertsCpu / scoringCpu, 100 * alertsAll / scoringAll);
        }
    }

    /**
     * The simulation {@code repeat} times over, each copy a scenario's length later, every text made unique (the
     * simulation's texts come from templates: repeated, the scoring topology would answer most from its cache and
     * look cheaper than on real posts), so both topologies see fresh texts.
     */
    static List<Post> posts(List<Post> simulated, int repeat) {
        java.util.List<Post> posts = new java.util.ArrayList<>();
        Duration span = Duration.ofDays(93);
        for (int r = 0; r < repeat; r++) {
            for (int i = 0; i < simulated.size(); i++) {
                Post p = simulated.get(i);
                posts.add(Post.of(p.id() + "-" + r, p.source(), p.publishedAt().plus(span.multipliedBy(r)), p.author(),
                        p.headline(), p.text() + " (" + r + "." + i + ")", p.url(), p.lang()));
            }
        }
        return posts;
    }

    /** Waits until {@code topic} holds {@code count} records (read by a fresh consumer). */
    private static void awaitCount(LocalKafka kafka, String topic, int count, String what) {
        int seen = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KafkaProps.consumer(kafka.bootstrapServers(),
                "bench-count-" + topic), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
            while (seen < count && System.nanoTime() < deadline) {
                seen += consumer.poll(Duration.ofMillis(200)).count();
            }
        }
        if (seen < count) {
            throw new IllegalStateException("only " + seen + " of " + count + " " + what + " came out");
        }
    }

    /** Waits until the Streams app {@code group} has committed offsets past every record of {@code topic}. */
    private static void awaitConsumed(LocalKafka kafka, String group, String topic, int count) throws Exception {
        try (var admin = org.apache.kafka.clients.admin.Admin.create(KafkaProps.admin(kafka.bootstrapServers(), "bench-admin"))) {
            long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
            while (System.nanoTime() < deadline) {
                var offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                long committed = offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
                        .mapToLong(e -> e.getValue() == null ? 0 : e.getValue().offset()).sum();
                if (committed >= count) {
                    return;
                }
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("the alert topology did not consume " + count + " posts in time");
    }

    /** CPU of the live Streams threads since they started: each app is new, so this is its work alone. */
    private static long streamThreadsCpuNanos() {
        var threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains("StreamThread")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

}
