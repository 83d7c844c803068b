package org.backbeat.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.JavalinTest;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.backbeat.core.Catalogue;
import org.backbeat.core.EntitySentiment;
import org.backbeat.core.Json;
import org.backbeat.core.Post;
import org.backbeat.core.ScoredPost;
import org.backbeat.core.TopicMatch;
import org.backbeat.dashboard.events.AdminToken;
import org.backbeat.dashboard.events.EventStore;
import org.backbeat.dashboard.events.EventsConfig;
import org.backbeat.index.schema.PostIndex;
import org.backbeat.index.testing.Fixtures;
import org.backbeat.index.testing.RealElasticsearch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Series, share of voice and drivers that know about copies, on the real Elasticsearch: eight days of Amazon posts,
 * and on 9 December a storm of 30 retweets of one news text. Distinct texts, authors, the clustered and the
 * per-text intervals, and the drivers are computed again here from the records (grouped by their text cluster).
 */
@ExtendWith(RealElasticsearch.class)
class HonestNumbersApiTest {

    static final String INDEX = "test-honest";
    static final LocalDate FIRST = LocalDate.parse("2011-12-05");
    static final LocalDate STORM = LocalDate.parse("2011-12-09");
    static final String NEWS = "Amazon sued by labels over its music locker";
    static final List<ScoredPost> POSTS = posts();
    private static final ObjectMapper JSON = Json.mapper();
    private static PostQueries queries;
    private static EventStore events;

    /**
     * Per day, eight posts of their own text (authors repeat), one in eight unscored; on the storm day the news text
     * and 30 retweets of it by 30 accounts (targeted Amazon score -0.7), plus a pair of copies on 7 December. Every
     * third post also mentions UMG.
     */
    static List<ScoredPost> posts() {
        Random random = new Random(20111209);
        List<ScoredPost> posts = new ArrayList<>();
        int n = 0;
        for (int d = 0; d < 8; d++) {
            LocalDate day = FIRST.plusDays(d);
            for (int i = 0; i < 8; i++) {
                n++;
                Instant time = day.atTime(1 + 2 * i, 0).toInstant(ZoneOffset.UTC);
                String text = "Amazon music thought number " + n;
                posts.add(post("twitter:p" + n, time, "author-" + (n % 11), text, n % 8 == 0 ? null
                        : Math.round((random.nextDouble() * 1.2 - 0.5) * 1000) / 1000.0, n % 3 == 0, n % 4 == 0));
            }
            if (day.equals(STORM)) {
                posts.add(post("rss:news", day.atTime(0, 30).toInstant(ZoneOffset.UTC), "newsdesk", NEWS, -0.7, false, true));
                for (int r = 1; r <= 30; r++) {
                    posts.add(post("twitter:rt" + r, day.atTime(9, r).toInstant(ZoneOffset.UTC), "rt-" + r,
                            "RT @newsdesk: " + NEWS + " https://t.co/x" + r, -0.7, false, true));
                }
            }
            if (day.equals(LocalDate.parse("2011-12-07"))) {
                posts.add(post("twitter:copy1", day.atTime(18, 5).toInstant(ZoneOffset.UTC), "fan-1", "Love the Amazon cloud player", 0.6, true, false));
                posts.add(post("twitter:copy2", day.atTime(18, 9).toInstant(ZoneOffset.UTC), "fan-2", "love the amazon  cloud player", 0.5, true, false));
            }
        }
        return posts;
    }

