package org.backbeat.app;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
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
 * the in-process broker: both production topologies run side by side in this JVM (calibrated scorer and the
 * alert topology, one stream thread each, exactly-once), the scoring app reading {@code posts.raw} and the alert app
 * reading what it writes to {@code posts.scored}. The posts arrive in rounds (one copy of the demo's simulated
 * spring 2011 each, a scenario's length later in event time, every text made unique); after each round, once
 * both apps have committed past its last post, the CPU time of each app's stream threads is read: the difference
 * from the previous round is that round's work. Round 0 (start, restore, JIT) is reported and left out of the medians.
 */
final class AlertsBench {

    record Settings(Path workDir, int rules, long seed, int rounds) {
    }

    /** One measured round: CPU of each app over the same posts. */
    record Round(int posts, double scoringCpuSeconds, double alertsCpuSeconds) {
        double scoringMicrosPerPost() {
            return scoringCpuSeconds * 1e6 / posts;
        }

        double alertsMicrosPerPost() {
            return alertsCpuSeconds * 1e6 / posts;
        }

        double share() {
            return alertsCpuSeconds / scoringCpuSeconds;
        }
    }

    private static final String SCORING_APP = "bench-nlp";
    private static final String ALERTS_APP = "bench-alerts";

    private final Settings settings;
    private final PrintStream out;

    AlertsBench(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    List<Round> run() throws Exception {
        List<Post> simulated = new SimulatedPosts(Scenarios.cloudLockers2011()).generate(settings.seed());
        int rounds = settings.rounds() + 1;
        List<Post> posts = posts(simulated, rounds);
        int perRound = simulated.size();
        Topics topics = Topics.named("bench.raw", "bench.scored", "bench.dlq", 1);
        AlertTopics alertTopics = AlertTopics.named(topics, "bench.alerts.rules", "bench.alerts");
        List<AlertRule> rules = BenchmarkRules.of(settings.rules(),
                Catalogue.defaults().entities().stream().map(TrackedEntity::id).toList());
        out.printf("alerts bench: %d rules; %d rounds of %d posts (the simulated spring 2011, seed %d, every text made "
                        + "unique), round 0 a warm-up; both topologies running side by side, 1 stream thread each%n",
                rules.size(), rounds, perRound, settings.seed());
        List<Round> measured = new ArrayList<>();
        try (LocalKafka kafka = LocalKafka.start(settings.workDir().resolve("kafka"), 0)) {
            TopicAdmin.ensureTopics(kafka.bootstrapServers(), topics, Duration.ofSeconds(30));
            TopicAdmin.ensureTopics(kafka.bootstrapServers(), alertTopics.newTopics(), Duration.ofSeconds(30));
            var producerProps = KafkaProps.producer(kafka.bootstrapServers(), "bench-alerts-producer");
            producerProps.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
            KafkaConfig config = new KafkaConfig(kafka.bootstrapServers(), topics);
            PostAnalyzer analyzer = PostAnalyzer.standard(Catalogue.defaults(), new PerThreadScorer(Scorers::standard), Clock.systemUTC());
            AlertsConfig alertsConfig = AlertsConfig.defaults(ALERTS_APP, settings.workDir().resolve("alerts"));
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps, new StringSerializer(),
                    new org.apache.kafka.common.serialization.ByteArraySerializer());
                 NlpService nlp = new NlpService(analyzer, config, new NlpConfig(SCORING_APP, 1, settings.workDir().resolve("nlp")), Clock.systemUTC());
                 AlertService alerts = new AlertService(kafka.bootstrapServers(), alertTopics, alertsConfig, Clock.systemUTC())) {
                for (AlertRule r : rules) {
                    producer.send(new ProducerRecord<>(alertTopics.rules().name(), r.id(),
                            alertTopics.rules().valueSerde().serializer().serialize(null, r)));
                }
                producer.flush();
                nlp.start();
                alerts.start();
                double scoringBefore = 0;
                double alertsBefore = 0;
                for (int r = 0; r < rounds; r++) {
                    for (Post p : posts.subList(r * perRound, (r + 1) * perRound)) {
                        producer.send(new ProducerRecord<>(topics.raw().name(), p.id(),
                                topics.raw().valueSerde().serializer().serialize(null, p)));
                    }
                    producer.flush();
                    int total = (r + 1) * perRound;
                    awaitConsumed(kafka.bootstrapServers(), SCORING_APP, topics.raw().name(), total);
                    awaitConsumed(kafka.bootstrapServers(), ALERTS_APP, topics.scored().name(), total);
                    double scoringNow = streamThreadsCpuNanos(SCORING_APP) / 1e9;
                    double alertsNow = streamThreadsCpuNanos(ALERTS_APP) / 1e9;
                    Round round = new Round(perRound, scoringNow - scoringBefore, alertsNow - alertsBefore);
                    scoringBefore = scoringNow;
                    alertsBefore = alertsNow;
                    out.printf("  round %d%s: scoring %,.0f µs/post, alerts %,.0f µs/post: %.1f%%%n", r,
                            r == 0 ? " (warm-up)" : "", round.scoringMicrosPerPost(), round.alertsMicrosPerPost(),
                            100 * round.share());
                    if (r > 0) {
                        measured.add(round);
                    }
                }
            }
        }
        out.printf("  medians over %d rounds: scoring %,.0f µs/post, alerts %,.0f µs/post; alerts / scoring %.1f%% "
                        + "(median of the rounds' ratios; range %.1f–%.1f%%)%n", measured.size(),
                median(measured.stream().map(Round::scoringMicrosPerPost).toList()),
                median(measured.stream().map(Round::alertsMicrosPerPost).toList()),
                100 * median(measured.stream().map(Round::share).toList()),
                100 * measured.stream().mapToDouble(Round::share).min().orElse(Double.NaN),
                100 * measured.stream().mapToDouble(Round::share).max().orElse(Double.NaN));
        return measured;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        java.util.Collections.sort(sorted);
        int n = sorted.size();
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
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

    /** Waits until the Streams app {@code group} has committed offsets past every record of {@code topic}. */
    static void awaitConsumed(String bootstrapServers, String group, String topic, int count) throws Exception {
        try (var admin = org.apache.kafka.clients.admin.Admin.create(KafkaProps.admin(bootstrapServers, "bench-admin"))) {
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
        throw new IllegalStateException(group + " did not consume " + count + " records of " + topic + " in time");
    }

    /** CPU of the live stream threads of the Streams app {@code applicationId} (its threads' names start with it). */
    private static long streamThreadsCpuNanos(String applicationId) {
        var threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(applicationId + "-") && info.getThreadName().contains("StreamThread")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

}
