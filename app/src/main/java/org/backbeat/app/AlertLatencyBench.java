package org.backbeat.app;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.backbeat.alerts.AlertsConfig;
import org.backbeat.alerts.rules.AlertRule;
import org.backbeat.alerts.rules.RulesFile;
import org.backbeat.alerts.webhook.DispatcherConfig;
import org.backbeat.alerts.webhook.WebhookAdministration;
import org.backbeat.alerts.webhook.subscription.SubscriptionRequest;
import org.backbeat.core.Alert;
import org.backbeat.core.Catalogue;
import org.backbeat.core.EntitySentiment;
import org.backbeat.core.Json;
import org.backbeat.core.KafkaConfig;
import org.backbeat.core.KafkaProps;
import org.backbeat.core.Post;
import org.backbeat.core.ScoredPost;
import org.backbeat.core.Sentiment;
import org.backbeat.core.SentimentLabel;
import org.backbeat.core.TopicAdmin;
import org.backbeat.core.TrackedEntity;
import org.backbeat.index.schema.EsClients;
import org.backbeat.infra.LocalElasticsearch;
import org.backbeat.infra.LocalKafka;

/**
 * End-to-end alert latency in live operation, on the local default: the in-process broker and Elasticsearch, the
 * alerts process as {@code ./backbeat alerts} wires it ({@link Stages#alerts}: the rule topology, the history writer
 * and the webhook dispatcher, default settings), one JSON subscription to a receiver on 127.0.0.1.
 *
 * <p>Each rule is a one-minute volume spike for one catalogue entity and one source (so every rule fires on its own
 * posts). First a quiet history, one post a minute per rule from an hour ago to 21 minutes ago,
 * builds the baselines (those windows close as event time passes them by the 15-minute grace). Then, one rule after
 * the other, a burst of posts published now goes to {@code posts.scored}; the rule fires on the open window as
 * soon as a post takes it over its threshold (mean + 3σ of the baseline, and at least 10 posts). The latency of an
 * alert is from the moment the post that made the rule true was sent to {@code posts.scored} (its record
 * timestamp, set by the producer at send: an upper bound on the time from its append) to the moment the signed
 * request reaches the receiver (first line of its handler). Which post made it true is known: the burst is
 * written in order to one partition, and the alert says how many posts its window held.
 */
final class AlertLatencyBench {

    record Settings(Path workDir, int alerts, int warmUp, Duration gap) {
    }

    /** What a run measured, in milliseconds. */
    record Result(List<Long> toReceiver, List<Long> toAlertsTopic, int missing) {
    }

    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int HISTORY_MINUTES_FROM = 60;
    private static final int HISTORY_MINUTES_TO = 21;
    private static final int BURST = 12;

    private final Settings settings;
    private final PrintStream out;