    private static ScoredPost post(String id, Instant time, String author, String text, Double score, boolean umg, boolean lawsuit) {
        Post post = new Post(Post.SCHEMA_VERSION, id, id.substring(0, id.indexOf(':')), time, author, null, text,
                "https://example.org/" + id, "en", null, null, null, null, null, null);
        List<String> entities = umg ? List.of("amazon", "umg") : List.of("amazon");
        List<TopicMatch> topics = lawsuit ? List.of(new TopicMatch("lawsuit", List.of("sued"))) : List.of();
        if (score == null) {
            return ScoredPost.unscored(post, entities, topics, "test-model-2", "tax-1", "not scored", Fixtures.SCORED_AT);
        }
        // the Amazon score is targeted and differs from the post's, so the entity series reads the nested one
        List<EntitySentiment> targeted = List.of(new EntitySentiment("amazon", ApiFixtures.sentiment(score), List.of("Amazon")));
        return new ScoredPost(ScoredPost.SCHEMA_VERSION, post, ApiFixtures.sentiment(score / 2), entities, targeted, topics,
                "test-model-2", "tax-1", null, Fixtures.SCORED_AT);
    }

    @BeforeAll
    static void indexTheFixtures(ElasticsearchClient client) throws IOException {
        PostIndex index = new PostIndex(client, INDEX, 0);
        index.ensureCreated();
        Fixtures.write(client, index, POSTS);
        events = new EventStore(client, new EventsConfig("test-honest-events", 0));
        events.ensureCreatedAndSeeded();
        queries = new PostQueries(index);
    }

    /** A fresh app: JavalinTest runs each instance once. */
    private static DashboardApp app() {
        return new DashboardApp(DashboardConfig.defaults().withIndex(INDEX), Catalogue.defaults(), queries, events,
                AdminToken.of("test-admin-token-0123456789"), List.of());
    }

    private static JsonNode get(String path) {
        JsonNode[] body = new JsonNode[1];
        JavalinTest.test(app().javalin(), (server, client) -> {
            var response = client.get(path);
            assertThat(response.code()).as(path).isEqualTo(200);
            body[0] = JSON.readTree(response.body().string());
        });
        return body[0];
    }

    private static Map<LocalDate, List<ScoredPost>> byDay(String entity) {
        Map<LocalDate, List<ScoredPost>> days = new TreeMap<>();
        for (ScoredPost p : POSTS) {
            if (entity == null || p.entities().contains(entity)) {
                days.computeIfAbsent(p.post().publishedAt().atOffset(ZoneOffset.UTC).toLocalDate(), k -> new ArrayList<>()).add(p);
            }
        }
        return days;
    }

    /** Scores of a day's scored posts (towards the entity), grouped by text cluster in first-seen order. */
    private static Map<String, List<Double>> scoresByText(List<ScoredPost> posts, String entity) {
        Map<String, List<Double>> byText = new LinkedHashMap<>();
        for (ScoredPost p : posts) {
            Double s = ApiFixtures.scoreTowards(p, entity);
            if (s != null) {
                byText.computeIfAbsent(p.textCluster(), k -> new ArrayList<>()).add(s);
            }
        }
        return byText;
    }

    /** {mean, low, high} clustered by text (CR1), computed from the scores themselves. */
    static double[] clustered(Map<String, List<Double>> byText) {
        List<Double> all = byText.values().stream().flatMap(List::stream).toList();
        int n = all.size();
        double m = all.stream().mapToDouble(Double::doubleValue).sum() / n;
        double between = 0;
        for (List<Double> text : byText.values()) {
            double residual = text.stream().mapToDouble(x -> x - m).sum();
            between += residual * residual;
        }
        int g = byText.size();
        double half = new TDistribution(g - 1).inverseCumulativeProbability(0.975)
                * Math.sqrt((double) g / (g - 1) * between / ((double) n * n));
        return new double[] {m, m - half, m + half};
    }

    /** {mean, low, high} of the per-text means: each text one value. */
    static double[] perText(Map<String, List<Double>> byText) {
        DescriptiveStatistics means = new DescriptiveStatistics();
        byText.values().forEach(t -> means.addValue(t.stream().mapToDouble(Double::doubleValue).average().orElseThrow()));
        double half = new TDistribution(means.getN() - 1).inverseCumulativeProbability(0.975)
                * means.getStandardDeviation() / Math.sqrt(means.getN());
        return new double[] {means.getMean(), means.getMean() - half, means.getMean() + half};
    }

