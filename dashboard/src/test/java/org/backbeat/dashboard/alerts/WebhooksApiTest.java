package org.backbeat.dashboard.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.backbeat.alerts.webhook.DispatcherConfig;
import org.backbeat.alerts.webhook.WebhookAdministration;
import org.backbeat.alerts.webhook.delivery.Attempt;
import org.backbeat.alerts.webhook.delivery.DeliveryLog;
import org.backbeat.alerts.webhook.delivery.DeliveryState;
import org.backbeat.alerts.webhook.delivery.DeliveryStatus;
import org.backbeat.core.Alert;
import org.backbeat.core.Catalogue;
import org.backbeat.core.Json;
import org.backbeat.core.KafkaProps;
import org.backbeat.dashboard.DashboardApp;
import org.backbeat.dashboard.DashboardConfig;
import org.backbeat.dashboard.PostQueries;
import org.backbeat.dashboard.events.AdminToken;
import org.backbeat.dashboard.events.EventStore;
import org.backbeat.dashboard.events.EventsConfig;
import org.backbeat.index.schema.PostIndex;
import org.backbeat.index.testing.RealElasticsearch;
import org.backbeat.infra.LocalKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The webhook API of the real {@link DashboardApp} on the real Elasticsearch and the in-process broker (for resends),
 * sending test alerts to a receiver on 127.0.0.1 that checks the Standard Webhooks signature itself.
 */
@ExtendWith(RealElasticsearch.class)
class WebhooksApiTest {

    private static final String TOKEN = "test-admin-token-0123456789";
    private static final ObjectMapper JSON = Json.mapper();
    private static LocalKafka kafka;
    private static Path kafkaDir;
    private static PostQueries queries;
    private static EventStore events;

    private DispatcherConfig config;
    private WebhookAdministration webhooks;
    private HttpServer receiver;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private volatile String receiverSecret;

