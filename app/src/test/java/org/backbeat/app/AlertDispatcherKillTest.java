package org.backbeat.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.backbeat.alerts.AlertTopics;
import org.backbeat.alerts.webhook.DispatcherConfig;
import org.backbeat.alerts.webhook.StandardWebhooksVerifier;
import org.backbeat.alerts.webhook.WebhookAdministration;
import org.backbeat.alerts.webhook.delivery.Attempt;
import org.backbeat.alerts.webhook.delivery.DeliveryLog;
import org.backbeat.alerts.webhook.delivery.DeliveryState;
import org.backbeat.alerts.webhook.delivery.DeliveryStatus;
import org.backbeat.alerts.webhook.subscription.CreatedSubscription;
import org.backbeat.alerts.webhook.subscription.SubscriptionRequest;
import org.backbeat.core.Alert;
import org.backbeat.core.JsonSerde;
import org.backbeat.core.KafkaConfig;
import org.backbeat.core.KafkaProps;
import org.backbeat.core.Settings;
import org.backbeat.core.TopicAdmin;
import org.backbeat.index.schema.EsClients;
import org.backbeat.infra.LocalElasticsearch;
import org.backbeat.infra.LocalKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "One alert is delivered at most once successfully per subscription, across restarts and kill -9", tried on the
 * real thing: {@code ./backbeat alerts} in its own JVM against the real broker and Elasticsearch (external to it, as
 * in docker-compose), delivering 50 alerts to two subscriptions on a receiver on 127.0.0.1 that checks every
 * Standard Webhooks signature independently, fails some first attempts (500, 503 with Retry-After) and answers
 * others slowly. The process is SIGKILLed three times while a request is in flight at the receiver, and started
 * again each time.
 *
 * <p>What must hold, and what cannot: HTTP gives no way to know whether a receiver that answered 2xx to a client
 * that died has been heard, so the attempts in flight at a kill are sent again after the restart with the same
 * {@code webhook-id}, which a Standard Webhooks receiver uses to drop the copy. So: counted by webhook-id, every
 * alert reaches each subscription exactly once; a second 2xx of one id happens only for an attempt the killed process
 * never recorded (at most one per worker per kill); every recorded delivery has exactly one successful attempt; and
 * the delivery log in Elasticsearch equals the compacted deliveries topic.
 */
class AlertDispatcherKillTest {

