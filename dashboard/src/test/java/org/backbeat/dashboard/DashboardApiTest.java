package org.backbeat.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.router.ParsedEndpoint;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.backbeat.core.Catalogue;
import org.backbeat.core.Json;
import org.backbeat.core.ScoredPost;
import org.backbeat.core.quantify.Confusion;
import org.backbeat.core.SentimentLabel;
import org.backbeat.dashboard.events.AdminToken;
import org.backbeat.dashboard.events.EventStore;
import org.backbeat.dashboard.events.EventsConfig;
import org.backbeat.dashboard.impact.CandidatePoint;
import org.backbeat.dashboard.impact.ChangePointConfig;
import org.backbeat.dashboard.impact.ChangePointDetector;
import org.backbeat.dashboard.impact.DailyBucket;
import org.backbeat.dashboard.impact.ImpactConfig;
import org.backbeat.dashboard.impact.ImpactEstimator;
import org.backbeat.dashboard.impact.ImpactResult;
import org.backbeat.dashboard.impact.Observation;
import org.backbeat.index.schema.PostIndex;
import org.backbeat.index.testing.Fixtures;
import org.backbeat.index.testing.RealElasticsearch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The JSON API on the real Elasticsearch, seeded with {@link ApiFixtures}: every number is computed again here
 * from the fixture records (means, t-based 95% intervals with Commons Math, shares, rankings).
 */
@ExtendWith(RealElasticsearch.class)
class DashboardApiTest {

