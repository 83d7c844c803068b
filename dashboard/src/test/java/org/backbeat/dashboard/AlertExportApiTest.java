package org.backbeat.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVRecord;
import org.backbeat.alerts.store.AlertHistory;
import org.backbeat.alerts.webhook.delivery.Attempt;
import org.backbeat.alerts.webhook.delivery.DeliveryAdmin;
import org.backbeat.alerts.webhook.delivery.DeliveryLog;
import org.backbeat.alerts.webhook.delivery.DeliveryState;
import org.backbeat.alerts.webhook.delivery.DeliveryStatus;
import org.backbeat.alerts.webhook.subscription.SubscriptionStore;
import org.backbeat.alerts.webhook.subscription.Subscriptions;
import org.backbeat.alerts.webhook.ssrf.TargetGuard;
import org.backbeat.core.Alert;
import org.backbeat.core.Catalogue;
import org.backbeat.core.Json;
import org.backbeat.dashboard.alerts.AlertsController;
import org.backbeat.dashboard.alerts.WebhooksController;
import org.backbeat.dashboard.events.AdminToken;
import org.backbeat.dashboard.events.EventStore;
import org.backbeat.dashboard.events.EventsConfig;
import org.backbeat.index.schema.PostIndex;
import org.backbeat.index.testing.RealElasticsearch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code alerts} and {@code deliveries} CSV exports through the real app on the real Elasticsearch: the alert
 * history and the delivery log written here with known values, exported, parsed back with Commons CSV and compared
 * with those values and with the JSON routes' answers; the rule's hostile name and driver text come back neutralised.
 */
@ExtendWith(RealElasticsearch.class)
class AlertExportApiTest {

    private static final String TOKEN = "test-admin-token-0123456789";
    private static final Instant T0 = Instant.parse("2011-03-29T00:00:00Z");
    private static final String HOSTILE_DRIVER = "=HYPERLINK(\"http://x\",\"y\") Amazon, \"locker\"\nlaunch";
    private static final List<Alert> ALERTS = new ArrayList<>();
    private static final List<DeliveryState> DELIVERIES = new ArrayList<>();
    private static PostQueries queries;
    private static EventStore events;
    private static AlertHistory history;
    private static DeliveryLog log;
    private static SubscriptionStore subscriptionStore;

    @BeforeAll
    static void writeTheAlertsAndDeliveries(ElasticsearchClient client) throws IOException {
        PostIndex index = new PostIndex(client, "test-alert-export-posts", 0);
        index.ensureCreated();
        queries = new PostQueries(index);
        events = new EventStore(client, new EventsConfig("test-alert-export-events", 0));
        events.ensureCreated();
        history = new AlertHistory(client, "test-alert-export-history");
        history.ensureCreated();
        log = new DeliveryLog(client, "test-alert-export-log", 0);
        log.ensureCreated();
        subscriptionStore = new SubscriptionStore(client, "test-alert-export-subs", 0);
        subscriptionStore.ensureCreated();

        // six alerts over three days: two rules, two entities, one resolved, one with a hostile driver
        ALERTS.add(alert("amazon-volume", "@Volume of Amazon", "amazon", T0.plus(Duration.ofHours(14)), Alert.State.FIRING, 412, HOSTILE_DRIVER, 150));
        ALERTS.add(alert("amazon-volume", "@Volume of Amazon", "amazon", T0.plus(Duration.ofHours(20)), Alert.State.RESOLVED, 40, "back to normal", 3));
        ALERTS.add(alert("amazon-volume", "@Volume of Amazon", "amazon", T0.plus(Duration.ofDays(1)).plus(Duration.ofHours(9)), Alert.State.FIRING, 230, "Cloud Player works", 12));
        ALERTS.add(alert("amazon-volume", "@Volume of Amazon", "spotify", T0.plus(Duration.ofHours(15)), Alert.State.FIRING, 99, "Spotify too", 7));
        ALERTS.add(alert("labels-dip", "Labels dip", "amazon", T0.plus(Duration.ofHours(16)), Alert.State.FIRING, -0.31, "labels sue?", 20));
        ALERTS.add(alert("amazon-volume", "@Volume of Amazon", "amazon", T0.plus(Duration.ofDays(3)), Alert.State.FIRING, 120, "later", 5));
        history.indexAll(ALERTS);
        client.indices().refresh(r -> r.index(history.index()));

        // deliveries: one delivered after a 503, one parked after three failures, one not tried yet
        Instant at = T0.plus(Duration.ofHours(14));
        DeliveryState a = DeliveryState.pending(ALERTS.get(0), "sub_aaa", 0, at);
        a = a.after(new Attempt(1, at.plusSeconds(1), 503, 120, "=cmd|' /C calc'!A0 Service Unavailable"), DeliveryStatus.PENDING,
                at.plusSeconds(6), "retry", at.plusSeconds(1));
        a = a.after(new Attempt(2, at.plusSeconds(6), 204, 35, null), DeliveryStatus.DELIVERED, null, "delivered: HTTP 204", at.plusSeconds(6));
        DeliveryState b = DeliveryState.pending(ALERTS.get(0), "sub_bbb", 0, at);
        for (int i = 1; i <= 3; i++) {
            b = b.after(new Attempt(i, at.plusSeconds(10L * i), null, 10_000, "timed out"), i == 3 ? DeliveryStatus.PARKED : DeliveryStatus.PENDING,
                    at.plusSeconds(10L * i + 5), i == 3 ? "attempts used up" : "retry", at.plusSeconds(10L * i));
        }
        DeliveryState c = DeliveryState.pending(ALERTS.get(2), "sub_aaa", 1, T0.plus(Duration.ofDays(1)).plus(Duration.ofHours(9)));
        DELIVERIES.addAll(List.of(a, b, c));
        for (DeliveryState d : DELIVERIES) {
            log.record(d, true);
        }
    }