    @Test
    void every_bucket_reports_posts_distinct_texts_and_authors_and_a_clustered_interval() {
        for (String entity : new String[] {null, "amazon"}) {
            // when
            JsonNode body = get("/api/series?interval=day" + (entity == null ? "" : "&entity=" + entity));

            // then
            assertThat(body.get("weight").asText()).isEqualTo("posts");
            Map<LocalDate, List<ScoredPost>> days = byDay(entity);
            assertThat(body.get("buckets")).hasSize(days.size());
            int i = 0;
            for (Map.Entry<LocalDate, List<ScoredPost>> day : days.entrySet()) {
                JsonNode b = body.get("buckets").get(i++);
                List<ScoredPost> posts = day.getValue();
                String what = entity + " " + day.getKey();
                assertThat(b.get("count").asLong()).as(what).isEqualTo(posts.size());
                assertThat(b.get("distinctTexts").asLong()).as(what)
                        .isEqualTo(posts.stream().map(ScoredPost::textCluster).distinct().count());
                assertThat(b.get("distinctAuthors").asLong()).as(what)
                        .isEqualTo(posts.stream().map(p -> p.post().author()).distinct().count());
                Map<String, List<Double>> byText = scoresByText(posts, entity);
                double[] expected = clustered(byText);
                assertThat(b.get("scoredTexts").asLong()).as(what).isEqualTo(byText.size());
                assertThat(b.get("meanScore").asDouble()).as(what).isCloseTo(expected[0], within(1e-9));
                assertThat(b.get("ciLow").asDouble()).as(what).isCloseTo(expected[1], within(1e-9));
                assertThat(b.get("ciHigh").asDouble()).as(what).isCloseTo(expected[2], within(1e-9));
            }
        }
    }

    @Test
    void without_repeated_texts_the_interval_is_the_plain_one_and_the_storm_widens_it() {
        // given a day with no copies, and the storm day
        JsonNode buckets = get("/api/series?interval=day&entity=amazon").get("buckets");
        List<ScoredPost> plainDay = byDay("amazon").get(LocalDate.parse("2011-12-06"));
        DescriptiveStatistics plain = new DescriptiveStatistics();
        plainDay.stream().map(p -> ApiFixtures.scoreTowards(p, "amazon")).filter(s -> s != null).forEach(plain::addValue);
        double half = new TDistribution(plain.getN() - 1).inverseCumulativeProbability(0.975)
                * plain.getStandardDeviation() / Math.sqrt(plain.getN());

        // then
        JsonNode day = buckets.get(1);
        assertThat(day.get("ciLow").asDouble()).isCloseTo(plain.getMean() - half, within(1e-9));
        assertThat(day.get("ciHigh").asDouble()).isCloseTo(plain.getMean() + half, within(1e-9));
        JsonNode storm = buckets.get(4);
        assertThat(storm.get("count").asLong()).isEqualTo(39);
        assertThat(storm.get("distinctTexts").asLong()).isEqualTo(9);
        DescriptiveStatistics naive = new DescriptiveStatistics();
        byDay("amazon").get(STORM).stream().map(p -> ApiFixtures.scoreTowards(p, "amazon")).filter(s -> s != null).forEach(naive::addValue);
        double naiveHalf = new TDistribution(naive.getN() - 1).inverseCumulativeProbability(0.975)
                * naive.getStandardDeviation() / Math.sqrt(naive.getN());
        double stormHalf = (storm.get("ciHigh").asDouble() - storm.get("ciLow").asDouble()) / 2;
        System.out.printf("storm day: 95%% half-width clustered %.3f vs treating copies as independent %.3f%n", stormHalf, naiveHalf);
        assertThat(stormHalf).isGreaterThan(1.5 * naiveHalf);
    }

