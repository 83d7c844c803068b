package org.backbeat.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.backbeat.alerts.store.AlertHistory;
import org.backbeat.alerts.webhook.StandardWebhooksVerifier;
import org.backbeat.alerts.webhook.delivery.DeliveryAdmin;
import org.backbeat.alerts.webhook.delivery.DeliveryLog;
import org.backbeat.alerts.webhook.delivery.WebhookSender;
import org.backbeat.alerts.webhook.http.WebhookHttpClient;
import org.backbeat.alerts.webhook.payload.DashboardLinks;
import org.backbeat.alerts.webhook.payload.PayloadRenderer;
import org.backbeat.alerts.webhook.ssrf.TargetGuard;
import org.backbeat.alerts.webhook.subscription.CreatedSubscription;
import org.backbeat.alerts.webhook.subscription.SubscriptionRequest;
import org.backbeat.alerts.webhook.subscription.SubscriptionStore;
import org.backbeat.alerts.webhook.subscription.Subscriptions;
import org.backbeat.core.Alert;
import org.backbeat.core.Catalogue;
import org.backbeat.core.Json;
import org.backbeat.dashboard.alerts.AlertsController;
import org.backbeat.dashboard.alerts.WebhooksController;
import org.backbeat.dashboard.events.AdminToken;
import org.backbeat.dashboard.events.EventStore;
import org.backbeat.dashboard.events.EventsConfig;
import org.backbeat.dashboard.reports.ReportDefinition;
import org.backbeat.dashboard.reports.ReportRun;
import org.backbeat.dashboard.reports.ReportStore;
import org.backbeat.dashboard.reports.ReportsConfig;
import org.backbeat.dashboard.reports.Schedule;
import org.backbeat.index.schema.PostIndex;
import org.backbeat.index.testing.RealElasticsearch;
import org.backbeat.infra.PortCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signed notice of a scheduled report run, end to end in the real app on the real Elasticsearch: a daily report
 * of the alert history that names a webhook subscription runs; a receiver on 127.0.0.1 gets a {@code report.completed}
 * notice signed with the subscription's secret (checked by the independent Standard Webhooks verifier); its download
 * link, with no admin token, gives the run's CSV; the same link tampered with, or once expired, gets a 403.
 */
@ExtendWith(RealElasticsearch.class)
class ReportNoticeTest {

    private static final String TOKEN = "test-admin-token-0123456789";
    private static final String LINK_SECRET = "a-link-secret-of-at-least-32-characters!";

    @TempDir
    Path dir;

