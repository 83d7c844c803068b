package org.backbeat.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.backbeat.core.Catalogue;
import org.backbeat.core.EntitySentiment;
import org.backbeat.core.Json;
import org.backbeat.core.Post;
import org.backbeat.core.ScoredPost;
import org.backbeat.core.SentimentLabel;
import org.backbeat.dashboard.events.AdminToken;
import org.backbeat.dashboard.events.EventStore;
import org.backbeat.dashboard.events.EventsConfig;
import org.backbeat.dashboard.export.FormulaGuard;
import org.backbeat.index.schema.PostIndex;
import org.backbeat.index.testing.Fixtures;
import org.backbeat.index.testing.RealElasticsearch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * CSV exports through the real app on the real Elasticsearch: every kind parsed back with Commons CSV equals the
 * JSON route's answer for the same filters, row for row and to the last bit of every number; hostile texts come
 * back whole, neutralised where they start a formula; bad parameters are a 400 before anything is streamed.
 */
@ExtendWith(RealElasticsearch.class)
class ExportApiTest {

    static final String INDEX = "test-csv-api";
    static final String EVENTS_INDEX = "test-events-csv-api";
    static final String LAUNCH_EVENT = DashboardApiTest.LAUNCH_EVENT;
    static final List<String> HOSTILE = List.of(
            "=HYPERLINK(\"http://x\",\"y\")", "@SUM(A1)", "+1+1", "-2+3", "\tleading tab then text",
            "embedded \"quotes\" and, commas", "two\nlines\r\nand CRLF", "emoji 🎧🔥 Amazon", "שלום Amazon مرحبا עולם",
            "\r=CR then formula", "\n@LF then at");
    private static final List<ScoredPost> POSTS = posts();
    private static final ObjectMapper JSON = Json.mapper();
    private static PostQueries queries;
    private static EventStore events;

    static List<ScoredPost> posts() {
        List<ScoredPost> posts = new ArrayList<>(ApiFixtures.posts());
        for (int i = 0; i < HOSTILE.size(); i++) {
            String text = HOSTILE.get(i);
            Post post = new Post(Post.SCHEMA_VERSION, "twitter:hostile-" + i, "twitter",
                    Instant.parse("2011-05-02T00:00:00Z").plusSeconds(60L * i), "=cmd|' /C calc'!A" + i,
                    i % 2 == 0 ? "+headline " + i : null, text, "https://example.org/h/" + i, "en", null, null, null, null, null, null);
            double score = -0.42 - i / 100.0;
            posts.add(new ScoredPost(ScoredPost.SCHEMA_VERSION, post, ApiFixtures.sentiment(score), List.of("amazon"),
                    List.of(new EntitySentiment("amazon", ApiFixtures.sentiment(score), List.of("Amazon"))), List.of(),
                    "test-model-2", "tax-1", null, Fixtures.SCORED_AT));
        }
        return posts;
    }

    @BeforeAll
    static void indexTheFixtures(ElasticsearchClient client) throws IOException {
        PostIndex index = new PostIndex(client, INDEX, 0);
        index.ensureCreated();
        Fixtures.write(client, index, POSTS);
        queries = new PostQueries(index);
        events = new EventStore(client, new EventsConfig(EVENTS_INDEX, 0));
        events.ensureCreatedAndSeeded();
    }

    static DashboardApp app() {
        return new DashboardApp(DashboardConfig.defaults().withIndex(INDEX), Catalogue.defaults(), queries, events,
                AdminToken.of(DashboardApiTest.TOKEN), List.of());
    }

    @Test
    void series_export_equals_the_json_buckets() {
        JavalinTest.test(app().javalin(), (server, http) -> {
            String query = "entity=amazon&interval=day&from=2011-03-15&to=2011-04-12";
            JsonNode json = DashboardApiTest.get(http, "/api/series?" + query).get("buckets");
            List<CSVRecord> csv = csv(http, "/api/export/series.csv?" + query);

            assertThat(csv).hasSize(json.size()).hasSize(ApiFixtures.DAYS);
            for (int i = 0; i < json.size(); i++) {
                assertRow(csv.get(i), json.get(i), Map.of("time", "time", "count", "count", "scored", "scored",
                        "mean_score", "meanScore", "ci_low", "ciLow", "ci_high", "ciHigh", "negative_share", "raw.negativeShare",
                        "neutral_share", "raw.neutralShare", "positive_share", "raw.positiveShare"));
                assertThat(csv.get(i).get("interval")).isEqualTo("day");
            }
        });
    }

