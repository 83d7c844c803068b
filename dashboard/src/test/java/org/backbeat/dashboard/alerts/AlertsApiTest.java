package org.backbeat.dashboard.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.javalin.testtools.JavalinTest;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.javalin.testtools.Response;
import org.backbeat.alerts.rules.AlertRule;
import org.backbeat.alerts.store.AlertHistory;
import org.backbeat.alerts.store.RuleStore;
import org.backbeat.core.Alert;
import org.backbeat.core.Catalogue;
import org.backbeat.core.EntitySentiment;
import org.backbeat.core.Json;
import org.backbeat.core.Post;
import org.backbeat.core.ScoredPost;
import org.backbeat.core.Sentiment;
import org.backbeat.core.SentimentLabel;
import org.backbeat.core.TrackedEntity;
import org.backbeat.dashboard.events.AdminToken;
import org.backbeat.index.schema.PostIndex;
import org.backbeat.index.testing.Fixtures;
import org.backbeat.index.testing.RealElasticsearch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The alerts API on the real Elasticsearch, wired as {@code DashboardApp} wires it. Rule changes go to a
 * recording publisher standing in for the rules topic (the topic's own path is tested in the alerts module).
 */
@ExtendWith(RealElasticsearch.class)
class AlertsApiTest {

    private static final String TOKEN = "s3cret-admin-token-for-tests";
    private static final ObjectMapper JSON = Json.mapper();
    private static final String RULES = "test-alert-rules";
    private static final String HISTORY = "test-alerts-history";
    private static final String POSTS = "test-alerts-posts";

    private final List<String> published = new ArrayList<>();
    private RuleStore rules;
    private AlertHistory history;
    private PostIndex posts;
    private ElasticsearchClient client;

    @BeforeEach
    void fresh(ElasticsearchClient client) throws IOException {
        this.client = client;
        for (String index : List.of(RULES, HISTORY)) {
            if (client.indices().exists(e -> e.index(index)).value()) {
                client.indices().delete(d -> d.index(index));
            }
        }
        rules = new RuleStore(client, RULES, (id, rule) -> published.add(id + "=" + (rule == null ? "tombstone" : rule.kind())),
                Catalogue.defaults().entities().stream().map(TrackedEntity::id).collect(java.util.stream.Collectors.toSet()));
        rules.ensureCreated();
        history = new AlertHistory(client, HISTORY);
        history.ensureCreated();
        posts = new PostIndex(client, POSTS, 0);
    }

    private Javalin app() {
        AlertsController alerts = new AlertsController(rules, history, new HistoryWindows(client, POSTS),
                Catalogue.defaults().entities().stream().map(TrackedEntity::id).toList(), AdminToken.of(TOKEN));
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(Json.mapper(), false));
            config.routes.get("/api/alerts/rules", alerts::listRules);
            config.routes.post("/api/alerts/rules", alerts::createRule);
            config.routes.post("/api/alerts/rules/backtest", alerts::backtest);
            config.routes.get("/api/alerts/rules/{id}", alerts::getRule);
            config.routes.put("/api/alerts/rules/{id}", alerts::updateRule);
            config.routes.delete("/api/alerts/rules/{id}", alerts::deleteRule);
            config.routes.get("/api/alerts/history", alerts::history);
            config.routes.exception(HttpResponseException.class, (e, ctx) ->
                    ctx.status(e.getStatus()).json(Map.of("status", e.getStatus(), "error", e.getMessage())));
        });
    }

    private static Response send(io.javalin.testtools.HttpClient http, String method, String path, String body, boolean admin) {
        return http.request(path, b -> {
            var publisher = body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body);
            switch (method) {
                case "POST" -> b.post(publisher);
                case "PUT" -> b.put(publisher);
                case "DELETE" -> b.delete(publisher);
                default -> b.get();
            }
            b.header("Content-Type", "application/json");
            if (admin) {
                b.header("Authorization", "Bearer " + TOKEN);
            }
        });
    }

    private static JsonNode json(Response r) throws IOException {
        return JSON.readTree(r.body().string());
    }

    @Test
    void rules_are_created_listed_updated_and_deleted_with_the_admin_token_and_each_change_is_published() {
        JavalinTest.test(app(), (server, http) -> {
            String rule = "{\"id\":\"amazon-spike\",\"name\":\"Amazon <b>spike</b>\",\"kind\":\"VOLUME_SPIKE\",\"entities\":[\"amazon\"],\"window\":\"1d\",\"baseline\":\"14d\"}";

            // without the token: refused, nothing published
            assertThat(send(http, "POST", "/api/alerts/rules", rule, false).code()).isEqualTo(401);
            assertThat(published).isEmpty();

            // with it: created with the defaults filled in, published, listed
            Response created = send(http, "POST", "/api/alerts/rules", rule, true);
            assertThat(created.code()).isEqualTo(201);
            JsonNode body = json(created);
            assertThat(body.get("minDistinctTexts").asInt()).isEqualTo(3);
            assertThat(body.get("cooldown").asText()).isEqualTo("12h");
            assertThat(body.get("name").asText()).isEqualTo("Amazon <b>spike</b>");
            assertThat(published).containsExactly("amazon-spike=VOLUME_SPIKE");
            assertThat(json(send(http, "GET", "/api/alerts/rules", null, false)).get("rules")).hasSize(1);
            assertThat(send(http, "POST", "/api/alerts/rules", rule, true).code()).isEqualTo(409);

            // an invalid rule: 400 naming what to fix
            Response invalid = send(http, "POST", "/api/alerts/rules",
                    "{\"id\":\"x\",\"name\":\"X\",\"kind\":\"TOPIC_BURST\",\"entities\":[\"nobody\"]}", true);
            assertThat(invalid.code()).isEqualTo(400);
            assertThat(json(invalid).get("error").asText()).contains("entities: 'nobody' is not an entity of the catalogue",
                    "topic must be set for a TOPIC_BURST rule");

            // update (k) and delete: each published; the delete as a tombstone
            Response updated = send(http, "PUT", "/api/alerts/rules/amazon-spike", rule.replace("\"window\"", "\"k\":2,\"window\""), true);
            assertThat(updated.code()).isEqualTo(200);
            assertThat(json(send(http, "GET", "/api/alerts/rules/amazon-spike", null, false)).get("k").asDouble()).isEqualTo(2.0);
            assertThat(send(http, "DELETE", "/api/alerts/rules/amazon-spike", null, true).code()).isEqualTo(204);
            assertThat(send(http, "GET", "/api/alerts/rules/amazon-spike", null, false).code()).isEqualTo(404);
            assertThat(published).containsExactly("amazon-spike=VOLUME_SPIKE", "amazon-spike=VOLUME_SPIKE", "amazon-spike=tombstone");
        });
    }

    @Test
    void a_backtest_runs_a_draft_rule_over_the_indexed_history_and_history_lists_alerts() throws IOException {
        // given 20 days of 5 Amazon posts a day and 40 on 2011-03-29, indexed
        List<ScoredPost> indexed = new ArrayList<>();
        Instant day0 = Instant.parse("2011-03-09T00:00:00Z");
        for (int d = 0; d < 24; d++) {
            int n = d == 20 ? 40 : 5;
            for (int i = 0; i < n; i++) {
                Instant at = day0.plus(d, ChronoUnit.DAYS).plusSeconds(600L * i);
                Sentiment s = new Sentiment(SentimentLabel.NEUTRAL, 0.1, 0.7);
                Post p = Post.of("bt:" + d + "-" + i, "twitter", at, "u" + i, null, "Amazon post " + d + "-" + i, null, "en");
                indexed.add(new ScoredPost(ScoredPost.SCHEMA_VERSION, p, s, List.of("amazon"),
                        List.of(new EntitySentiment("amazon", s, List.of("Amazon"))), List.of(), "m", "t", null, at));
            }
        }
        posts.ensureCreated();
        Fixtures.write(client, posts, indexed);
        history.indexAll(List.of(alert("a1", "amazon", "2011-03-29T10:00:00Z"), alert("a2", "spotify", "2011-04-02T10:00:00Z")));
        client.indices().refresh(r -> r.index(HISTORY));

        JavalinTest.test(app(), (server, http) -> {
            // when a draft daily volume rule is backtested over March
            String draft = "{\"name\":\"draft\",\"kind\":\"VOLUME_SPIKE\",\"entities\":[\"amazon\"],\"window\":\"1d\",\"baseline\":\"14d\",\"minPosts\":20}";
            Response r = send(http, "POST", "/api/alerts/rules/backtest?from=2011-03-20&to=2011-04-02", draft, false);

            // then it would have fired once, for the 29th, and resolved the day after; nothing was stored
            assertThat(r.code()).isEqualTo(200);
            JsonNode result = json(r);
            assertThat(result.get("alerts")).hasSize(2);
            assertThat(result.get("alerts").get(0).get("state").asText()).isEqualTo("FIRING");
            assertThat(result.get("alerts").get(0).get("windowStart").asText()).isEqualTo("2011-03-29T00:00:00Z");
            assertThat(result.get("alerts").get(0).get("posts").asInt()).isEqualTo(40);
            assertThat(result.get("alerts").get(1).get("state").asText()).isEqualTo("RESOLVED");
            assertThat(rules.list()).isEmpty();

            // and the history filters by entity and time
            assertThat(json(send(http, "GET", "/api/alerts/history", null, false)).get("alerts")).hasSize(2);
            JsonNode amazon = json(send(http, "GET", "/api/alerts/history?entity=amazon&from=2011-03-01&to=2011-03-31", null, false));
            assertThat(amazon.get("alerts")).hasSize(1);
            assertThat(amazon.get("alerts").get(0).get("id").asText()).isEqualTo("a1");
            assertThat(send(http, "GET", "/api/alerts/history?entity=nobody", null, false).code()).isEqualTo(400);
        });
    }

    private static Alert alert(String id, String entity, String at) {
        Instant t = Instant.parse(at);
        return new Alert(Alert.SCHEMA_VERSION, id, "r", "R", Alert.Kind.VOLUME_SPIKE, Alert.State.FIRING, Alert.Severity.WARNING,
                entity, null, t.truncatedTo(ChronoUnit.DAYS), t.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS), t,
                40, 5, 1, 8, 10, null, 40, 40, List.of(), List.of(), "summary");
    }
}