    @BeforeAll
    static void infra(ElasticsearchClient client) throws IOException {
        kafkaDir = Files.createTempDirectory("backbeat-dashboard-webhooks-kafka-");
        kafka = LocalKafka.start(kafkaDir, 0);
        PostIndex index = new PostIndex(client, "test-webhooks-posts", 0);
        index.ensureCreated();
        queries = new PostQueries(index);
        events = new EventStore(client, new EventsConfig("test-webhooks-events", 0));
        events.ensureCreated();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @BeforeEach
    void setUp(ElasticsearchClient client) throws Exception {
        long nonce = System.nanoTime();
        config = DispatcherConfig.defaults().withAllowedHosts(Set.of("127.0.0.1"))
                .withTopics("test-alerts-" + nonce, "test-deliveries-" + nonce)
                .withIndices("test-api-subs-" + nonce, "test-api-log-" + nonce);
        try (Admin admin = Admin.create(KafkaProps.admin(kafka.bootstrapServers(), "test"))) {
            admin.createTopics(List.of(new NewTopic(config.deliveriesTopic(), Optional.of(1), Optional.empty()))).all().get();
        }
        webhooks = WebhookAdministration.create(config, client, kafka.bootstrapServers());
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var h = exchange.getRequestHeaders();
            boolean ok = verifies(receiverSecret, h.getFirst("webhook-id"), h.getFirst("webhook-timestamp"),
                    h.getFirst("webhook-signature"), body);
            received.add(h.getFirst("webhook-id") + (ok ? " verified" : " FORGED"));
            exchange.sendResponseHeaders(ok ? 200 : 401, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void tearDown() {
        receiver.stop(0);
        webhooks.close();
    }

    private DashboardApp app(AdminToken token) {
        return new DashboardApp(DashboardConfig.defaults(), Catalogue.defaults(), queries, events, token, List.of(),
                new WebhooksController(webhooks, token));
    }

    private String receiverUrl() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    @Test
    void every_webhook_route_needs_the_admin_token_reads_included() {
        JavalinTest.test(app(AdminToken.of(TOKEN)).javalin(), (server, http) -> {
            assertThat(http.get("/api/alerts/subscriptions").code()).isEqualTo(401);
            assertThat(http.get("/api/alerts/deliveries/parked").code()).isEqualTo(401);
            assertThat(send(http, "POST", "/api/alerts/subscriptions", "{\"url\":\"" + receiverUrl() + "\"}", "Bearer wrong-token-0123456789").code())
                    .isEqualTo(401);
        });
        JavalinTest.test(app(AdminToken.none()).javalin(), (server, http) -> {
            Response r = send(http, "GET", "/api/alerts/subscriptions", null, "Bearer " + TOKEN);
            assertThat(r.code()).isEqualTo(403);
            assertThat(JSON.readTree(r.body().string()).get("error").asText()).contains("BACKBEAT_ADMIN_TOKEN");
        });
    }

    @Test
    void a_subscription_is_created_with_its_secret_shown_once_then_listed_updated_and_deleted() {
        JavalinTest.test(app(AdminToken.of(TOKEN)).javalin(), (server, http) -> {
            // when
            Response created = admin(http, "POST", "/api/alerts/subscriptions",
                    "{\"name\":\"PR team\",\"url\":\"" + receiverUrl() + "\",\"format\":\"slack\",\"entities\":[\"amazon\"],\"minSeverity\":\"WARNING\"}");

            // then
            assertThat(created.code()).isEqualTo(201);
            JsonNode body = JSON.readTree(created.body().string());
            String secret = body.get("secret").asText();
            String id = body.at("/subscription/id").asText();
            assertThat(secret).startsWith("whsec_");
            assertThat(body.at("/subscription/secretHint").asText()).isEqualTo("…" + secret.substring(secret.length() - 4));
            String listed = admin(http, "GET", "/api/alerts/subscriptions", null).body().string();
            assertThat(listed).contains(id).contains("SLACK").doesNotContain(secret.substring(6));
            assertThat(JSON.readTree(admin(http, "GET", "/api/alerts/subscriptions/" + id, null).body().string())
                    .at("/filter/minSeverity").asText()).isEqualTo("WARNING");

            Response updated = admin(http, "PUT", "/api/alerts/subscriptions/" + id, "{\"url\":\"" + receiverUrl() + "\",\"enabled\":false}");
            assertThat(updated.code()).isEqualTo(200);
            JsonNode view = JSON.readTree(updated.body().string());
            assertThat(view.get("enabled").asBoolean()).isFalse();
            assertThat(view.get("disabledReason").asText()).isEqualTo("disabled by an admin");
            assertThat(view.get("secretHint").asText()).isEqualTo("…" + secret.substring(secret.length() - 4));

            assertThat(admin(http, "DELETE", "/api/alerts/subscriptions/" + id, null).code()).isEqualTo(204);
            assertThat(admin(http, "DELETE", "/api/alerts/subscriptions/" + id, null).code()).isEqualTo(404);
        });
    }

    @Test
    void invalid_subscriptions_are_refused_with_what_to_fix() {
        JavalinTest.test(app(AdminToken.of(TOKEN)).javalin(), (server, http) -> {
            Response metadata = admin(http, "POST", "/api/alerts/subscriptions", "{\"url\":\"http://169.254.169.254/latest\"}");
            Response wrong = admin(http, "POST", "/api/alerts/subscriptions", "{\"url\":\"ftp://x\",\"format\":\"TEAMS\"}");
            Response unknown = admin(http, "POST", "/api/alerts/subscriptions", "{\"url\":\"https://x.example\",\"secret\":\"mine\"}");

            assertThat(metadata.code()).isEqualTo(400);
            assertThat(JSON.readTree(metadata.body().string()).get("error").asText()).contains("169.254.169.254").contains("link-local");
            assertThat(JSON.readTree(wrong.body().string()).get("error").asText())
                    .isEqualTo("url must start with http:// or https://, was 'ftp:…'; format must be one of [JSON, SLACK, DISCORD], was 'TEAMS'");
            assertThat(JSON.readTree(unknown.body().string()).get("error").asText()).startsWith("unknown field 'secret'");
            assertThat(JSON.readTree(admin(http, "GET", "/api/alerts/subscriptions", null).body().string()).get("subscriptions")).isEmpty();
        });
    }

    @Test
    void a_test_alert_reaches_the_receiver_signed_and_shows_in_the_delivery_log() {
        JavalinTest.test(app(AdminToken.of(TOKEN)).javalin(), (server, http) -> {
            // given
            JsonNode created = JSON.readTree(admin(http, "POST", "/api/alerts/subscriptions", "{\"url\":\"" + receiverUrl() + "\"}").body().string());
            receiverSecret = created.get("secret").asText();
            String id = created.at("/subscription/id").asText();

            // when
            Response test = admin(http, "POST", "/api/alerts/subscriptions/" + id + "/test", null);

            // then
            assertThat(test.code()).isEqualTo(200);
            JsonNode delivery = JSON.readTree(test.body().string());
            assertThat(delivery.get("status").asText()).isEqualTo("DELIVERED");
            assertThat(delivery.get("test").asBoolean()).isTrue();
            assertThat(delivery.at("/attempts/0/statusCode").asInt()).isEqualTo(200);
            assertThat(received).containsExactly(delivery.get("alertId").asText() + " verified");
            JsonNode log = JSON.readTree(admin(http, "GET", "/api/alerts/deliveries?subscription=" + id, null).body().string());
            assertThat(log.get("deliveries")).hasSize(1);
            assertThat(log.at("/deliveries/0/id").asText()).isEqualTo(delivery.get("alertId").asText() + "." + id);
            assertThat(admin(http, "POST", "/api/alerts/subscriptions/sub_nope/test", null).code()).isEqualTo(404);
            assertThat(admin(http, "GET", "/api/alerts/deliveries?status=LOST", null).code()).isEqualTo(400);
        });
    }

    @Test
    void a_parked_delivery_is_listed_and_a_resend_writes_it_pending_to_kafka(ElasticsearchClient client) {
        // given a delivery the dispatcher parked after its attempts
        DeliveryLog log = new DeliveryLog(client, config.deliveriesIndex(), 0);
        Instant t = Instant.parse("2026-12-02T07:00:00Z");
        Alert alert = new Alert(Alert.SCHEMA_VERSION, Alert.idOf("r", "amazon", t, Alert.State.FIRING), "r", "Rule <b>", Alert.Kind.VOLUME_SPIKE,
                Alert.State.FIRING, Alert.Severity.WARNING, "amazon", null, t, t.plusSeconds(3600), t.plusSeconds(60), 10, 2, 1, 5, 8, null,
                10, 9, List.of(), List.of(), "summary");
        DeliveryState pending = DeliveryState.pending(alert, "sub_x", 0, t);
        DeliveryState parked = pending.after(new Attempt(1, t, 500, 12, "HTTP 500"), DeliveryStatus.PARKED, null, "attempts used up", t);
        log.record(parked, true);
        DeliveryState delivered = DeliveryState.pending(alert, "sub_y", 0, t)
                .after(new Attempt(1, t, 200, 9, null), DeliveryStatus.DELIVERED, null, "delivered", t);
        log.record(delivered, true);

        JavalinTest.test(app(AdminToken.of(TOKEN)).javalin(), (server, http) -> {
            // when
            JsonNode list = JSON.readTree(admin(http, "GET", "/api/alerts/deliveries/parked", null).body().string());
            Response resend = admin(http, "POST", "/api/alerts/deliveries/" + parked.key() + "/resend", null);
            Response notParked = admin(http, "POST", "/api/alerts/deliveries/" + delivered.key() + "/resend", null);

            // then
            assertThat(list.get("deliveries")).hasSize(1);
            assertThat(list.at("/deliveries/0/id").asText()).isEqualTo(parked.key());
            assertThat(list.at("/deliveries/0/alert/ruleName").asText()).isEqualTo("Rule <b>");
            assertThat(resend.code()).isEqualTo(202);
            assertThat(JSON.readTree(resend.body().string()).get("status").asText()).isEqualTo("PENDING");
            assertThat(notParked.code()).isEqualTo(409);
            assertThat(JSON.readTree(notParked.body().string()).get("error").asText()).contains("is DELIVERED");
            assertThat(admin(http, "POST", "/api/alerts/deliveries/nope.sub_x/resend", null).code()).isEqualTo(404);
        });
        List<DeliveryState> onTopic = readTopic(config);
        assertThat(onTopic).singleElement().satisfies(s -> {
            assertThat(s.key()).isEqualTo(parked.key());
            assertThat(s.status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(s.revision()).isEqualTo(parked.revision() + 1);
            assertThat(s.attemptsInRound()).isZero();
        });
    }

    private static List<DeliveryState> readTopic(DispatcherConfig config) {
        var topic = config.deliveries();
        try (KafkaConsumer<String, DeliveryState> consumer = new KafkaConsumer<>(
                KafkaProps.consumer(kafka.bootstrapServers(), "test-reader"), topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            TopicPartition p = new TopicPartition(topic.name(), 0);
            consumer.assign(List.of(p));
            consumer.seekToBeginning(List.of(p));
            List<DeliveryState> all = new ArrayList<>();
            long end = consumer.endOffsets(List.of(p)).get(p);
            while (consumer.position(p) < end) {
                for (ConsumerRecord<String, DeliveryState> r : consumer.poll(Duration.ofMillis(500))) {
                    all.add(r.value());
                }
            }
            return all;
        }
    }

    private static Response admin(HttpClient http, String method, String path, String body) {
        return send(http, method, path, body, "Bearer " + TOKEN);
    }

    private static Response send(HttpClient http, String method, String path, String body, String authorization) {
        return http.request(path, b -> {
            var publisher = body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body);
            switch (method) {
                case "GET" -> b.get();
                case "POST" -> b.post(publisher);
                case "PUT" -> b.put(publisher);
                case "DELETE" -> b.delete(publisher);
                default -> throw new IllegalArgumentException(method);
            }
            b.header("Content-Type", "application/json");
            if (authorization != null) {
                b.header("Authorization", authorization);
            }
        });
    }

    /** Standard Webhooks verification written here again, independently of the alerts module. */
    private static boolean verifies(String secret, String id, String timestamp, String signatures, byte[] body) {
        if (secret == null || id == null || timestamp == null || signatures == null) {
            return false;
        }
        try {
            if (Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > 300) {
                return false;
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = mac.doFinal(body);
            for (String s : signatures.split(" ")) {
                if (s.startsWith("v1,") && MessageDigest.isEqual(expected, Base64.getDecoder().decode(s.substring(3)))) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }
}