    @Test
    void series_export_carries_the_corrected_shares_their_intervals_and_counts_of_the_json() {
        JavalinTest.test(app().javalin(), (server, http) -> {
            for (String intervals : List.of("", "&intervals=bootstrap")) {
                String query = "entity=amazon&interval=day&from=2011-03-15&to=2011-04-12" + intervals;
                JsonNode json = DashboardApiTest.get(http, "/api/series?" + query).get("buckets");
                List<CSVRecord> csv = csv(http, "/api/export/series.csv?" + query);

                assertThat(csv).hasSize(json.size());
                Map<String, String> columns = new java.util.HashMap<>();
                for (String c : List.of("negative", "neutral", "positive")) {
                    columns.put(c + "_posts", "labels." + c);
                    columns.put(c + "_corrected", c);
                    columns.put(c + "_low", c + "Low");
                    columns.put(c + "_high", c + "High");
                }
                int corrected = 0;
                int moved = 0;
                for (int i = 0; i < json.size(); i++) {
                    assertRow(csv.get(i), json.get(i), columns);
                    if (!csv.get(i).get("negative_low").isEmpty()) {
                        corrected++;
                        // the CSV carries both the counted share and the corrected one, which differ
                        if (!csv.get(i).get("negative_corrected").equals(csv.get(i).get("negative_share"))) {
                            moved++;
                        }
                    }
                }
                assertThat(corrected).as("buckets with scored posts").isGreaterThan(5);
                assertThat(moved).as("buckets whose corrected negative share is not the counted one").isGreaterThan(0);
            }
        });
    }

    @Test
    void share_of_voice_topics_and_top_posts_exports_equal_their_json_routes() {
        JavalinTest.test(app().javalin(), (server, http) -> {
            String sov = "entities=amazon,umg,spotify&from=2011-04-01&to=2011-04-12";
            JsonNode voices = DashboardApiTest.get(http, "/api/share-of-voice?" + sov).get("entities");
            List<CSVRecord> sovCsv = csv(http, "/api/export/share-of-voice.csv?" + sov);
            assertThat(sovCsv).hasSize(3);
            for (int i = 0; i < voices.size(); i++) {
                assertRow(sovCsv.get(i), voices.get(i), Map.of("entity", "id", "name", "name", "count", "count", "share", "share",
                        "scored", "sentiment.scored", "mean_score", "sentiment.mean", "ci_low", "sentiment.ciLow",
                        "ci_high", "sentiment.ciHigh", "negative_share", "sentiment.negative", "positive_share", "sentiment.positive"));
            }

            String topics = "entity=amazon&from=2011-03-29&to=2011-04-12";
            JsonNode topicsJson = DashboardApiTest.get(http, "/api/topics?" + topics).get("topics");
            List<CSVRecord> topicsCsv = csv(http, "/api/export/topics.csv?" + topics);
            assertThat(topicsCsv).hasSize(topicsJson.size()).isNotEmpty();
            for (int i = 0; i < topicsJson.size(); i++) {
                assertRow(topicsCsv.get(i), topicsJson.get(i), Map.of("topic", "topic", "count", "count", "share", "share",
                        "scored", "sentiment.scored", "mean_score", "sentiment.mean", "ci_low", "sentiment.ciLow",
                        "ci_high", "sentiment.ciHigh", "neutral_share", "sentiment.neutral"));
            }

            for (String ranking : List.of("negative", "positive", "engaged")) {
                String top = "entity=amazon&ranking=" + ranking + "&size=20";
                JsonNode topJson = DashboardApiTest.get(http, "/api/top-posts?" + top).get("posts");
                List<CSVRecord> topCsv = csv(http, "/api/export/top-posts.csv?" + top);
                assertThat(topCsv).hasSize(20).hasSize(topJson.size());
                for (int i = 0; i < topJson.size(); i++) {
                    assertPost(topCsv.get(i), topJson.get(i));
                    assertThat(topCsv.get(i).get("rank")).isEqualTo(Integer.toString(i + 1));
                    assertThat(topCsv.get(i).get("sentiment_score")).isEqualTo(number(topJson.get(i).get("score")));
                    assertThat(topCsv.get(i).get("targeted")).isEqualTo(topJson.get(i).get("targeted").asText());
                }
            }
        });
    }