    @Test
    void weight_texts_counts_each_distinct_text_once() {
        // when
        JsonNode body = get("/api/series?interval=day&entity=amazon&weight=texts");

        // then
        assertThat(body.get("weight").asText()).isEqualTo("texts");
        int i = 0;
        for (Map.Entry<LocalDate, List<ScoredPost>> day : byDay("amazon").entrySet()) {
            JsonNode b = body.get("buckets").get(i++);
            double[] expected = perText(scoresByText(day.getValue(), "amazon"));
            assertThat(b.get("meanScore").asDouble()).as(day.getKey().toString()).isCloseTo(expected[0], within(1e-9));
            assertThat(b.get("ciLow").asDouble()).as(day.getKey().toString()).isCloseTo(expected[1], within(1e-9));
            assertThat(b.get("ciHigh").asDouble()).as(day.getKey().toString()).isCloseTo(expected[2], within(1e-9));
        }
        // the storm moves the day's mean by posts, hardly by texts
        JsonNode byPosts = get("/api/series?interval=day&entity=amazon").get("buckets").get(4);
        assertThat(byPosts.get("meanScore").asDouble()).isLessThan(body.get("buckets").get(4).get("meanScore").asDouble() - 0.3);
    }

    @Test
    void drivers_name_the_copied_text_and_its_contribution() {
        // when
        JsonNode body = get("/api/series/drivers?entity=amazon&interval=day&bucket=" + STORM + "&size=3");

        // then: contributions computed from the records
        List<ScoredPost> all = byDay("amazon").values().stream().flatMap(List::stream).toList();
        double seriesMean = all.stream().map(p -> ApiFixtures.scoreTowards(p, "amazon")).filter(s -> s != null)
                .mapToDouble(Double::doubleValue).average().orElseThrow();
        List<ScoredPost> day = byDay("amazon").get(STORM);
        Map<String, List<Double>> byText = scoresByText(day, "amazon");
        long scored = byText.values().stream().mapToLong(List::size).sum();
        String news = ScoredPost.of(new Post(Post.SCHEMA_VERSION, "x:y", "x", Instant.EPOCH, null, null, NEWS, null, "en",
                null, null, null, null, null, null), ApiFixtures.sentiment(0), List.of(), "m", Fixtures.SCORED_AT).textCluster();
        assertThat(body.get("posts").asLong()).isEqualTo(39);
        assertThat(body.get("distinctTexts").asLong()).isEqualTo(9);
        assertThat(body.get("seriesMean").asDouble()).isCloseTo(seriesMean, within(1e-9));
        JsonNode top = body.get("drivers").get(0);
        assertThat(top.get("textCluster").asText()).isEqualTo(news);
        assertThat(top.get("copies").asLong()).isEqualTo(31);
        assertThat(top.get("meanScore").asDouble()).isCloseTo(-0.7, within(1e-9));
        assertThat(top.get("contribution").asDouble()).isCloseTo(31 * (-0.7 - seriesMean) / scored, within(1e-9));
        assertThat(top.get("sample").get("id").asText()).isEqualTo("rss:news");
        assertThat(top.get("sample").get("text").asText()).isEqualTo(NEWS);
        double sum = 0;
        for (List<Double> t : byText.values()) {
            sum += t.size() * (t.stream().mapToDouble(Double::doubleValue).average().orElseThrow() - seriesMean) / scored;
        }
        assertThat(body.get("deviation").asDouble()).isCloseTo(sum, within(1e-9));
        assertThat(body.get("drivers")).hasSize(3);
        // the lawsuit topic grew: its share of the day against the seven days before
        JsonNode lawsuit = body.get("topicsGrown").get(0);
        assertThat(lawsuit.get("topic").asText()).isEqualTo("lawsuit");
        long before = POSTS.stream().filter(p -> p.post().publishedAt().isBefore(STORM.atStartOfDay(ZoneOffset.UTC).toInstant()))
                .count();
        long lawsuitBefore = POSTS.stream().filter(p -> p.post().publishedAt().isBefore(STORM.atStartOfDay(ZoneOffset.UTC).toInstant())
                && p.topics().stream().anyMatch(t -> t.topic().equals("lawsuit"))).count();
        long lawsuitNow = day.stream().filter(p -> p.topics().stream().anyMatch(t -> t.topic().equals("lawsuit"))).count();
        assertThat(lawsuit.get("share").asDouble()).isCloseTo((double) lawsuitNow / day.size(), within(1e-9));
        assertThat(lawsuit.get("previousShare").asDouble()).isCloseTo((double) lawsuitBefore / before, within(1e-9));
    }