    AlertLatencyBench(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    Result run() throws Exception {
        List<String> entities = Catalogue.defaults().entities().stream().map(TrackedEntity::id).toList();
        int total = settings.warmUp() + settings.alerts();
        List<AlertRule> rules = rules(total, entities);
        out.printf("alerts latency bench: %d one-minute volume rules (%d warm-up alerts, %d measured), bursts %d ms apart%n",
                rules.size(), settings.warmUp(), settings.alerts(), settings.gap().toMillis());
        Path rulesFile = settings.workDir().resolve("latency-rules.json");
        Files.writeString(rulesFile, RulesFile.write(rules));

        Map<String, Long> arrivals = new ConcurrentHashMap<>();
        Map<String, Integer> firedPosts = new ConcurrentHashMap<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            long at = System.currentTimeMillis();
            byte[] body = exchange.getRequestBody().readAllBytes();
            JsonNode data = Json.mapper().readTree(body).path("data");
            if ("FIRING".equals(data.path("state").asText())) {
                String rule = data.path("rule").path("id").asText();
                arrivals.putIfAbsent(rule, at);
                firedPosts.putIfAbsent(rule, data.path("posts").asInt());
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        receiver.start();
        Closer closer = new Closer();
        closer.register(() -> receiver.stop(0));
        Map<String, Long> onAlertsTopic = new ConcurrentHashMap<>();
        Map<String, long[]> sentAt = new ConcurrentHashMap<>();
        try (closer) {
            // (started one after the other, each with a start-up timeout fit for a busy shared machine)
            LocalKafka broker = closer.register(LocalKafka.start(settings.workDir().resolve("kafka"), 0));
            LocalElasticsearch elasticsearch = closer.register(LocalElasticsearch.start(LocalElasticsearch.Settings
                    .of(LocalElasticsearch.defaultHome(), settings.workDir().resolve("elasticsearch"))
                    .withStartTimeout(Duration.ofMinutes(10))));
            String bootstrap = broker.bootstrapServers();
            java.net.URI esUri = elasticsearch.httpUri();
            org.backbeat.core.Settings config = org.backbeat.core.Settings.of(Map.of(
                    "work-dir", settings.workDir().resolve("state").toString(),
                    AlertsConfig.RULES_FILE, rulesFile.toString(),
                    DispatcherConfig.ALLOWED_HOSTS, "127.0.0.1"));
            KafkaConfig kafka = AppConfig.from(config).kafka().withBootstrap(bootstrap);
            TopicAdmin.ensureTopics(bootstrap, kafka.topics());
            ElasticsearchClient es = EsClients.create(esUri);
            closer.register(es::close);
            WebhookAdministration admin = closer.register(
                    WebhookAdministration.create(DispatcherConfig.from(config), es, bootstrap));
            admin.subscriptions().create(new SubscriptionRequest("latency bench",
                    "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", "JSON", List.of(), List.of(), null, true));
            Stages.AlertsStage stage = Stages.alerts(config, kafka, esUri, Catalogue.defaults(), closer);
            if (!stage.service().awaitRunning(Duration.ofMinutes(2))) {
                throw new IllegalStateException("the alert topology did not start");
            }
            AtomicBoolean watching = new AtomicBoolean(true);
            closer.register(() -> watching.set(false));
            Thread watcher = alertsTopicWatcher(bootstrap, onAlertsTopic, watching);
            closer.register(() -> watcher.join(5_000));

            try (KafkaProducer<String, ScoredPost> producer = new KafkaProducer<>(
                    KafkaProps.producer(bootstrap, "latency-bench"), new StringSerializer(),
                    kafka.topics().scored().valueSerde().serializer())) {
                // 1. The quiet history, then wait until the topology has read all of it.
                Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
                int history = 0;
                for (int m = HISTORY_MINUTES_FROM; m >= HISTORY_MINUTES_TO; m--) {
                    for (AlertRule rule : rules) {
                        ScoredPost p = post(rule, "h" + m, now.minus(WINDOW.multipliedBy(m)).plusSeconds(7));
                        producer.send(new ProducerRecord<>(kafka.topics().scored().name(), p.id(), p));
                        history++;
                    }
                }
                producer.flush();
                AlertsBench.awaitConsumed(bootstrap, AlertsConfig.DEFAULT_APPLICATION_ID,
                        kafka.topics().scored().name(), history);
                out.printf("  history: %d posts read by the topology; %d alerts fired on it%n", history, arrivals.size());
                arrivals.clear();
                firedPosts.clear();

                // 2. One burst per rule, published now, in order on one partition (keyed by the rule).
                for (AlertRule rule : rules) {
                    long[] times = new long[BURST];
                    Instant published = Instant.now();
                    for (int i = 0; i < BURST; i++) {
                        ScoredPost p = post(rule, "live" + i, published);
                        times[i] = System.currentTimeMillis();
                        producer.send(new ProducerRecord<>(kafka.topics().scored().name(), null, times[i], rule.id(), p));
                    }
                    producer.flush();
                    sentAt.put(rule.id(), times);
                    Thread.sleep(settings.gap().toMillis());
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (arrivals.size() < rules.size() && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
            }
        }

        List<Long> toReceiver = new ArrayList<>();
        List<Long> toTopic = new ArrayList<>();
        int missing = 0;
        for (AlertRule rule : rules.subList(settings.warmUp(), rules.size())) {
            Long at = arrivals.get(rule.id());
            long[] times = sentAt.get(rule.id());
            Integer n = firedPosts.get(rule.id());
            if (at == null || times == null || n == null || n < 1 || n > BURST) {
                missing++;
                continue;
            }
            long trigger = times[n - 1];
            toReceiver.add(at - trigger);
            Long seen = onAlertsTopic.get(rule.id());
            if (seen != null) {
                toTopic.add(seen - trigger);
            }
        }
        Result result = new Result(toReceiver, toTopic, missing);
        out.printf("  post sent to posts.scored -> webhook request at the receiver: %d alerts, p50 %,d ms, p95 %,d ms, max %,d ms; not delivered: %d%n",
                toReceiver.size(), percentile(toReceiver, 50), percentile(toReceiver, 95), percentile(toReceiver, 100), missing);
        out.printf("  of which post -> alert readable on the alerts topic (read_committed): p50 %,d ms, p95 %,d ms%n",
                percentile(toTopic, 50), percentile(toTopic, 95));
        return result;
    }

    /** {@code count} one-minute volume spike rules, each for one entity and one source of its own. */
    static List<AlertRule> rules(int count, List<String> entities) {
        List<AlertRule> rules = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String entity = entities.get(i % entities.size());
            String source = "latency-" + (i / entities.size());
            rules.add(new AlertRule("latency-" + i, "latency " + entity + " " + source, Alert.Kind.VOLUME_SPIKE,
                    List.of(entity), null, List.of(source), null, WINDOW, Duration.ofMinutes(30), null, null, null, null,
                    null, null, null, null, null, null, null, null));
        }
        return rules;
    }

    private static ScoredPost post(AlertRule rule, String suffix, Instant published) {
        String entity = rule.entities().get(0);
        String id = "latency:" + rule.id() + ":" + suffix;
        Sentiment s = new Sentiment(SentimentLabel.NEUTRAL, 0.0, 0.6);
        Post post = Post.of(id, rule.sources().get(0), published, "bench", null,
                "post " + suffix + " about " + entity + " for " + rule.id(), "https://example.org/" + id, "en");
        return new ScoredPost(ScoredPost.SCHEMA_VERSION, post, s, List.of(entity),
                List.of(new EntitySentiment(entity, s, List.of(entity))), List.of(), "latency-bench", null, null, Instant.now());
    }

    /** Notes when each firing alert becomes readable on the alerts topic (a read_committed consumer, as the dispatcher's). */
    private static Thread alertsTopicWatcher(String bootstrap, Map<String, Long> seen, AtomicBoolean running) {
        Thread t = new Thread(() -> {
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KafkaProps.consumer(bootstrap, "latency-bench-watch"),
                    new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(org.backbeat.alerts.AlertTopics.DEFAULT_ALERTS));
                while (running.get()) {
                    for (var r : consumer.poll(Duration.ofMillis(50))) {
                        long at = System.currentTimeMillis();
                        try {
                            JsonNode alert = Json.mapper().readTree(r.value());
                            if ("FIRING".equals(alert.path("state").asText())) {
                                seen.putIfAbsent(alert.path("ruleId").asText(), at);
                            }
                        } catch (java.io.IOException e) {
                            // not an alert: ignored
                        }
                    }
                }
            }
        }, "latency-bench-alerts-watch");
        t.setDaemon(true);
        t.start();
        return t;
    }

    static long percentile(List<Long> values, int p) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(values);
        java.util.Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