    private static final int ALERTS = 50;
    private static final int WORKERS = 4;
    private static final int[] KILL_AFTER_SUCCESSES = {10, 35, 60};
    private static final long SLOW_MS = 700;
    private static final Instant FIRST_WINDOW = Instant.parse("2011-03-29T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void every_alert_reaches_each_subscription_once_by_webhook_id_across_sigkills_of_the_alerts_process() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x")); // Elasticsearch runs as nobody
        Map<String, String> env = Map.of(
                Settings.envName(DispatcherConfig.ALLOWED_HOSTS), "127.0.0.1",
                Settings.envName(DispatcherConfig.RETRY_SCHEDULE), "500ms,1s,1s,2s,2s,5s,5s,10s",
                Settings.envName(DispatcherConfig.WORKERS), String.valueOf(WORKERS),
                // a killed process keeps its partitions for the session timeout, which the restarted one waits out:
                // 6 s (the broker's least), not Kafka's 45 s, at each of the three kills
                KafkaProps.SESSION_TIMEOUT_ENV, "6000");
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < ALERTS; i++) {
            alerts.add(alert(i));
        }
        Map<String, Integer> indexOf = new HashMap<>();
        for (int i = 0; i < ALERTS; i++) {
            indexOf.put(alerts.get(i).id(), i);
        }
        List<Integer> exitCodes = new ArrayList<>();
        Map<String, DeliveryState> states = new HashMap<>();

        try (LocalKafka kafka = LocalKafka.start(dir.resolve("external-kafka"), 0);
             LocalElasticsearch elasticsearch = LocalElasticsearch.start(
                     LocalElasticsearch.Settings.of(LocalElasticsearch.defaultHome(), dir.resolve("external-es"))
                             .withHeapMb(256).withStartTimeout(Duration.ofMinutes(4)));
             ElasticsearchClient es = EsClients.create(elasticsearch.httpUri());
             KillingReceiver receiver = new KillingReceiver(indexOf)) {
            DispatcherConfig config = DispatcherConfig.from(Settings.of(Map.of(DispatcherConfig.ALLOWED_HOSTS, "127.0.0.1")));
            KafkaConfig topics = AppConfig.from(Settings.of(Map.of())).kafka().withBootstrap(kafka.bootstrapServers());
            TopicAdmin.ensureTopics(kafka.bootstrapServers(), topics.topics());
            TopicAdmin.ensureTopics(kafka.bootstrapServers(), AlertTopics.from(topics.topics(), Settings.of(Map.of())).newTopics(),
                    TopicAdmin.DEFAULT_TIMEOUT);

            // given two subscriptions (JSON and Slack) on the receiver, each with its own secret
            Map<String, String> pathOfSubscription = new HashMap<>();
            try (WebhookAdministration admin = WebhookAdministration.create(config, es, kafka.bootstrapServers())) {
                for (String[] sub : List.of(new String[] {"/json", "JSON"}, new String[] {"/slack", "SLACK"})) {
                    CreatedSubscription created = admin.subscriptions().create(new SubscriptionRequest("kill-" + sub[1],
                            receiver.url(sub[0]), sub[1], List.of("kill-test"), List.of(), null, true));
                    receiver.secret(sub[0], created.secret());
                    pathOfSubscription.put(created.subscription().id(), sub[0]);
                }
            }

            // and the first 20 alerts waiting on the alerts topic; the other 30 arrive while the process lives and dies
            KafkaProducer<String, Alert> producer = new KafkaProducer<>(KafkaProps.producer(kafka.bootstrapServers(), "kill-test"),
                    new StringSerializer(), new JsonSerde<>(Alert.class).serializer());
            for (Alert alert : alerts.subList(0, 20)) {
                producer.send(new ProducerRecord<>(config.alertsTopic(), alert.id(), alert)).get();
            }
            Thread trickle = new Thread(() -> {
                try {
                    for (Alert alert : alerts.subList(20, ALERTS)) {
                        Thread.sleep(1_500);
                        producer.send(new ProducerRecord<>(config.alertsTopic(), alert.id(), alert)).get();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "kill-test-alerts");

            // when ./backbeat alerts runs and is SIGKILLed three times, each time while a request is in flight
            JavaProcess process = alertsProcess(env, kafka, elasticsearch);
            trickle.start();
            try {
                for (int kill = 0; kill < KILL_AFTER_SUCCESSES.length; kill++) {
                    int threshold = KILL_AFTER_SUCCESSES[kill];
                    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                            .until(() -> receiver.distinctSuccesses() >= threshold);
                    receiver.armKill();
                    await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(20)).until(receiver::killDue);
                    exitCodes.add(process.kill(30));
                    receiver.disarm();
                    process = alertsProcess(env, kafka, elasticsearch);
                }
                trickle.join(120_000);

                // then every delivery ends DELIVERED in the compacted deliveries topic...
                try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                        KafkaProps.consumer(kafka.bootstrapServers(), "kill-test-states"), new StringDeserializer(),
                        new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
                    List<TopicPartition> partitions = consumer.partitionsFor(config.deliveriesTopic()).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                    consumer.assign(partitions);
                    consumer.seekToBeginning(partitions);
                    JsonSerde<DeliveryState> serde = new JsonSerde<>(DeliveryState.class);
                    await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(10)).until(() -> {
                        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                            DeliveryState s = serde.read(r.value());
                            states.merge(r.key(), s, (old, neu) -> neu.revision() > old.revision() ? neu : old);
                        }
                        return states.size() == 2 * ALERTS
                                && states.values().stream().allMatch(s -> s.status() == DeliveryStatus.DELIVERED);
                    });
                }
                // ...and the delivery log in Elasticsearch says the same, revision for revision
                DeliveryLog log = new DeliveryLog(es, config.deliveriesIndex(), 0);
                // (the log is written after Kafka, one document at a time, and repaired from the topic at each start:
                // on a loaded machine it trails the topic by minutes)
                try {
                    await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).until(() ->
                            states.values().stream().allMatch(s -> log.get(s.key()).map(l -> l.revision() == s.revision()).orElse(false)));
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    throw new AssertionError("the delivery log differs from the deliveries topic: " + states.values().stream()
                            .filter(s -> log.get(s.key()).map(l -> l.revision() != s.revision()).orElse(true))
                            .map(s -> s.key() + " topic r" + s.revision() + " " + s.status() + ", log "
                                    + log.get(s.key()).map(l -> "r" + l.revision() + " " + l.status()).orElse("missing"))
                            .toList(), e);
                }
                for (DeliveryState state : states.values()) {
                    DeliveryState logged = log.get(state.key()).orElseThrow();
                    assertThat(logged.status()).as(state.key()).isEqualTo(DeliveryStatus.DELIVERED);
                    assertThat(logged.attempts()).as(state.key()).isEqualTo(state.attempts());
                }
                assertThat(process.stop(60)).as("the last process stops on SIGTERM").isTrue();
            } catch (RuntimeException | AssertionError | InterruptedException e) {
                List<String> out = process.output();
                System.out.println("the alerts process said (last 80 lines):\n"
                        + String.join("\n", out.subList(Math.max(0, out.size() - 80), out.size())));
                System.out.println("the receiver got " + receiver.requests().size() + " requests, "
                        + receiver.distinctSuccesses() + " distinct successes");
                throw e;
            } finally {
                process.close();
                trickle.interrupt();
                producer.close();
            }

            // the kills were real SIGKILLs, each with a request under way at the receiver
            assertThat(exitCodes).containsExactly(137, 137, 137);
            assertThat(receiver.killedInFlight()).hasSize(KILL_AFTER_SUCCESSES.length);

            // every request the receiver got was signed with its subscription's secret, fresh
            assertThat(receiver.requests()).isNotEmpty().allSatisfy(r -> assertThat(r.problem()).as(r.toString()).isNull());

            Set<String> allIds = alerts.stream().map(Alert::id).collect(Collectors.toSet());
            int duplicates = 0;
            for (String path : List.of("/json", "/slack")) {
                // counted by webhook-id, every alert reached each subscription exactly once
                Map<String, Long> successes = receiver.requests().stream().filter(r -> r.path().equals(path) && r.status() / 100 == 2)
                        .collect(Collectors.groupingBy(Received::id, Collectors.counting()));
                assertThat(successes.keySet()).as(path).isEqualTo(allIds);
                duplicates += successes.values().stream().mapToInt(n -> (int) (n - 1)).sum();
            }
            for (DeliveryState state : states.values()) {
                String path = pathOfSubscription.get(state.subscriptionId());
                List<Received> got = receiver.requests().stream()
                        .filter(r -> r.path().equals(path) && r.id().equals(state.alertId())).toList();
                // exactly one recorded success, the last attempt: a recorded success is never sent again
                assertThat(state.attempts().stream().filter(a -> a.statusCode() != null && a.statusCode() / 100 == 2))
                        .as(state.key()).hasSize(1);
                Attempt last = state.attempts().get(state.attempts().size() - 1);
                assertThat(last.statusCode()).as(state.key()).isBetween(200, 299);
                // every recorded attempt reached the receiver (the receiver may have seen more: those of killed processes)
                assertThat(got.size()).as(state.key()).isGreaterThanOrEqualTo(state.attempts().size());
                // a failed first answer was followed by a retry with the same webhook-id
                int i = indexOf.get(state.alertId());
                if (KillingReceiver.failsFirst(i)) {
                    assertThat(got.get(0).status()).as(state.key()).isGreaterThanOrEqualTo(500);
                    assertThat(got).as(state.key()).hasSizeGreaterThanOrEqualTo(2);
                }
            }
            // a second 2xx of one webhook-id only for an attempt a killed process had under way and never recorded
            assertThat(duplicates).as("2xx answers beyond the first per webhook-id and subscription")
                    .isLessThanOrEqualTo(KILL_AFTER_SUCCESSES.length * WORKERS);
            System.out.printf("kill -9 test: %d requests, %d duplicate 2xx by webhook-id over %d kills%n",
                    receiver.requests().size(), duplicates, KILL_AFTER_SUCCESSES.length);
        }
    }

    private JavaProcess alertsProcess(Map<String, String> env, LocalKafka kafka, LocalElasticsearch es) throws IOException {
        return JavaProcess.backbeat(env, "alerts", "--kafka", kafka.bootstrapServers(),
                "--elasticsearch", es.httpUri().toString(), "--work-dir", dir.resolve("alerts-work").toString());
    }

    private static Alert alert(int i) {
        Instant start = FIRST_WINDOW.plus(Duration.ofHours(i));
        Instant end = start.plus(Duration.ofHours(1));
        String entity = List.of("amazon", "spotify", "sony-music").get(i % 3);
        return new Alert(Alert.SCHEMA_VERSION, Alert.idOf("kill-test", entity, start, Alert.State.FIRING), "kill-test",
                "Volume spike", Alert.Kind.VOLUME_SPIKE, Alert.State.FIRING, Alert.Severity.WARNING, entity, null, start, end,
                end.minusSeconds(60), 100 + i, 20, 5, 35, 16 + i / 5.0, null, 100 + i, 40, List.of(), List.of(),
                "Volume for " + entity + ": " + (100 + i) + " posts in 1 h");
    }

    /** A request as the receiver saw it: the subscription's path, the webhook-id, what it answered, why it is not authentic. */
    record Received(String path, String id, int status, String problem) {
    }

    /**
     * A webhook receiver on 127.0.0.1 that checks signatures and answers by alert: alerts 1, 5, 9, ... get a 500 on
     * their first request and alerts 2, 6, 10, ... a 503 with {@code Retry-After: 1}; every third alert is answered
     * after {@value #SLOW_MS} ms. When armed, the next slow request marks the moment to kill the sender.
     */
    static final class KillingReceiver implements AutoCloseable {
        private final HttpServer server;
        private final ExecutorService pool = Executors.newFixedThreadPool(16);
        private final Map<String, Integer> indexOf;
        private final Map<String, String> secrets = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
        private final List<Received> requests = new CopyOnWriteArrayList<>();
        private final List<String> killedInFlight = new CopyOnWriteArrayList<>();
        private final AtomicBoolean armed = new AtomicBoolean();
        private volatile boolean killDue;

        KillingReceiver(Map<String, Integer> indexOf) throws IOException {
            this.indexOf = indexOf;
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(pool);
            server.createContext("/", this::handle);
            server.start();
        }

        static boolean failsFirst(int i) {
            return i % 4 == 1 || i % 4 == 2;
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        void secret(String path, String secret) {
            secrets.put(path, secret);
        }

        void armKill() {
            killDue = false;
            armed.set(true);
        }

        boolean killDue() {
            return killDue;
        }

        void disarm() {
            armed.set(false);
            killDue = false;
        }

        List<Received> requests() {
            return List.copyOf(requests);
        }

        List<String> killedInFlight() {
            return List.copyOf(killedInFlight);
        }

        long distinctSuccesses() {
            return requests.stream().filter(r -> r.status() / 100 == 2).map(r -> r.path() + " " + r.id()).distinct().count();
        }

        private void handle(HttpExchange exchange) throws IOException {
            try {
                String path = exchange.getRequestURI().getPath();
                byte[] body = exchange.getRequestBody().readAllBytes();
                var h = exchange.getRequestHeaders();
                String id = h.getFirst("webhook-id");
                String secret = secrets.get(path);
                String problem = secret == null ? "unknown path " + path : new StandardWebhooksVerifier(secret).problem(
                        id, h.getFirst("webhook-timestamp"), h.getFirst("webhook-signature"), body, Instant.now().getEpochSecond());
                Integer i = id == null ? null : indexOf.get(id);
                if (i == null && problem == null) {
                    problem = "unknown webhook-id " + id;
                }
                int n = seen.computeIfAbsent(path + " " + id, k -> new AtomicInteger()).incrementAndGet();
                int status = problem != null ? 401 : n == 1 && i % 4 == 1 ? 500 : n == 1 && i % 4 == 2 ? 503 : 200;
                if (status == 200 && i % 3 == 0) {
                    if (armed.compareAndSet(true, false)) {
                        killedInFlight.add(path + " " + id);
                        killDue = true; // the test kills the sender while this request waits for its answer
                    }
                    Thread.sleep(SLOW_MS);
                }
                // recorded before answering: a receiver acts on a request before it says 2xx, whether the sender hears it or not
                requests.add(new Received(path, id, status, problem));
                if (status == 503) {
                    exchange.getResponseHeaders().add("Retry-After", "1");
                }
                exchange.sendResponseHeaders(status, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the sender is gone (killed): what it was told no longer matters to it
            } finally {
                exchange.close();
            }
        }

        @Override
        public void close() {
            server.stop(0);
            pool.shutdownNow();
            try {
                pool.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
