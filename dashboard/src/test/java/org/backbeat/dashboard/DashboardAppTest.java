package org.backbeat.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.backbeat.core.Catalogue;
import org.backbeat.core.Json;
import org.backbeat.core.ScoredPost;
import org.backbeat.core.health.HealthCheck;
import org.backbeat.core.health.HealthStatus;
import org.backbeat.dashboard.events.AdminToken;
import org.backbeat.dashboard.events.EventStore;
import org.backbeat.dashboard.events.EventsConfig;
import org.backbeat.index.schema.ElasticsearchHealthCheck;
import org.backbeat.index.schema.EsClients;
import org.backbeat.index.schema.PostIndex;
import org.backbeat.index.testing.Fixtures;
import org.backbeat.index.testing.RealElasticsearch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealElasticsearch.class)
class DashboardAppTest {

    private static final String INDEX = "test-app";
    private static final List<ScoredPost> POSTS = Fixtures.posts();
    private static final ObjectMapper JSON = Json.mapper();
    private static PostQueries queries;
    private static ElasticsearchClient client;

    @BeforeAll
    static void indexTheFixtures(ElasticsearchClient esClient) throws IOException {
        client = esClient;
        PostIndex index = new PostIndex(client, INDEX, 0);
        index.ensureCreated();
        Fixtures.write(client, index, POSTS);
        queries = new PostQueries(index);
    }

    private static DashboardApp app(List<HealthCheck> checks) {
        return new DashboardApp(DashboardConfig.defaults().withIndex(INDEX), Catalogue.defaults(), queries, events(client),
                AdminToken.none(), checks);
    }

    /** An events index of its own (its name must not match the posts template's pattern {@code test-app-*}). */
    static EventStore events(ElasticsearchClient client) {
        EventStore store = new EventStore(client, new EventsConfig("test-events-app", 0));
        store.ensureCreatedAndSeeded();
        return store;
    }

    private static DashboardApp app() {
        return app(List.of(new ElasticsearchHealthCheck(client)));
    }

    @Test
    void series_returns_buckets_with_counts_and_mean_scores() {
        JavalinTest.test(app().javalin(), (server, http) -> {
            // when
            Response response = http.get("/api/series?entity=amazon&interval=day&from=2011-03-29&to=2011-04-01T00:00:00Z");

            // then
            assertThat(response.code()).isEqualTo(200);
            JsonNode body = JSON.readTree(response.body().string());
            assertThat(body.get("entity").asText()).isEqualTo("amazon");
            assertThat(body.get("interval").asText()).isEqualTo("day");
            assertThat(body.get("from").asText()).isEqualTo("2011-03-29T00:00:00Z");
            JsonNode buckets = body.get("buckets");
            assertThat(buckets).hasSize(3);
            assertThat(buckets.get(0).get("time").asText()).isEqualTo("2011-03-29T00:00:00Z");
            assertThat(buckets.get(0).get("count").asLong()).isEqualTo(3);
            assertThat(buckets.get(0).get("meanScore").asDouble()).isCloseTo(0.4 / 3, within(1e-9));
            assertThat(buckets.get(1).get("time").asText()).isEqualTo("2011-03-30T00:00:00Z");
            assertThat(buckets.get(1).get("count").asLong()).isZero();
            assertThat(buckets.get(1).get("meanScore").isNull()).isTrue();
            assertThat(buckets.get(2).get("count").asLong()).isEqualTo(2);
            assertThat(buckets.get(2).get("meanScore").asDouble()).isCloseTo(-0.65, within(1e-9));
        });
    }

    @Test
    void series_defaults_to_every_post_by_day() {
        JavalinTest.test(app().javalin(), (server, http) -> {
            JsonNode body = JSON.readTree(http.get("/api/series").body().string());

            assertThat(body.get("entity").asText()).isEqualTo("all");
            assertThat(body.get("interval").asText()).isEqualTo("day");
            long total = 0;
            for (JsonNode b : body.get("buckets")) {
                total += b.get("count").asLong();
            }
            assertThat(total).isEqualTo(POSTS.size());
            assertThat(body.get("buckets").get(0).get("time").asText()).isEqualTo("2011-03-28T00:00:00Z");
        });
    }