    private static Alert alert(String rule, String ruleName, String entity, Instant firedAt, Alert.State state, double observed,
                               String driver, long copies) {
        Instant start = firedAt.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        return new Alert(Alert.SCHEMA_VERSION, Alert.idOf(rule, entity, start, state), rule, ruleName, Alert.Kind.VOLUME_SPIKE, state,
                Alert.Severity.WARNING, entity, null, start, start.plus(Duration.ofHours(1)), firedAt, observed, 35.5, 12.25, 72.25,
                (observed - 35.5) / 12.25, state == Alert.State.RESOLVED ? null : 0.0004, 412, 380,
                List.of(new Alert.Driver("c1", driver, copies, -0.4), new Alert.Driver("c2", "second", 1, 0.1)), List.of(),
                "Volume for " + entity, state == Alert.State.FIRING && copies >= 100);
    }

    private DashboardApp app() {
        AdminToken token = AdminToken.of(TOKEN);
        DeliveryAdmin admin = new DeliveryAdmin(log, null, subscriptionStore, null, Clock.systemUTC());
        return new DashboardApp(DashboardConfig.defaults(), Catalogue.defaults(), queries, events, token, List.of(),
                DashboardApp.Parts.none()
                        .withAlerts(new AlertsController(null, history, null, List.of("amazon", "spotify"), token))
                        .withWebhooks(new WebhooksController(new Subscriptions(subscriptionStore, new TargetGuard(Set.of()), Clock.systemUTC()),
                                admin, token)));
    }

