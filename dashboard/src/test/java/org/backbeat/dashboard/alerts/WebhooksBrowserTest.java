package org.backbeat.dashboard.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The Alerts panel's webhook half in headless Chromium against the real app, Elasticsearch and broker: a hostile
 * rule name and subscription name stay text, a subscription is added (its secret shown once), a test alert reaches
 * a receiver that verifies its signature, and a parked delivery is resent from its button.
 */
@ExtendWith(RealElasticsearch.class)
class WebhooksBrowserTest {

    private static final String TOKEN = "test-admin-token-0123456789";
    private static final String HOSTILE = "<img src=x onerror=\"window.__xss=1\">Rule & co";

    @Test
    void subscriptions_and_parked_deliveries_in_a_real_browser(ElasticsearchClient client) throws Exception {
        Path kafkaDir = Files.createTempDirectory("backbeat-webhooks-browser-kafka-");
        long nonce = System.nanoTime();
        DispatcherConfig config = DispatcherConfig.defaults().withAllowedHosts(Set.of("127.0.0.1"))
                .withTopics("browser-alerts-" + nonce, "browser-deliveries-" + nonce)
                .withIndices("browser-subs-" + nonce, "browser-log-" + nonce);
        List<String> received = new CopyOnWriteArrayList<>();
        String[] secret = new String[1];
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var h = exchange.getRequestHeaders();
            boolean ok = verifies(secret[0], h.getFirst("webhook-id"), h.getFirst("webhook-timestamp"), h.getFirst("webhook-signature"), body);
            received.add(ok ? "verified" : "forged");
            exchange.sendResponseHeaders(ok ? 200 : 401, -1);
            exchange.close();
        });
        receiver.start();
        try (LocalKafka kafka = LocalKafka.start(kafkaDir, 0);
             WebhookAdministration webhooks = WebhookAdministration.create(config, client, kafka.bootstrapServers())) {
            try (Admin admin = Admin.create(KafkaProps.admin(kafka.bootstrapServers(), "test"))) {
                admin.createTopics(List.of(new NewTopic(config.deliveriesTopic(), Optional.of(1), Optional.empty()))).all().get();
            }
            // given a parked delivery of an alert whose rule name is hostile, and a subscription with a hostile name
            Instant t = Instant.parse("2026-12-02T07:00:00Z");
            Alert alert = new Alert(Alert.SCHEMA_VERSION, Alert.idOf("r", "amazon", t, Alert.State.FIRING), "r", HOSTILE,
                    Alert.Kind.VOLUME_SPIKE, Alert.State.FIRING, Alert.Severity.WARNING, "amazon", null, t, t.plusSeconds(3600),
                    t.plusSeconds(60), 10, 2, 1, 5, 8, null, 10, 9, List.of(), List.of(), HOSTILE);
            DeliveryState parked = DeliveryState.pending(alert, "sub_gone", 0, t)
                    .after(new Attempt(1, t, 500, 12, "HTTP 500"), DeliveryStatus.PARKED, null, "attempts used up", t);
            new DeliveryLog(client, config.deliveriesIndex(), 0).record(parked, true);
            webhooks.subscriptions().create(new org.backbeat.alerts.webhook.subscription.SubscriptionRequest(HOSTILE,
                    "https://hooks.example.org/x", "SLACK", null, null, null, true));

            PostIndex index = new PostIndex(client, "browser-webhooks-posts", 0);
            index.ensureCreated();
            EventStore events = new EventStore(client, new EventsConfig("browser-webhooks-events", 0));
            events.ensureCreated();
            AdminToken token = AdminToken.of(TOKEN);
            DashboardApp app = new DashboardApp(DashboardConfig.defaults(), Catalogue.defaults(), new PostQueries(index), events,
                    token, List.of(), new WebhooksController(webhooks, token));
            String base = "http://127.0.0.1:" + app.start(0);
            ChromeDriver browser = browser();
            try {
                JavascriptExecutor js = browser;
                // when the page opens with the admin token
                browser.get(base + "/");
                js.executeScript("sessionStorage.setItem('backbeat.adminToken', arguments[0])", TOKEN);
                browser.navigate().refresh();
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        !browser.findElements(By.cssSelector("#webhook-parked li.delivery")).isEmpty()
                                && !browser.findElements(By.cssSelector("#webhook-subscriptions tbody tr[data-id]")).isEmpty());

                // then hostile names are shown literally, and nothing ran
                WebElement row = browser.findElement(By.cssSelector("#webhook-subscriptions tbody tr[data-id]"));
                assertThat(row.findElements(By.tagName("td")).get(0).getText()).isEqualTo(HOSTILE);
                assertThat(browser.findElement(By.cssSelector("#webhook-parked li.delivery")).getText()).contains(HOSTILE);
                assertThat(browser.findElements(By.cssSelector("#webhooks-panel img"))).isEmpty();
                assertThat(js.executeScript("return typeof window.__xss")).isEqualTo("undefined");

                // when a subscription to the local receiver is added
                browser.findElement(By.id("webhook-url")).sendKeys("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
                browser.findElement(By.id("webhook-name")).sendKeys("local receiver");
                browser.findElement(By.id("webhook-create")).click();
                await().atMost(Duration.ofSeconds(15)).until(() -> browser.findElement(By.id("webhook-secret")).isDisplayed());
                secret[0] = browser.findElement(By.cssSelector("#webhook-secret code")).getText();
                assertThat(secret[0]).startsWith("whsec_").hasSize(6 + 44);
                await().atMost(Duration.ofSeconds(15)).until(() ->
                        browser.findElements(By.cssSelector("#webhook-subscriptions tbody tr[data-id]")).size() == 2);

                // and a test alert is sent from its row
                WebElement local = browser.findElements(By.cssSelector("#webhook-subscriptions tbody tr[data-id]")).stream()
                        .filter(r -> r.getText().contains("local receiver")).findFirst().orElseThrow();
                assertThat(local.getText()).contains("…" + secret[0].substring(secret[0].length() - 4)).doesNotContain(secret[0].substring(6, 30));
                local.findElements(By.tagName("button")).stream().filter(b -> b.getText().equals("Send test")).findFirst().orElseThrow().click();
                await().atMost(Duration.ofSeconds(20)).until(() -> browser.findElement(By.id("webhooks-status")).getText().startsWith("Test alert delivered"));
                assertThat(received).containsExactly("verified");

                // when the parked delivery is resent
                WebElement item = browser.findElement(By.cssSelector("#webhook-parked li.delivery"));
                item.findElement(By.tagName("button")).click();
                await().atMost(Duration.ofSeconds(20)).until(() -> item.getText().contains("resent: pending again"));

                // then the dispatcher's topic has it pending again
                assertThat(readTopic(kafka, config)).singleElement().satisfies(s -> {
                    assertThat(s.key()).isEqualTo(parked.key());
                    assertThat(s.status()).isEqualTo(DeliveryStatus.PENDING);
                });
            } finally {
                browser.quit();
                app.stop();
            }
        } finally {
            receiver.stop(0);
        }
    }

    private static List<DeliveryState> readTopic(LocalKafka kafka, DispatcherConfig config) {
        var topic = config.deliveries();
        try (KafkaConsumer<String, DeliveryState> consumer = new KafkaConsumer<>(KafkaProps.consumer(kafka.bootstrapServers(), "reader"),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            TopicPartition p = new TopicPartition(topic.name(), 0);
            consumer.assign(List.of(p));
            consumer.seekToBeginning(List.of(p));
            long end = consumer.endOffsets(List.of(p)).get(p);
            List<DeliveryState> all = new java.util.ArrayList<>();
            while (consumer.position(p) < end) {
                for (ConsumerRecord<String, DeliveryState> r : consumer.poll(Duration.ofMillis(500))) {
                    all.add(r.value());
                }
            }
            return all;
        }
    }

    private static ChromeDriver browser() throws IOException {
        assertThat(new File("/usr/bin/chromium")).as("Debian's chromium").exists();
        assertThat(new File("/usr/bin/chromedriver")).as("Debian's chromium-driver").exists();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,1600", "--user-data-dir=" + Files.createTempDirectory("backbeat-chromium"));
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).build(), options);
    }

    /** Standard Webhooks verification, written here independently of the alerts module. */
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