    @Test
    void entities_lists_the_catalogue_with_counts_and_mean_scores() {
        JavalinTest.test(app().javalin(), (server, http) -> {
            Response response = http.get("/api/entities");

            assertThat(response.code()).isEqualTo(200);
            JsonNode body = JSON.readTree(response.body().string());
            assertThat(body.get("total").asLong()).isEqualTo(12);
            assertThat(body.get("entities")).hasSize(Catalogue.defaults().entities().size());
            JsonNode amazon = entity(body, "amazon");
            assertThat(amazon.get("name").asText()).isEqualTo("Amazon");
            assertThat(amazon.get("count").asLong()).isEqualTo(6);
            assertThat(amazon.get("meanScore").asDouble()).isCloseTo((0.6 - 0.4 + 0.2 - 0.8 - 0.5 + 0.3) / 6, within(1e-9));
            JsonNode player = entity(body, "amazon-cloud-player");
            assertThat(player.get("parent").asText()).isEqualTo("amazon");
            assertThat(player.get("count").asLong()).isEqualTo(1);
            JsonNode napster = entity(body, "napster");
            assertThat(napster.get("count").asLong()).isZero();
            assertThat(napster.get("meanScore").isNull()).isTrue();
        });
    }

    @Test
    void invalid_parameters_are_answered_with_400_and_a_message() {
        JavalinTest.test(app().javalin(), (server, http) -> {
            Response badInterval = http.get("/api/series?interval=fortnight");
            assertThat(badInterval.code()).isEqualTo(400);
            assertThat(JSON.readTree(badInterval.body().string()).get("error").asText())
                    .isEqualTo("interval must be one of hour, day, week");

            Response badEntity = http.get("/api/series?entity=nobody-we-track");
            assertThat(badEntity.code()).isEqualTo(400);
            assertThat(badEntity.body().string()).contains("entity must be a catalogue entity id");

            Response badTime = http.get("/api/series?from=yesterday");
            assertThat(badTime.code()).isEqualTo(400);
            assertThat(badTime.body().string()).contains("from must be an ISO-8601 instant");

            Response reversed = http.get("/api/series?from=2011-04-01&to=2011-03-01");
            assertThat(reversed.code()).isEqualTo(400);
            assertThat(reversed.body().string()).contains("must be before to");
        });
    }

    @Test
    void a_post_is_returned_by_id_and_an_unknown_one_is_404() {
        JavalinTest.test(app().javalin(), (server, http) -> {
            Response found = http.get("/api/posts/twitter:7");
            assertThat(found.code()).isEqualTo(200);
            JsonNode doc = JSON.readTree(found.body().string());
            assertThat(doc.get("id").asText()).isEqualTo("twitter:7");
            assertThat(doc.get("publishedAt").asText()).isEqualTo("2011-03-31T08:00:00Z");
            assertThat(doc.get("sentiment").get("label").asText()).isEqualTo("NEGATIVE");
            assertThat(doc.get("sentiment").get("score").asDouble()).isEqualTo(-0.8);
            assertThat(doc.get("entities")).extracting(JsonNode::asText).containsExactly("umg", "amazon");

            Response missing = http.get("/api/posts/twitter:404");
            assertThat(missing.code()).isEqualTo(404);
            JsonNode error = JSON.readTree(missing.body().string());
            assertThat(error.get("status").asInt()).isEqualTo(404);
            assertThat(error.get("error").asText()).isEqualTo("no indexed post with id 'twitter:404'");
        });
    }

    @Test
    void health_is_200_when_every_component_is_up() {
        DashboardApp app = app(List.of(new ElasticsearchHealthCheck(client),
                HealthCheck.of("kafka", () -> HealthStatus.up("1 broker"))));
        JavalinTest.test(app.javalin(), (server, http) -> {
            Response response = http.get("/api/health");

            assertThat(response.code()).isEqualTo(200);
            JsonNode body = JSON.readTree(response.body().string());
            assertThat(body.get("status").asText()).isEqualTo("UP");
            assertThat(body.get("components").get("elasticsearch").get("status").asText()).isEqualTo("UP");
            assertThat(body.get("components").get("kafka").get("detail").asText()).isEqualTo("1 broker");
        });
    }