    @Test
    void posts_export_equals_the_posts_route_with_every_filter_and_per_entity_gives_the_targeted_sentiment() {
        JavalinTest.test(app().javalin(), (server, http) -> {
            for (String filter : List.of("entity=umg&from=2011-03-15&to=2011-04-12",
                    "entity=amazon&label=negative&from=2011-03-15",
                    "minScore=-0.5&maxScore=0.1&source=twitter",
                    "text=post%201&lang=en",
                    "topic=lawsuit&entity=amazon&label=positive")) {
                JsonNode json = DashboardApiTest.get(http, "/api/posts?size=100&" + filter);
                List<CSVRecord> csv = csv(http, "/api/export/posts.csv?" + filter);
                assertThat(json.get("total").asLong()).as(filter).isLessThan(100).isPositive();
                assertThat(csv).as(filter).hasSize(json.get("total").asInt());
                for (int i = 0; i < csv.size(); i++) {
                    assertPost(csv.get(i), json.get("posts").get(i));
                }
                List<CSVRecord> perEntity = csv(http, "/api/export/posts.csv?per=entity&" + filter);
                String entity = filter.contains("entity=") ? filter.replaceAll(".*entity=([a-z]+).*", "$1") : null;
                if (entity != null) {
                    // one row per post: the filtered entity's, with the same score the posts route gives
                    assertThat(perEntity).hasSize(csv.size());
                    for (int i = 0; i < perEntity.size(); i++) {
                        assertThat(perEntity.get(i).get("entity")).isEqualTo(entity);
                        assertThat(perEntity.get(i).get("entity_score")).isEqualTo(number(json.get("posts").get(i).get("score")));
                        assertThat(perEntity.get(i).get("entity_label")).isEqualTo(number(json.get("posts").get(i).get("label")));
                    }
                } else {
                    long entities = 0;
                    for (JsonNode p : json.get("posts")) {
                        entities += p.get("entities").size();
                    }
                    assertThat(perEntity).hasSize((int) entities);
                }
            }
            // the label filter is the sentiment towards the entity, checked against the records
            List<CSVRecord> negative = csv(http, "/api/export/posts.csv?entity=amazon&label=negative");
            long expected = POSTS.stream().filter(p -> p.entities().contains("amazon")
                    && ApiFixtures.labelTowards(p, "amazon") == SentimentLabel.NEGATIVE).count();
            assertThat(negative).hasSize((int) expected);
        });
    }

    @Test
    void impact_export_has_one_row_per_event_and_entity_with_the_json_figures() {
        JavalinTest.test(app().javalin(), (server, http) -> {
            JsonNode json = DashboardApiTest.get(http, "/api/impact?event=" + LAUNCH_EVENT + "&entity=amazon&window=7");
            List<CSVRecord> csv = csv(http, "/api/export/impact.csv?event=" + LAUNCH_EVENT + "&entity=amazon&window=7");

            assertThat(csv).hasSize(1);
            CSVRecord row = csv.get(0);
            JsonNode event = json.get("result").get("event");
            assertThat(row.get("event")).isEqualTo(LAUNCH_EVENT);
            assertThat(row.get("entity")).isEqualTo("amazon");
            assertThat(row.get("observations")).isEqualTo(json.get("observations").asText());
            assertThat(row.get("count_before")).isEqualTo(event.get("sentiment").get("countBefore").asText());
            assertThat(row.get("mean_before")).isEqualTo(number(event.get("sentiment").get("meanBefore")));
            assertThat(row.get("mean_after")).isEqualTo(number(event.get("sentiment").get("meanAfter")));
            assertThat(row.get("difference")).isEqualTo(number(event.get("sentiment").get("difference")));
            assertThat(row.get("ci_low")).isEqualTo(number(event.get("sentiment").get("welch").get("lower")));
            assertThat(row.get("ci_high")).isEqualTo(number(event.get("sentiment").get("welch").get("upper")));
            assertThat(row.get("p_value")).isEqualTo(number(event.get("sentiment").get("welchP")));
            assertThat(row.get("volume_change")).isEqualTo(number(event.get("volume").get("difference")));
            assertThat(row.get("its_level_change")).isEqualTo(number(event.get("sentimentTrend").get("levelChange").get("estimate")));
            assertThat(row.get("its_slope_change")).isEqualTo(number(event.get("sentimentTrend").get("slopeChange").get("estimate")));
            JsonNode placebo = json.get("result").get("placebo");
            if (placebo != null && !placebo.isNull() && placebo.get("sentiment") != null && !placebo.get("sentiment").isNull()) {
                assertThat(row.get("placebo_difference")).isEqualTo(number(placebo.get("sentiment").get("difference")));
                assertThat(row.get("placebo_p_value")).isEqualTo(number(placebo.get("sentiment").get("welchP")));
            }

            assertThat(row.get("weight")).isEqualTo("posts");
            assertThat(row.get("texts_before")).isEqualTo(event.get("sentiment").get("textsBefore").asText());

            // weight=texts: the row is the JSON's estimate with each text counted once, and says so
            JsonNode byTexts = DashboardApiTest.get(http, "/api/impact?event=" + LAUNCH_EVENT + "&entity=amazon&window=7&weight=texts")
                    .get("result").get("event").get("sentiment");
            CSVRecord textsRow = csv(http, "/api/export/impact.csv?event=" + LAUNCH_EVENT + "&entity=amazon&window=7&weight=texts").get(0);
            assertThat(textsRow.get("weight")).isEqualTo("texts");
            assertThat(textsRow.get("mean_before")).isEqualTo(number(byTexts.get("meanBefore")));
            assertThat(textsRow.get("difference")).isEqualTo(number(byTexts.get("difference")));
            assertThat(textsRow.get("ci_low")).isEqualTo(number(byTexts.get("welch").get("lower")));

            // every event of an entity: one row per event
            List<CSVRecord> all = csv(http, "/api/export/impact.csv?entity=amazon&columns=event,entity,difference");
            assertThat(all.stream().map(r -> r.get("event")).toList())
                    .containsExactlyElementsOf(events.list("amazon", null, null).stream().map(e -> e.id()).toList());
            assertThat(all.get(0).toList()).hasSize(3);
        });
    }