    @Test
    void the_alert_history_exports_every_alert_of_the_filters_with_its_numbers_row_for_row_as_the_json_route() {
        JavalinTest.test(app().javalin(), (server, http) -> {
            // given the filters of one rule and entity over the first two days (to exclusive)
            String filters = "rule=amazon-volume&entity=amazon&from=2011-03-29&to=2011-03-31";

            // when
            List<CSVRecord> rows = ExportApiTest.csv(http, "/api/export/alerts.csv?" + filters);

            // then the rows are the alerts of those filters, computed here, newest first
            List<Alert> expected = ALERTS.stream().filter(a -> a.ruleId().equals("amazon-volume") && a.entity().equals("amazon"))
                    .filter(a -> !a.firedAt().isBefore(T0) && a.firedAt().isBefore(T0.plus(Duration.ofDays(2))))
                    .sorted(Comparator.comparing(Alert::firedAt).reversed()).toList();
            assertThat(expected).hasSize(3);
            assertThat(rows).hasSize(expected.size());
            for (int i = 0; i < rows.size(); i++) {
                CSVRecord row = rows.get(i);
                Alert a = expected.get(i);
                assertThat(row.get("id")).isEqualTo(a.id());
                assertThat(row.get("time")).isEqualTo(a.firedAt().toString());
                assertThat(row.get("state")).isEqualTo(a.state().name());
                assertThat(row.get("rule_name")).isEqualTo("'@Volume of Amazon"); // neutralised: it starts with @
                assertThat(row.get("window_start")).isEqualTo(a.windowStart().toString());
                assertThat(Double.parseDouble(row.get("observed"))).isEqualTo(a.observed());
                assertThat(Double.parseDouble(row.get("baseline_mean"))).isEqualTo(35.5);
                assertThat(Double.parseDouble(row.get("baseline_stddev"))).isEqualTo(12.25);
                assertThat(Double.parseDouble(row.get("score"))).isEqualTo((a.observed() - 35.5) / 12.25);
                assertThat(row.get("p_value")).isEqualTo(a.pValue() == null ? "" : "0.0004");
                assertThat(row.get("posts")).isEqualTo("412");
                assertThat(row.get("distinct_texts")).isEqualTo("380");
                assertThat(row.get("driven_by_few_texts")).isEqualTo(a.drivenByFewTexts() ? "true" : "false");
                assertThat(row.get("top_driver_copies")).isEqualTo(String.valueOf(a.drivers().get(0).copies()));
            }
            // the hostile driver comes back whole, quotes, comma and newline included, with a leading '
            assertThat(rows.get(2).get("top_driver_text")).isEqualTo("'" + HOSTILE_DRIVER);

            // and the JSON route with the same filters (its `to` is inclusive) lists the same alerts in the same order
            JsonNode json = Json.mapper().readTree(http.get("/api/alerts/history?rule=amazon-volume&entity=amazon"
                    + "&from=2011-03-29T00:00:00Z&to=2011-03-30T23:59:59.999Z").body().string());
            List<String> jsonIds = new ArrayList<>();
            json.path("alerts").forEach(a -> jsonIds.add(a.path("id").asText()));
            assertThat(rows.stream().map(r -> r.get("id")).toList()).isEqualTo(jsonIds);
        });
    }

    @Test
    void the_delivery_log_exports_one_row_per_attempt_and_needs_the_admin_token() {
        JavalinTest.test(app().javalin(), (server, http) -> {
            // without the token: refused, since it names subscriptions
            assertThat(http.get("/api/export/deliveries.csv").code()).isEqualTo(401);

            // with it: every attempt of every delivery, a delivery never tried as one row without attempt
            List<CSVRecord> rows = ExportApiTest.csv(http, "/api/export/deliveries.csv", TOKEN);
            assertThat(rows).hasSize(2 + 3 + 1);
            for (DeliveryState d : DELIVERIES) {
                List<CSVRecord> mine = rows.stream().filter(r -> r.get("delivery_id").equals(d.key())).toList();
                assertThat(mine).hasSize(Math.max(1, d.attempts().size()));
                for (CSVRecord row : mine) {
                    assertThat(row.get("status")).isEqualTo(d.status().name());
                    assertThat(row.get("subscription_id")).isEqualTo(d.subscriptionId());
                    assertThat(row.get("rule_id")).isEqualTo(d.alert().ruleId());
                }
                for (int i = 0; i < d.attempts().size(); i++) {
                    Attempt expected = d.attempts().get(i);
                    CSVRecord row = mine.get(i);
                    assertThat(row.get("attempt")).isEqualTo(String.valueOf(expected.number()));
                    assertThat(row.get("attempt_at")).isEqualTo(expected.at().toString());
                    assertThat(row.get("status_code")).isEqualTo(expected.statusCode() == null ? "" : expected.statusCode().toString());
                    assertThat(row.get("latency_ms")).isEqualTo(String.valueOf(expected.latencyMs()));
                }
            }
            assertThat(rows.stream().filter(r -> r.get("status_code").equals("503")).findFirst().orElseThrow().get("error"))
                    .isEqualTo("'=cmd|' /C calc'!A0 Service Unavailable");
            assertThat(rows.stream().filter(r -> r.get("delivery_id").equals(DELIVERIES.get(2).key())).findFirst().orElseThrow()
                    .get("attempt")).isEmpty();

            // filtered by subscription and status, as the JSON route filters
            List<CSVRecord> parked = ExportApiTest.csv(http, "/api/export/deliveries.csv?subscription=sub_bbb&status=parked", TOKEN);
            assertThat(parked).hasSize(3).allSatisfy(r -> assertThat(r.get("delivery_id")).isEqualTo(DELIVERIES.get(1).key()));
            assertThat(http.request("/api/export/deliveries.csv?status=lost", r -> r.get().header("Authorization", "Bearer " + TOKEN)).code())
                    .isEqualTo(400);
        });
    }
}
