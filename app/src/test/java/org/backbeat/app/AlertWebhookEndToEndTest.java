package org.backbeat.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.backbeat.alerts.webhook.DispatcherConfig;
import org.backbeat.alerts.webhook.WebhookAdministration;
import org.backbeat.alerts.webhook.subscription.CreatedSubscription;
import org.backbeat.alerts.webhook.subscription.SubscriptionRequest;
import org.backbeat.core.Alert;
import org.backbeat.core.Catalogue;
import org.backbeat.core.Json;
import org.backbeat.core.JsonSerde;
import org.backbeat.core.KafkaConfig;
import org.backbeat.core.KafkaProps;
import org.backbeat.core.Post;
import org.backbeat.core.ScoredPost;
import org.backbeat.core.Sentiment;
import org.backbeat.core.SentimentLabel;
import org.backbeat.core.Settings;
import org.backbeat.core.TopicAdmin;
import org.backbeat.index.schema.EsClients;
import org.backbeat.infra.LocalInfra;
import org.backbeat.ingest.sim.Scenarios;
import org.backbeat.ingest.sim.SimulatedPosts;
import org.backbeat.nlp.pipeline.PostAnalyzer;
import org.backbeat.nlp.sentiment.Scorer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alerts process end to end, as {@code ./backbeat alerts} wires it ({@link Stages#alerts}), on the real broker
 * and Elasticsearch: the demo's simulated spring 2011, scored, goes to {@code posts.scored}; the shipped rules fire
 * the Amazon volume spike of the Cloud Drive launch; the dispatcher delivers it to a receiver on 127.0.0.1, signed
 * as Standard Webhooks 1.0 with the subscription's secret, checked here by an HMAC computed independently.
 */
class AlertWebhookEndToEndTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);

    /** Cheap and fixed: this test is about the alert path, not the scorer. */
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

    private record Delivery(Map<String, String> headers, String body) {
    }

    private static boolean firing(Delivery delivery) {
        return delivery.body().contains("\"type\":\"alert.firing\"");
    }

    @Test
    void the_replayed_launch_spike_reaches_a_subscribed_receiver_signed_once(@TempDir Path dir) throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x")); // Elasticsearch runs as nobody
        List<Delivery> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new java.util.HashMap<>();
            for (String name : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
                headers.put(name, exchange.getRequestHeaders().getFirst(name));
            }
            received.add(new Delivery(headers, new String(body, StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        Closer closer = new Closer();
        closer.register(() -> receiver.stop(0));
        try (closer) {
            LocalInfra infra = closer.register(LocalInfra.start(
                    LocalInfra.Settings.of(dir.resolve("infra"), Path.of(System.getProperty("backbeat.es.home")))));
            Settings settings = Settings.of(Map.of(
                    "work-dir", dir.resolve("state").toString(),
                    "alerts.state-dir", dir.resolve("alerts").toString(),
                    "alerts.rules-file", Path.of("..", "config", "alert-rules.json").toString(),
                    "webhook.allowed-hosts", "127.0.0.1"));
            KafkaConfig kafka = AppConfig.from(settings).kafka().withBootstrap(infra.bootstrapServers());
            TopicAdmin.ensureTopics(infra.bootstrapServers(), kafka.topics());

            // given a JSON subscription to the receiver, for the Amazon spike rule
            ElasticsearchClient es = EsClients.create(infra.elasticsearchUri());
            closer.register(es::close);
            WebhookAdministration admin = closer.register(
                    WebhookAdministration.create(DispatcherConfig.from(settings), es, infra.bootstrapServers()));
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            CreatedSubscription subscription = admin.subscriptions().create(new SubscriptionRequest("e2e", url, "JSON",
                    List.of("amazon-volume-spike"), List.of(), null, true));

            // and the alerts process running
            Stages.alerts(settings, kafka, infra.elasticsearchUri(), Catalogue.defaults(), closer);

            // when the demo's spring 2011 arrives scored
            PostAnalyzer analyzer = PostAnalyzer.standard(Catalogue.defaults(), NEUTRAL, CLOCK);
            List<Post> posts = new SimulatedPosts(Scenarios.cloudLockers2011()).generate(2011);
            try (KafkaProducer<String, ScoredPost> producer = new KafkaProducer<>(
                    KafkaProps.producer(infra.bootstrapServers(), "alert-e2e"), new StringSerializer(),
                    kafka.topics().scored().valueSerde().serializer())) {
                for (Post post : posts) {
                    ScoredPost scored = analyzer.analyse(post);
                    producer.send(new ProducerRecord<>(kafka.topics().scored().name(), scored.id(), scored));
                }
            }

            // then the rule fires on the alerts topic
            List<Alert> fired = new java.util.ArrayList<>();
            try (KafkaConsumer<String, Alert> consumer = new KafkaConsumer<>(
                    KafkaProps.consumer(infra.bootstrapServers(), "alert-e2e-check"), new StringDeserializer(),
                    new JsonSerde<>(Alert.class).deserializer())) {
                consumer.subscribe(List.of("alerts"));
                await().atMost(Duration.ofMinutes(3)).until(() -> {
                    consumer.poll(Duration.ofMillis(500)).forEach(r -> fired.add(r.value()));
                    return fired.stream().anyMatch(a -> a.ruleId().equals("amazon-volume-spike")
                            && a.state() == Alert.State.FIRING);
                });
            }

            // and the receiver gets the launch-day spike, signed with the subscription's secret
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> received.stream().anyMatch(AlertWebhookEndToEndTest::firing));
            Thread.sleep(3_000); // a second delivery of the same alert would show up by now
            List<Delivery> firing = received.stream().filter(AlertWebhookEndToEndTest::firing).toList();
            assertThat(firing).hasSize(1);
            Delivery delivery = firing.get(0);
            JsonNode alert = Json.mapper().readTree(delivery.body()).path("data");
            assertThat(alert.path("rule").path("id").asText()).isEqualTo("amazon-volume-spike");
            assertThat(alert.path("entity").asText()).isEqualTo("amazon");
            assertThat(alert.path("window").path("start").asText()).isEqualTo("2011-03-29T00:00:00Z");
            assertThat(delivery.headers().get("webhook-id")).isEqualTo(alert.path("id").asText());

            String signed = delivery.headers().get("webhook-id") + "." + delivery.headers().get("webhook-timestamp") + "."
                    + delivery.body();
            byte[] key = Base64.getDecoder().decode(subscription.secret().substring("whsec_".length()));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
            assertThat(delivery.headers().get("webhook-signature").split(" ")).contains(expected);
            assertThat(Long.parseLong(delivery.headers().get("webhook-timestamp")))
                    .isBetween(Instant.now().minusSeconds(300).getEpochSecond(), Instant.now().plusSeconds(5).getEpochSecond());
        }
    }
}