    @Test
    void a_finished_run_sends_a_signed_notice_whose_link_downloads_the_csv_until_it_expires(ElasticsearchClient client) throws Exception {
        // given a clock on the morning of 2011-04-05 and three alerts of rule amazon-volume in the week before, one after
        ReportSchedulerTest.MovingClock clock = new ReportSchedulerTest.MovingClock("2011-04-05T07:00:30Z");
        long nonce = System.nanoTime();
        PostIndex posts = new PostIndex(client, "test-notice-posts-" + nonce, 0);
        posts.ensureCreated();
        EventStore events = new EventStore(client, new EventsConfig("test-notice-events-" + nonce, 0));
        events.ensureCreated();
        AlertHistory history = new AlertHistory(client, "test-notice-history-" + nonce);
        history.ensureCreated();
        List<Instant> fired = List.of(Instant.parse("2011-03-29T14:10:00Z"), Instant.parse("2011-03-30T09:00:00Z"),
                Instant.parse("2011-04-04T23:59:00Z"), Instant.parse("2011-04-05T01:00:00Z"));
        history.indexAll(fired.stream().map(ReportNoticeTest::alert).toList());
        client.indices().refresh(r -> r.index(history.index()));
        int expectedRows = 3; // "last 7 days" of a run on 2011-04-05 is [03-29, 04-05): the fourth alert is outside

        // and a subscription on a receiver that records what it gets
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var h = exchange.getRequestHeaders();
            received.add(new Received(h.getFirst("webhook-id"), h.getFirst("webhook-timestamp"), h.getFirst("webhook-signature"), body));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        int port = PortCheck.freePort();
        String publicUrl = "http://127.0.0.1:" + port;
        TargetGuard guard = new TargetGuard(Set.of("127.0.0.1"));
        SubscriptionStore store = new SubscriptionStore(client, "test-notice-subs-" + nonce, 0);
        store.ensureCreated();
        DeliveryLog log = new DeliveryLog(client, "test-notice-log-" + nonce, 0);
        log.ensureCreated();
        Subscriptions subscriptions = new Subscriptions(store, guard, clock);
        CreatedSubscription subscription = subscriptions.create(new SubscriptionRequest("reports",
                "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", "JSON", null, null, null, true));
        try (WebhookHttpClient http = new WebhookHttpClient()) {
            WebhookSender sender = new WebhookSender(guard, http, new PayloadRenderer(new DashboardLinks(publicUrl)),
                    Duration.ofSeconds(10), clock);
            DeliveryAdmin webhooks = new DeliveryAdmin(log, null, store, sender, clock);
            AdminToken token = AdminToken.of(TOKEN);
            ReportStore reports = new ReportStore(client, new ReportsConfig("test-notice-reports-" + nonce, 0, dir.resolve("reports"),
                    Duration.ofSeconds(30)).withLinks(publicUrl, LINK_SECRET, Duration.ofHours(24)));
            reports.ensureCreated();
            reports.put(new ReportDefinition("amazon-alerts", "alerts", Map.of("rule", "amazon-volume"), "last 7 days",
                    new Schedule("day", null, "07:00", "UTC"), Instant.parse("2011-04-01T00:00:00Z"), List.of(subscription.subscription().id())));
            DashboardApp app = new DashboardApp(DashboardConfig.defaults(), Catalogue.defaults(), new PostQueries(posts), events, token,
                    List.of(), DashboardApp.Parts.none()
                            .withAlerts(new AlertsController(null, history, null, List.of("amazon"), token))
                            .withWebhooks(new WebhooksController(subscriptions, webhooks, token))
                            .withReports(reports, clock));
            app.javalin().start("127.0.0.1", port); // not app.start(): the test ticks the scheduler itself
            try {
                // when the scheduler ticks at the run's time
                List<ReportRun> runs = app.scheduler().tick();

                // then the run is done with its three rows...
                assertThat(runs).singleElement().satisfies(r -> {
                    assertThat(r.status()).isEqualTo(ReportRun.DONE);
                    assertThat(r.rows()).isEqualTo(expectedRows);
                });
                // ...and the receiver got one notice, signed with the subscription's secret
                assertThat(received).hasSize(1);
                Received notice = received.get(0);
                assertThat(new StandardWebhooksVerifier(subscription.secret()).problem(notice.id(), notice.timestamp(),
                        notice.signature(), notice.body(), clock.instant().getEpochSecond())).isNull();
                assertThat(notice.id()).isEqualTo("report_amazon_alerts_20110405");
                JsonNode body = Json.mapper().readTree(notice.body());
                assertThat(body.path("type").asText()).isEqualTo("report.completed");
                JsonNode data = body.path("data");
                assertThat(data.path("report").asText()).isEqualTo("amazon-alerts");
                assertThat(data.path("rows").asLong()).isEqualTo(expectedRows);
                assertThat(data.path("period").path("from").asText()).isEqualTo("2011-03-29T00:00:00Z");
                assertThat(data.path("period").path("to").asText()).isEqualTo("2011-04-05T00:00:00Z");
                String link = data.path("download").path("url").asText();
                assertThat(link).startsWith(publicUrl + "/api/reports/download/");
                assertThat(Instant.parse(data.path("download").path("expiresAt").asText())).isEqualTo(Instant.parse("2011-04-06T07:00:30Z"));

                // the link, with no admin token, downloads the run's file: the three alerts, newest first
                HttpClient browser = HttpClient.newHttpClient();
                HttpResponse<String> download = browser.send(HttpRequest.newBuilder(URI.create(link)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                assertThat(download.statusCode()).isEqualTo(200);
                assertThat(download.body()).isEqualTo(Files.readString(dir.resolve("reports").resolve(runs.get(0).file())));
                try (CSVParser parser = CSVParser.parse(new StringReader(download.body()), CSVFormat.RFC4180.builder().setHeader().get())) {
                    List<CSVRecord> rows = parser.getRecords();
                    assertThat(rows.stream().map(r -> r.get("time")).toList())
                            .containsExactly("2011-04-04T23:59:00Z", "2011-03-30T09:00:00Z", "2011-03-29T14:10:00Z");
                }

                // a tampered link is refused: another signature, or another date under the same signature
                String token64 = link.substring(link.lastIndexOf('/') + 1);
                String signature = token64.substring(token64.indexOf('.') + 1);
                String forgedSignature = (signature.charAt(0) == 'A' ? "B" : "A") + signature.substring(1);
                assertThat(status(browser, link.replace(signature, forgedSignature))).isEqualTo(403);
                String otherDay = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                        ("amazon-alerts/2011-04-04/" + Instant.parse("2011-04-06T07:00:30Z").getEpochSecond()).getBytes(StandardCharsets.UTF_8));
                assertThat(status(browser, publicUrl + "/api/reports/download/" + otherDay + "." + signature)).isEqualTo(403);
                assertThat(status(browser, publicUrl + "/api/reports/download/garbage")).isEqualTo(403);

                // and once the day is over, the genuine link is refused too
                clock.now = Instant.parse("2011-04-06T07:00:30Z");
                HttpResponse<String> expired = browser.send(HttpRequest.newBuilder(URI.create(link)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(expired.statusCode()).isEqualTo(403);
                assertThat(expired.body()).contains("expired");
            } finally {
                app.javalin().stop();
                receiver.stop(0);
            }
        }
    }

    private static int status(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static Alert alert(Instant firedAt) {
        Instant start = firedAt.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        return new Alert(Alert.SCHEMA_VERSION, Alert.idOf("amazon-volume", "amazon", start, Alert.State.FIRING), "amazon-volume",
                "Volume of Amazon", Alert.Kind.VOLUME_SPIKE, Alert.State.FIRING, Alert.Severity.WARNING, "amazon", null, start,
                start.plus(Duration.ofHours(1)), firedAt, 412, 35.5, 12.25, 72.25, 30.7, 0.0004, 412, 380, List.of(), List.of(),
                "Volume for amazon");
    }

    private record Received(String id, String timestamp, String signature, byte[] body) {
    }
}