    @Test
    void hostile_texts_round_trip_neutralised_and_never_split_a_row() {
        JavalinTest.test(app().javalin(), (server, http) -> {
            List<CSVRecord> csv = csv(http, "/api/export/posts.csv?from=2011-05-01&to=2011-05-03");

            assertThat(csv).hasSize(HOSTILE.size());
            for (int i = 0; i < HOSTILE.size(); i++) {
                CSVRecord row = csv.get(i);
                assertThat(row.get("id")).isEqualTo("twitter:hostile-" + i);
                assertThat(row.get("text")).isEqualTo(guarded(HOSTILE.get(i)));
                assertThat(row.get("author")).isEqualTo("'=cmd|' /C calc'!A" + i);
                assertThat(row.get("headline")).isEqualTo(i % 2 == 0 ? "'+headline " + i : "");
                // a negative score stays a number
                assertThat(Double.parseDouble(row.get("sentiment_score"))).isEqualTo(-0.42 - i / 100.0);
                assertThat(row.get("sentiment_score")).startsWith("-0.");
                assertThat(row.get("entity_sentiments")).startsWith("amazon=-0.").endsWith("/NEGATIVE/targeted");
            }
            assertThat(csv.get(0).get("text")).isEqualTo("'=HYPERLINK(\"http://x\",\"y\")");
            assertThat(csv.get(8).get("text")).isEqualTo("שלום Amazon مرحبا עולם");
        });
    }

    @Test
    void the_download_says_what_and_when_in_its_name_and_carries_a_bom_when_asked() {
        JavalinTest.test(app().javalin(), (server, http) -> {
            Response response = http.get("/api/export/posts.csv?entity=amazon&from=2011-03-01&to=2011-06-01&bom=true&columns=id,text");

            assertThat(response.code()).isEqualTo(200);
            assertThat(header(response, "Content-Type")).startsWith("text/csv").contains("utf-8");
            assertThat(header(response, "Content-Disposition"))
                    .isEqualTo("attachment; filename=\"backbeat-posts-amazon-2011-03-01_2011-05-31.csv\"");
            assertThat(response.body().string()).startsWith("\uFEFFid,text\r\n");
        });
    }