    @Test
    void health_is_503_and_names_the_component_that_is_down() {
        DashboardApp app = app(List.of(new ElasticsearchHealthCheck(client),
                HealthCheck.of("kafka", () -> HealthStatus.down("no broker answers at 127.0.0.1:9"))));
        JavalinTest.test(app.javalin(), (server, http) -> {
            Response response = http.get("/api/health");

            assertThat(response.code()).isEqualTo(503);
            JsonNode body = JSON.readTree(response.body().string());
            assertThat(body.get("status").asText()).isEqualTo("DOWN");
            assertThat(body.get("components").get("elasticsearch").get("status").asText()).isEqualTo("UP");
            assertThat(body.get("components").get("kafka").get("status").asText()).isEqualTo("DOWN");
            assertThat(body.get("components").get("kafka").get("detail").asText()).isEqualTo("no broker answers at 127.0.0.1:9");
        });
    }

    @Test
    void an_unreachable_elasticsearch_is_answered_with_503_and_says_so() throws IOException {
        try (ElasticsearchClient dead = EsClients.create(URI.create("http://127.0.0.1:" + PostQueriesTest.freePort()))) {
            DashboardApp app = new DashboardApp(DashboardConfig.defaults(), Catalogue.defaults(),
                    new PostQueries(dead, INDEX), new EventStore(dead, new EventsConfig("test-events-dead", 0)),
                    AdminToken.none(), List.of(new ElasticsearchHealthCheck(dead)));
            JavalinTest.test(app.javalin(), (server, http) -> {
                Response series = http.get("/api/series?entity=amazon");
                assertThat(series.code()).isEqualTo(503);
                assertThat(JSON.readTree(series.body().string()).get("error").asText())
                        .startsWith("Elasticsearch is unreachable");

                Response health = http.get("/api/health");
                assertThat(health.code()).isEqualTo(503);
                assertThat(JSON.readTree(health.body().string()).get("components").get("elasticsearch").get("status").asText())
                        .isEqualTo("DOWN");
            });
        }
    }

    @Test
    void info_carries_the_data_notice_from_the_config() {
        DashboardConfig config = DashboardConfig.defaults().withIndex(INDEX).withDataNotice("Simulated data: scenario <cloud-launch>");
        DashboardApp app = new DashboardApp(config, Catalogue.defaults(), queries, events(client), AdminToken.none(), List.of());
        JavalinTest.test(app.javalin(), (server, http) -> {
            JsonNode info = JSON.readTree(http.get("/api/info").body().string());
            assertThat(info.get("dataNotice").asText()).isEqualTo("Simulated data: scenario <cloud-launch>");
        });
        JavalinTest.test(app().javalin(), (server, http) ->
                assertThat(JSON.readTree(http.get("/api/info").body().string()).get("dataNotice").isNull()).isTrue());
    }

    @Test
    void the_page_is_served_and_its_echarts_webjar_resolves() {
        JavalinTest.test(app().javalin(), (server, http) -> {
            Response page = http.get("/");
            assertThat(page.code()).isEqualTo(200);
            String html = page.body().string();
            assertThat(html).contains("<title>Backbeat</title>").contains("id=\"entity\"").contains("id=\"interval\"")
                    .contains("id=\"notice\"");

            Matcher script = Pattern.compile("src=\"(/webjars/echarts/[^\"]+/echarts\\.min\\.js)\"").matcher(html);
            assertThat(script.find()).as("the page loads ECharts from the WebJar").isTrue();
            Response echarts = http.get(script.group(1));
            assertThat(echarts.code()).isEqualTo(200);
            assertThat(echarts.body().string()).contains("echarts");

            Response js = http.get("/app.js");
            assertThat(js.code()).isEqualTo(200);
            assertThat(js.body().string()).contains("textContent").doesNotContain("innerHTML");
        });
    }

    private static JsonNode entity(JsonNode body, String id) {
        for (JsonNode e : body.get("entities")) {
            if (e.get("id").asText().equals(id)) {
                return e;
            }
        }
        throw new AssertionError("no entity " + id + " in " + body);
    }
}