    @Test
    void a_bucket_outside_the_range_or_missing_is_a_bad_request() {
        JavalinTest.test(app().javalin(), (server, client) -> {
            assertThat(client.get("/api/series/drivers?interval=day").code()).isEqualTo(400);
            assertThat(client.get("/api/series/drivers?bucket=2011-12-01&from=2011-12-05&to=2011-12-13").code()).isEqualTo(400);
            assertThat(client.get("/api/series?weight=votes").code()).isEqualTo(400);
        });
    }

    @Test
    void share_of_voice_counts_posts_or_distinct_texts() {
        // when
        JsonNode byPosts = get("/api/share-of-voice?entities=amazon,umg");
        JsonNode byTexts = get("/api/share-of-voice?entities=amazon,umg&weight=texts");

        // then
        Map<String, Set<String>> texts = Map.of(
                "amazon", POSTS.stream().filter(p -> p.entities().contains("amazon")).map(ScoredPost::textCluster).collect(Collectors.toSet()),
                "umg", POSTS.stream().filter(p -> p.entities().contains("umg")).map(ScoredPost::textCluster).collect(Collectors.toSet()));
        long amazonPosts = POSTS.stream().filter(p -> p.entities().contains("amazon")).count();
        long umgPosts = POSTS.stream().filter(p -> p.entities().contains("umg")).count();
        assertThat(byTexts.get("weight").asText()).isEqualTo("texts");
        for (JsonNode v : byTexts.get("entities")) {
            String id = v.get("id").asText();
            long mine = texts.get(id).size();
            assertThat(v.get("distinctTexts").asLong()).as(id).isEqualTo(mine);
            assertThat(v.get("share").asDouble()).as(id)
                    .isCloseTo((double) mine / (texts.get("amazon").size() + texts.get("umg").size()), within(1e-9));
        }
        JsonNode amazon = byPosts.get("entities").get(0);
        assertThat(amazon.get("id").asText()).isEqualTo("amazon");
        assertThat(amazon.get("share").asDouble()).isCloseTo((double) amazonPosts / (amazonPosts + umgPosts), within(1e-9));
    }

    @Test
    void candidates_say_whether_few_texts_drove_them() {
        // when
        JsonNode all = get("/api/candidates?entity=amazon&includeDrivenByFewTexts=true");
        JsonNode offered = get("/api/candidates?entity=amazon");

        // then: whatever is found carries the flag, and the default leaves the flagged ones out
        assertThat(all.get("includeDrivenByFewTexts").asBoolean()).isTrue();
        for (JsonNode c : offered.get("candidates")) {
            assertThat(c.get("drivenByFewTexts").asBoolean()).isFalse();
        }
        long flagged = 0;
        for (JsonNode c : all.get("candidates")) {
            assertThat(c.has("drivenByFewTexts")).isTrue();
            flagged += c.get("drivenByFewTexts").asBoolean() ? 1 : 0;
        }
        assertThat(offered.get("candidates").size()).isEqualTo(all.get("candidates").size() - flagged);
        assertThat(ChronoUnit.DAYS.between(FIRST, STORM)).isEqualTo(4);
    }
}