    @Test
    void bad_parameters_are_a_400_saying_what_to_fix_before_anything_is_streamed() {
        JavalinTest.test(app().javalin(), (server, http) -> {
            Response column = http.get("/api/export/posts.csv?columns=id,mood");
            assertThat(column.code()).isEqualTo(400);
            assertThat(header(column, "Content-Disposition")).isNull();
            assertThat(error(column)).startsWith("unknown column mood; the columns of posts are: id, time, source");

            assertThat(error(http.get("/api/export/posts.csv?label=angry"))).isEqualTo("label must be one of negative, neutral, positive, or 'all'");
            assertThat(error(http.get("/api/export/series.csv?minScore=2"))).isEqualTo("minScore must be a number from -1 to 1, like -0.5");
            assertThat(error(http.get("/api/export/posts.csv?from=2011-04-01&to=2011-03-01"))).startsWith("from (2011-04-01T00:00:00Z) must be before to");
            assertThat(error(http.get("/api/export/posts.csv?per=topic"))).isEqualTo("per must be one of post, entity");
            assertThat(error(http.get("/api/export/topics.csv?entity=nobody"))).startsWith("entity must be a catalogue entity id");
            Response kind = http.get("/api/export/pies.csv");
            assertThat(kind.code()).isEqualTo(404);
            assertThat(error(kind)).isEqualTo("no export of kind 'pies': one of posts, series, share-of-voice, topics, top-posts, "
                    + "impact, alerts, deliveries");
            // a kind whose store this app lacks says so, before anything is streamed
            Response alerts = http.get("/api/export/alerts.csv");
            assertThat(alerts.code()).isEqualTo(503);
            assertThat(error(alerts)).isEqualTo("the alert history is not set up in this process");
        });
    }

    // ----- helpers

    static String guarded(String text) {
        return FormulaGuard.startsFormula(text) ? "'" + text : text;
    }

    private static void assertPost(CSVRecord row, JsonNode post) {
        assertThat(row.get("id")).isEqualTo(post.get("id").asText());
        assertThat(row.get("time")).isEqualTo(Instant.parse(post.get("publishedAt").asText()).toString());
        assertThat(row.get("source")).isEqualTo(post.get("source").asText());
        assertThat(row.get("author")).isEqualTo(guarded(post.get("author").asText()));
        assertThat(row.get("headline")).isEqualTo(post.get("headline").isNull() ? "" : guarded(post.get("headline").asText()));
        assertThat(row.get("text")).isEqualTo(guarded(post.get("text").asText()));
        assertThat(row.get("url")).isEqualTo(post.get("url").isNull() ? "" : post.get("url").asText());
        assertThat(row.get("language")).isEqualTo(post.get("lang").asText());
        assertThat(row.get("engagement")).isEqualTo(post.get("engagement").asText());
        assertThat(row.get("entities")).isEqualTo(join(post.get("entities")));
        assertThat(row.get("topics")).isEqualTo(join(post.get("topics")));
    }

    private static String join(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return String.join(";", values);
    }

    /** Each CSV column equals the JSON field at its dotted path: numbers to the bit, text exactly, null as empty. */
    private static void assertRow(CSVRecord row, JsonNode json, Map<String, String> columns) {
        columns.forEach((column, path) -> {
            JsonNode value = json;
            for (String part : path.split("\\.")) {
                value = value == null ? null : value.get(part);
            }
            assertThat(row.get(column)).as(column).isEqualTo(number(value));
        });
    }

    /** A JSON value as the CSV writes it: numbers compared as doubles (exact), text as text, null as empty. */
    private static String number(JsonNode value) {
        if (value == null || value.isNull()) {
            return "";
        }
        if (value.isNumber()) {
            return org.backbeat.dashboard.export.CsvRowWriterAccess.number(value.isIntegralNumber() ? (Object) value.asLong() : value.asDouble());
        }
        if (value.isTextual() && value.asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z")) {
            return Instant.parse(value.asText()).toString();
        }
        return value.asText();
    }

    static List<CSVRecord> csv(io.javalin.testtools.HttpClient http, String path) throws IOException {
        return csv(http, path, null);
    }

    /** As above, with {@code Authorization: Bearer <adminToken>} unless it is null. */
    static List<CSVRecord> csv(io.javalin.testtools.HttpClient http, String path, String adminToken) throws IOException {
        Response response = adminToken == null ? http.get(path) : http.request(path, r -> r.get().header("Authorization", "Bearer " + adminToken));
        String body = response.body().string();
        assertThat(response.code()).as(body).isEqualTo(200);
        try (CSVParser parser = CSVParser.parse(new StringReader(body), CSVFormat.RFC4180.builder().setHeader().get())) {
            return parser.getRecords();
        }
    }

    static String header(Response response, String name) {
        List<String> values = response.headers().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String error(Response response) throws IOException {
        return JSON.readTree(response.body().string()).get("error").asText();
    }

    @SuppressWarnings("unused")
    private static String ids(List<CSVRecord> rows) {
        return rows.stream().map(r -> r.get("id")).collect(Collectors.joining(","));
    }
}