    static final String INDEX = "test-api";
    static final String EVENTS_INDEX = "test-events-api";
    static final String TOKEN = "test-admin-token-0123456789";
    static final String LAUNCH_EVENT = "2011-03-29-amazon-cloud-drive-and-cloud-player-launch";
    private static final List<ScoredPost> POSTS = ApiFixtures.posts();
    private static final ObjectMapper JSON = Json.mapper();
    private static PostQueries queries;
    private static EventStore events;

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
                AdminToken.of(TOKEN), List.of());
    }

    @Test
    void posts_go_to_monthly_indices_behind_the_alias(ElasticsearchClient client) {
        PostIndex index = new PostIndex(client, INDEX, 0);

        assertThat(index.indices()).contains(INDEX + "-2011.03", INDEX + "-2011.04");
        assertThat(queries.count()).isEqualTo(POSTS.size());
    }

    @Test
    void daily_series_of_an_entity_has_exact_volume_targeted_means_confidence_intervals_and_shares() {
        JavalinTest.test(app().javalin(), (server, http) -> {
            // when
            JsonNode body = get(http, "/api/series?entity=amazon&interval=day&from=2011-03-15&to=2011-04-12");

            // then one bucket per day, each matching an independent computation from the records
            JsonNode buckets = body.get("buckets");
            assertThat(buckets).hasSize(ApiFixtures.DAYS);
            for (int d = 0; d < ApiFixtures.DAYS; d++) {
                Instant from = ApiFixtures.FIRST_DAY.plusDays(d).atStartOfDay(ZoneOffset.UTC).toInstant();
                assertBucket(buckets.get(d), from, from.plus(Duration.ofDays(1)), "amazon", null);
            }
            // unscored posts count in volume but not in the mean: 21 March has the unscored post 28
            JsonNode march21 = buckets.get(6);
            assertThat(march21.get("count").asLong()).isEqualTo(4);
            assertThat(march21.get("scored").asLong()).isEqualTo(3);
        });
    }

    @Test
    void series_intervals_are_the_delta_methods_unless_the_bootstrap_is_asked_for() {
        JavalinTest.test(app().javalin(), (server, http) -> {
            // when
            String query = "/api/series?entity=amazon&interval=day&from=2011-03-15&to=2011-04-12";
            JsonNode delta = get(http, query);
            JsonNode bootstrap = get(http, query + "&intervals=bootstrap");

            // then both say which they are, give the same corrected shares, and each interval holds its share
            assertThat(delta.get("intervals").asText()).isEqualTo("delta");
            assertThat(bootstrap.get("intervals").asText()).isEqualTo("bootstrap");
            int compared = 0;
            for (int d = 0; d < ApiFixtures.DAYS; d++) {
                JsonNode a = delta.get("buckets").get(d);
                JsonNode b = bootstrap.get("buckets").get(d);
                if (a.get("negative").isNull()) {
                    assertThat(b.get("negativeLow").isNull()).isTrue();
                    continue;
                }
                compared++;
                for (String c : List.of("negative", "neutral", "positive")) {
                    assertThat(a.get(c).asDouble()).isEqualTo(b.get(c).asDouble());
                    assertThat(a.get(c + "Low").asDouble()).isBetween(0.0, a.get(c).asDouble());
                    assertThat(a.get(c + "High").asDouble()).isBetween(a.get(c).asDouble(), 1.0);
                    // a few posts a day: both intervals are wide, and the two methods do not tell different stories
                    double deltaWidth = a.get(c + "High").asDouble() - a.get(c + "Low").asDouble();
                    double bootstrapWidth = b.get(c + "High").asDouble() - b.get(c + "Low").asDouble();
                    assertThat(deltaWidth).as("%s on day %d", c, d).isBetween(0.5 * bootstrapWidth, 2 * bootstrapWidth);
                }
            }
            assertThat(compared).isGreaterThan(5);
            assertThat(http.get(query + "&intervals=jackknife").code()).isEqualTo(400);
        });
    }

    @Test
    void weekly_series_filtered_by_topic_source_and_language_match_the_records() {
        JavalinTest.test(app().javalin(), (server, http) -> {
            JsonNode byTopic = get(http, "/api/series?entity=amazon&topic=launch&interval=week&from=2011-03-28&to=2011-04-11");
            JsonNode bySource = get(http, "/api/series?source=rss&interval=week&from=2011-03-14&to=2011-04-11");
            JsonNode byLang = get(http, "/api/series?lang=de&interval=week&from=2011-03-14&to=2011-04-11");

            for (int w = 0; w < 2; w++) {
                Instant from = Instant.parse("2011-03-28T00:00:00Z").plus(Duration.ofDays(7L * w));
                assertBucket(byTopic.get("buckets").get(w), from, from.plus(Duration.ofDays(7)), "amazon", "launch");
            }
            assertThat(bySource.get("buckets")).hasSize(4);
            Instant start = Instant.parse("2011-03-14T00:00:00Z");
            Instant end = Instant.parse("2011-04-11T00:00:00Z");
            long rss = about(null, null, start, end).stream().filter(p -> p.post().source().equals("rss")).count();
            assertThat(sum(bySource, "count")).isEqualTo(rss);
            long german = about(null, null, start, end).stream().filter(p -> "de".equals(p.post().lang())).count();
            assertThat(sum(byLang, "count")).isEqualTo(german);
            assertThat(sum(byLang, "scored")).isZero();
            assertThat(byLang.get("buckets").get(0).get("meanScore").isNull()).isTrue();
        });
    }

    @Test
    void share_of_voice_counts_mentions_per_entity_in_the_range() {
        JavalinTest.test(app().javalin(), (server, http) -> {
            JsonNode body = get(http, "/api/share-of-voice?entities=amazon,umg,spotify&from=2011-04-01&to=2011-04-12");

            Instant from = Instant.parse("2011-04-01T00:00:00Z");
            Instant to = Instant.parse("2011-04-12T00:00:00Z");
            long amazon = mentions("amazon", from, to);
            long umg = mentions("umg", from, to);
            long spotify = mentions("spotify", from, to);
            long total = amazon + umg + spotify;
            assertThat(body.get("mentions").asLong()).isEqualTo(total);
            JsonNode first = body.get("entities").get(0);
            assertThat(first.get("id").asText()).isEqualTo("amazon");
            assertThat(first.get("count").asLong()).isEqualTo(amazon);
            assertThat(first.get("share").asDouble()).isCloseTo((double) amazon / total, within(1e-12));
            assertThat(body.get("entities").get(1).get("id").asText()).isEqualTo("umg");
            assertThat(body.get("entities").get(1).get("count").asLong()).isEqualTo(umg);
            assertThat(body.get("entities").get(2).get("count").asLong()).isEqualTo(spotify);
            List<Double> umgScores = scores("umg", null, from, to);
            assertThat(body.get("entities").get(1).get("sentiment").get("mean").asDouble())
                    .isCloseTo(mean(umgScores), within(1e-9));
        });
    }

    @Test
    void top_topics_of_an_entity_come_with_counts_shares_and_targeted_sentiment() {
        JavalinTest.test(app().javalin(), (server, http) -> {
            JsonNode body = get(http, "/api/topics?entity=amazon&from=2011-03-29&to=2011-04-12");

            Instant from = Instant.parse("2011-03-29T00:00:00Z");
            Instant to = Instant.parse("2011-04-12T00:00:00Z");
            long all = about("amazon", null, from, to).size();
            JsonNode launch = body.get("topics").get(0);
            assertThat(launch.get("topic").asText()).isEqualTo("launch");
            assertThat(launch.get("count").asLong()).isEqualTo(about("amazon", "launch", from, to).size());
            assertThat(launch.get("share").asDouble()).isCloseTo((double) about("amazon", "launch", from, to).size() / all, within(1e-12));
            assertThat(launch.get("sentiment").get("mean").asDouble()).isCloseTo(mean(scores("amazon", "launch", from, to)), within(1e-9));
            assertThat(body.get("topics").get(1).get("topic").asText()).isEqualTo("lawsuit");
        });
    }

    @Test
    void top_posts_rank_by_targeted_sentiment_and_by_engagement() {
        JavalinTest.test(app().javalin(), (server, http) -> {
            JsonNode negative = get(http, "/api/top-posts?entity=amazon&ranking=negative&size=3");
            JsonNode positive = get(http, "/api/top-posts?entity=amazon&ranking=positive&size=3");
            JsonNode engaged = get(http, "/api/top-posts?ranking=engaged&size=1");

            List<ScoredPost> amazon = POSTS.stream().filter(p -> p.entities().contains("amazon")
                    && ApiFixtures.scoreTowards(p, "amazon") != null).toList();
            Comparator<ScoredPost> byScore = Comparator.comparingDouble(p -> ApiFixtures.scoreTowards(p, "amazon"));
            Comparator<ScoredPost> newestFirst = Comparator.comparing((ScoredPost p) -> p.post().publishedAt()).reversed();
            List<String> expectedNegative = amazon.stream().sorted(byScore.thenComparing(newestFirst)).limit(3).map(ScoredPost::id).toList();
            List<String> expectedPositive = amazon.stream().sorted(byScore.reversed().thenComparing(newestFirst)).limit(3).map(ScoredPost::id).toList();
            assertThat(ids(negative)).containsExactlyElementsOf(expectedNegative);
            assertThat(ids(negative).get(0)).isEqualTo(ApiFixtures.HOSTILE_ID);
            JsonNode hostile = negative.get("posts").get(0);
            assertThat(hostile.get("text").asText()).isEqualTo(ApiFixtures.HOSTILE_TEXT);
            assertThat(hostile.get("score").asDouble()).isEqualTo(-0.99);
            assertThat(hostile.get("targeted").asBoolean()).isTrue();
            assertThat(hostile.get("author").asText()).isEqualTo("mallory");
            assertThat(hostile.get("url").asText()).isEqualTo("https://example.org/hostile");
            assertThat(ids(positive)).containsExactlyElementsOf(expectedPositive);
            assertThat(ids(engaged)).containsExactly(ApiFixtures.MOST_ENGAGED_ID);
            assertThat(engaged.get("posts").get(0).get("engagement").asLong()).isEqualTo(5000);
        });
    }

    @Test
    void the_posts_behind_a_chart_point_are_listed_oldest_first() {
        JavalinTest.test(app().javalin(), (server, http) -> {
            JsonNode body = get(http, "/api/posts?entity=umg&from=2011-03-30T00:00:00Z&to=2011-03-31T00:00:00Z");

            Instant from = Instant.parse("2011-03-30T00:00:00Z");
            Instant to = Instant.parse("2011-03-31T00:00:00Z");
            List<ScoredPost> expected = about("umg", null, from, to).stream()
                    .sorted(Comparator.comparing((ScoredPost p) -> p.post().publishedAt()).thenComparing(ScoredPost::id)).toList();
            assertThat(body.get("total").asLong()).isEqualTo(expected.size());
            assertThat(ids(body)).containsExactlyElementsOf(expected.stream().map(ScoredPost::id).toList());
            JsonNode first = body.get("posts").get(0);
            Double expectedScore = ApiFixtures.scoreTowards(expected.get(0), "umg");
            if (expectedScore == null) {
                assertThat(first.get("score").isNull()).isTrue();
            } else {
                assertThat(first.get("score").asDouble()).isEqualTo(expectedScore);
            }
        });
    }

    @Test
    void impact_feeds_the_estimator_with_the_entitys_targeted_scores_and_says_it_in_words() {
        JavalinTest.test(app().javalin(), (server, http) -> {
            // when
            JsonNode body = get(http, "/api/impact?event=" + LAUNCH_EVENT + "&entity=amazon&window=7");

            // then the numbers are those of the estimator on the same posts, read from the records
            ImpactEstimator estimator = new ImpactEstimator(ImpactConfig.defaults());
            Instant launch = ApiFixtures.LAUNCH.atStartOfDay(ZoneOffset.UTC).toInstant();
            List<Observation> observations = POSTS.stream()
                    .filter(p -> p.entities().contains("amazon") && ApiFixtures.scoreTowards(p, "amazon") != null)
                    .map(p -> new Observation(p.post().publishedAt(), ApiFixtures.scoreTowards(p, "amazon"))).toList();
            ImpactResult expected = estimator.estimate(observations, launch, List.of());
            JsonNode sentiment = body.get("result").get("event").get("sentiment");
            assertThat(sentiment.get("countBefore").asInt()).isEqualTo(expected.event().sentiment().countBefore());
            assertThat(sentiment.get("countAfter").asInt()).isEqualTo(expected.event().sentiment().countAfter());
            assertThat(sentiment.get("difference").asDouble()).isCloseTo(expected.event().sentiment().difference(), within(1e-9));
            assertThat(sentiment.get("welch").get("lower").asDouble()).isCloseTo(expected.event().sentiment().welch().lower(), within(1e-9));
            assertThat(sentiment.get("welch").get("upper").asDouble()).isCloseTo(expected.event().sentiment().welch().upper(), within(1e-9));
            assertThat(body.get("entityName").asText()).isEqualTo("Amazon");
            assertThat(body.get("summary").get("sentiment").asText()).contains("Amazon").contains("rose");
            assertThat(body.get("truncated").asBoolean()).isFalse();
        });
    }

    @Test
    void impact_of_an_unknown_event_is_404_and_a_bad_window_400() {
        JavalinTest.test(app().javalin(), (server, http) -> {
            Response missing = http.get("/api/impact?event=no-such-event");
            assertThat(missing.code()).isEqualTo(404);
            assertThat(JSON.readTree(missing.body().string()).get("error").asText()).contains("no event with id 'no-such-event'");

            Response badWindow = http.get("/api/impact?event=" + LAUNCH_EVENT + "&window=365");
            assertThat(badWindow.code()).isEqualTo(400);
            assertThat(JSON.readTree(badWindow.body().string()).get("error").asText()).isEqualTo("window must be a whole number from 1 to 60");

            Response noEvent = http.get("/api/impact");
            assertThat(noEvent.code()).isEqualTo(400);
            assertThat(JSON.readTree(noEvent.body().string()).get("error").asText()).contains("event is required");
        });
    }

    @Test
    void candidates_are_the_detectors_shifts_of_the_daily_series_and_one_can_be_confirmed_as_an_event_with_the_token() {
        JavalinTest.test(app().javalin(), (server, http) -> {
            // when
            JsonNode body = get(http, "/api/candidates?entity=amazon&metric=sentiment");

            // then they are the detector's on the daily series of the records (scored posts, targeted scores)
            List<DailyBucket> days = new ArrayList<>();
            for (int d = 0; d < ApiFixtures.DAYS; d++) {
                LocalDate day = ApiFixtures.FIRST_DAY.plusDays(d);
                Instant from = day.atStartOfDay(ZoneOffset.UTC).toInstant();
                List<Double> scores = scores("amazon", null, from, from.plus(Duration.ofDays(1)));
                days.add(new DailyBucket(day, scores.size(), scores.isEmpty() ? Double.NaN : mean(scores)));
            }
            List<CandidatePoint> expected = new ChangePointDetector(ChangePointConfig.defaults()).sentimentShifts(days).stream()
                    .sorted(Comparator.comparingDouble(CandidatePoint::strength).reversed()).toList();
            assertThat(body.get("days").asInt()).isEqualTo(ApiFixtures.DAYS);
            assertThat(expected).isNotEmpty();
            assertThat(body.get("candidates")).hasSize(expected.size());
            JsonNode first = body.get("candidates").get(0);
            assertThat(first.get("day").asText()).isEqualTo(expected.get(0).day().toString());
            assertThat(first.get("metric").asText()).isEqualTo("sentiment");
            assertThat(first.get("before").asDouble()).isCloseTo(expected.get(0).before(), within(1e-9));
            assertThat(first.get("after").asDouble()).isCloseTo(expected.get(0).after(), within(1e-9));
            // the launch raised opinion of Amazon in the fixtures: the shift found goes up
            assertThat(first.get("after").asDouble()).isGreaterThan(first.get("before").asDouble());

            // when it is confirmed without, then with the token
            String event = "{\"date\":\"2011-03-29\",\"title\":\"Opinion of Amazon shifts\",\"entities\":[\"amazon\"],"
                    + "\"kind\":\"launch\",\"sourceUrl\":\"https://example.org/amazon\"}";
            Response refused = http.request("/api/events", b -> b.post(HttpRequest.BodyPublishers.ofString(event)));
            Response created = http.request("/api/events", b -> b.post(HttpRequest.BodyPublishers.ofString(event))
                    .header("Authorization", "Bearer " + TOKEN));

            // then
            assertThat(refused.code()).isEqualTo(401);
            assertThat(created.code()).as(created.body().string()).isEqualTo(201);
            JsonNode stored = get(http, "/api/events/2011-03-29-opinion-of-amazon-shifts");
            assertThat(stored.get("title").asText()).isEqualTo("Opinion of Amazon shifts");
            Response deleted = http.request("/api/events/2011-03-29-opinion-of-amazon-shifts",
                    b -> b.delete(HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + TOKEN));
            assertThat(deleted.code()).isEqualTo(204);
        });
    }

    @Test
    void every_route_javalin_registered_is_in_the_openapi_document_and_swagger_ui_is_served() {
        DashboardApp app = app();
        JavalinTest.test(app.javalin(), (server, http) -> {
            JsonNode openApi = get(http, "/openapi.json");
            Set<String> documented = new TreeSet<>();
            openApi.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                    .forEachRemaining(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));

            Set<String> registered = new TreeSet<>();
            for (ParsedEndpoint e : server.unsafe.internalRouter.allHttpHandlers()) {
                String method = e.endpoint.method.name();
                if (!method.startsWith("BEFORE") && !method.startsWith("AFTER")) { // the security headers, request metrics
                    registered.add(method + " " + e.endpoint.path);
                }
            }
            assertThat(registered).hasSizeGreaterThan(15);
            assertThat(documented).containsAll(registered);
            assertThat(registered).containsAll(documented);

            Response page = http.get("/api-docs");
            assertThat(page.code()).isEqualTo(200);
            String html = page.body().string();
            assertThat(html).contains("<script src=\"/api-docs.js\"></script>");
            assertThat(http.get("/api-docs.js").body().string()).contains("url: '/openapi.json'");
            String bundle = html.replaceAll("(?s).*src=\"([^\"]+swagger-ui-bundle\\.js)\".*", "$1");
            assertThat(http.get(bundle).code()).isEqualTo(200);
        });
    }

    @Test
    void bad_filters_are_400_with_what_to_send() {
        JavalinTest.test(app().javalin(), (server, http) -> {
            Response topic = http.get("/api/series?topic=%3Cscript%3E");
            assertThat(topic.code()).isEqualTo(400);
            assertThat(JSON.readTree(topic.body().string()).get("error").asText()).startsWith("topic must be an id");
            Response ranking = http.get("/api/top-posts?ranking=loudest");
            assertThat(JSON.readTree(ranking.body().string()).get("error").asText())
                    .isEqualTo("ranking must be one of negative, positive, engaged");
            Response size = http.get("/api/posts?size=0");
            assertThat(JSON.readTree(size.body().string()).get("error").asText()).isEqualTo("size must be a whole number from 1 to 100");
            Response candidates = http.get("/api/candidates");
            assertThat(candidates.code()).isEqualTo(400);
            assertThat(JSON.readTree(candidates.body().string()).get("error").asText()).startsWith("entity is required");
        });
    }

    // ----- expected values, from the records

    private static void assertBucket(JsonNode bucket, Instant from, Instant to, String entity, String topic) {
        List<ScoredPost> posts = about(entity, topic, from, to);
        List<Double> scores = scores(entity, topic, from, to);
        assertThat(Instant.parse(bucket.get("time").asText())).isEqualTo(from);
        assertThat(bucket.get("count").asLong()).as("count at %s", from).isEqualTo(posts.size());
        assertThat(bucket.get("scored").asLong()).as("scored at %s", from).isEqualTo(scores.size());
        if (scores.isEmpty()) {
            assertThat(bucket.get("meanScore").isNull()).isTrue();
            return;
        }
        DescriptiveStatistics stats = new DescriptiveStatistics();
        scores.forEach(stats::addValue);
        assertThat(bucket.get("meanScore").asDouble()).as("mean at %s", from).isCloseTo(stats.getMean(), within(1e-9));
        if (scores.size() >= 2) {
            double half = new TDistribution(scores.size() - 1).inverseCumulativeProbability(0.975)
                    * stats.getStandardDeviation() / Math.sqrt(scores.size());
            assertThat(bucket.get("ciLow").asDouble()).as("ciLow at %s", from).isCloseTo(stats.getMean() - half, within(1e-9));
            assertThat(bucket.get("ciHigh").asDouble()).as("ciHigh at %s", from).isCloseTo(stats.getMean() + half, within(1e-9));
        } else {
            assertThat(bucket.get("ciLow").isNull()).isTrue();
        }
        // the counted labels under raw; the shares corrected for the committed model's confusion
        double[] observed = new double[3];
        for (SentimentLabel label : SentimentLabel.values()) {
            String name = label.name().toLowerCase(Locale.ROOT);
            long labelled = posts.stream().filter(p -> ApiFixtures.scoreTowards(p, entity) != null
                    && ApiFixtures.labelTowards(p, entity) == label).count();
            observed[label.ordinal()] = (double) labelled / scores.size();
            assertThat(bucket.get("raw").get(name).asLong()).as("raw %s at %s", name, from).isEqualTo(labelled);
            assertThat(bucket.get("raw").get(name + "Share").asDouble()).isCloseTo(observed[label.ordinal()], within(1e-12));
        }
        double[] corrected = nearestOnSimplexGrid(Confusion.standard().rates(), observed);
        for (SentimentLabel label : SentimentLabel.values()) {
            String name = label.name().toLowerCase(Locale.ROOT);
            double share = bucket.get(name).asDouble();
            assertThat(share).as("corrected %s at %s", name, from).isCloseTo(corrected[label.ordinal()], within(0.003));
            assertThat(bucket.get(name + "Low").asDouble()).isBetween(0.0, share);
            assertThat(bucket.get(name + "High").asDouble()).isBetween(share, 1.0);
        }
    }

    /**
     * The true shares whose expected labels (rates[true][label]) come nearest, in squares, to the observed label shares:
     * searched by brute force on a 1/1000 grid over the simplex (the dashboard solves it exactly).
     */
    static double[] nearestOnSimplexGrid(double[][] rates, double[] observed) {
        int steps = 1000;
        double bestError = Double.POSITIVE_INFINITY;
        double[] best = null;
        for (int a = 0; a <= steps; a++) {
            for (int b = 0; a + b <= steps; b++) {
                double[] pi = {a / (double) steps, b / (double) steps, (steps - a - b) / (double) steps};
                double error = 0;
                for (int p = 0; p < 3; p++) {
                    double e = pi[0] * rates[0][p] + pi[1] * rates[1][p] + pi[2] * rates[2][p] - observed[p];
                    error += e * e;
                }
                if (error < bestError) {
                    bestError = error;
                    best = pi;
                }
            }
        }
        return best;
    }

    private static List<ScoredPost> about(String entity, String topic, Instant from, Instant to) {
        return POSTS.stream()
                .filter(p -> entity == null || p.entities().contains(entity))
                .filter(p -> topic == null || p.topics().stream().anyMatch(t -> t.topic().equals(topic)))
                .filter(p -> !p.post().publishedAt().isBefore(from) && p.post().publishedAt().isBefore(to))
                .toList();
    }

    private static List<Double> scores(String entity, String topic, Instant from, Instant to) {
        List<Double> scores = new ArrayList<>();
        for (ScoredPost p : about(entity, topic, from, to)) {
            Double s = ApiFixtures.scoreTowards(p, entity);
            if (s != null) {
                scores.add(s);
            }
        }
        return scores;
    }

    private static long mentions(String entity, Instant from, Instant to) {
        return about(entity, null, from, to).size();
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static long sum(JsonNode series, String field) {
        long total = 0;
        for (JsonNode b : series.get("buckets")) {
            total += b.get(field).asLong();
        }
        return total;
    }

    private static List<String> ids(JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.get("posts").forEach(p -> ids.add(p.get("id").asText()));
        return ids;
    }

    static JsonNode get(io.javalin.testtools.HttpClient http, String path) throws IOException {
        Response response = http.get(path);
        String text = response.body().string();
        assertThat(response.code()).as(path + " -> " + text).isEqualTo(200);
        return JSON.readTree(text);
    }

}
