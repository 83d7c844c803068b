package org.backbeat.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.StatUtils;
import org.backbeat.core.Catalogue;
import org.backbeat.core.Json;
import org.backbeat.core.Post;
import org.backbeat.core.ScoredPost;
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
 * {@code /api/impact} on the real Elasticsearch with known posts, some of them retweets of one news text: the
 * numbers come from aggregations in the app, and are computed here again post by post from the records, with the
 * copies grouped by what the test knows them to be.
 */
@ExtendWith(RealElasticsearch.class)
class ImpactApiTest {

    static final String INDEX = "test-impact-api";
    static final String EVENT = "2011-03-29-amazon-cloud-drive-and-cloud-player-launch";
    static final LocalDate LAUNCH = LocalDate.parse("2011-03-29");
    private static final ObjectMapper JSON = Json.mapper();
    /** Text group (what the test knows: one entry per distinct text) → its posts. */
    private static final Map<String, List<ScoredPost>> TEXTS = new LinkedHashMap<>();
    private static PostQueries queries;
    private static EventStore events;

    @BeforeAll
    static void indexKnownPosts(ElasticsearchClient client) throws IOException {
        int n = 0;
        for (int d = -7; d < 7; d++) {
            LocalDate day = LAUNCH.plusDays(d);
            for (int h : new int[] {3, 11, 19}) {
                n++;
                double score = Math.round(((d < 0 ? -0.05 : 0.15) + ((n * 37) % 11 - 5) / 12.0) * 1000) / 1000.0;
                add("single-" + n, post("twitter:s" + n, day, h, "Amazon cloud post number " + n), score);
            }
        }
        // a news text and 20 retweets of it, the day after the launch, read as clearly negative
        add("news", post("twitter:news", LAUNCH.plusDays(1), 8, "Labels weigh suit over Amazon Cloud Player http://x.co/1"), -0.7);
        for (int i = 0; i < 20; i++) {
            add("news", post("twitter:rt" + i, LAUNCH.plusDays(1), 9 + i % 12, "RT @newsdesk: Labels weigh suit over Amazon Cloud Player http://x.co/1"), -0.7);
        }
        // a fan text posted again over three days
        for (int i = 0; i < 6; i++) {
            add("fan", post("twitter:fan" + i, LAUNCH.plusDays(2 + i / 2), 7 + i, "Amazon Cloud Player just works, love it"), 0.6);
        }
        // and a text copied twice before the launch
        for (int i = 0; i < 2; i++) {
            add("before", post("twitter:b" + i, LAUNCH.minusDays(3), 12 + i, "Is Amazon about to launch a music locker?"), 0.1);
        }
        PostIndex index = new PostIndex(client, INDEX, 0);
        index.ensureCreated();
        Fixtures.write(client, index, TEXTS.values().stream().flatMap(List::stream).toList());
        queries = new PostQueries(index);
        events = new EventStore(client, new EventsConfig("test-events-impact", 0));
        events.ensureCreatedAndSeeded();
    }

    private static Post post(String id, LocalDate day, int hour, String text) {
        return new Post(Post.SCHEMA_VERSION, id, "twitter", day.atTime(hour, 0).toInstant(ZoneOffset.UTC), "someone", null,
                text, null, "en", null, null, null, null, null, null);
    }

    private static void add(String text, Post post, double score) {
        TEXTS.computeIfAbsent(text, t -> new ArrayList<>()).add(ScoredPost.of(post, ApiFixtures.sentiment(score),
                List.of("amazon"), "test-model", Fixtures.SCORED_AT));
    }

    private static DashboardApp app() {
        return new DashboardApp(DashboardConfig.defaults().withIndex(INDEX), Catalogue.defaults(), queries, events,
                AdminToken.none(), List.of());
    }

    @Test
    void the_impact_counts_copies_of_one_text_as_one_opinion_and_with_weight_texts_once() {
        JavalinTest.test(app().javalin(), (server, http) -> {
            // when
            JsonNode posts = get(http, "/api/impact?event=" + EVENT + "&entity=amazon&window=7");
            JsonNode texts = get(http, "/api/impact?event=" + EVENT + "&entity=amazon&window=7&weight=texts");

            // then, per post: the before and after windows' texts, each with its copies' scores
            Instant launch = LAUNCH.atStartOfDay(ZoneOffset.UTC).toInstant();
            List<double[]> before = window(launch.minusSeconds(7 * 86_400), launch);
            List<double[]> after = window(launch, launch.plusSeconds(7 * 86_400));
            JsonNode byPost = posts.at("/result/event/sentiment");
            assertThat(posts.get("weight").asText()).isEqualTo("posts");
            assertThat(byPost.get("countBefore").asInt()).isEqualTo(21 + 2);
            assertThat(byPost.get("countAfter").asInt()).isEqualTo(21 + 21 + 6);
            assertThat(byPost.get("textsBefore").asInt()).isEqualTo(22);
            assertThat(byPost.get("textsAfter").asInt()).isEqualTo(23);
            double[] clustered = welch(smallSample(before), smallSample(after));
            assertThat(byPost.get("difference").asDouble()).isCloseTo(clustered[2], within(1e-9));
            assertThat(byPost.at("/welch/lower").asDouble()).isCloseTo(clustered[0], within(1e-9));
            assertThat(byPost.at("/welch/upper").asDouble()).isCloseTo(clustered[1], within(1e-9));
            double[] plain = welch(plain(flatten(before)), plain(flatten(after)));
            assertThat(byPost.at("/ignoringCopies/lower").asDouble()).isCloseTo(plain[0], within(1e-9));
            assertThat(byPost.at("/ignoringCopies/upper").asDouble()).isCloseTo(plain[1], within(1e-9));
            // the 21 copies of the news text widen the interval well beyond what counting them apart would claim
            assertThat(clustered[1] - clustered[0]).isGreaterThan(1.5 * (plain[1] - plain[0]));
            assertThat(byPost.get("resamples").asInt()).isEqualTo(2000); // small windows: single posts read and bootstrapped
            assertThat(byPost.at("/bootstrap/lower").isNumber()).isTrue();

            JsonNode byText = texts.at("/result/event/sentiment");
            double[] perText = welch(plain(means(before)), plain(means(after)));
            assertThat(texts.get("weight").asText()).isEqualTo("texts");
            assertThat(byText.get("weight").asText()).isEqualTo("texts");
            assertThat(byText.get("meanAfter").asDouble()).isCloseTo(StatUtils.mean(means(after)), within(1e-9));
            assertThat(byText.at("/welch/lower").asDouble()).isCloseTo(perText[0], within(1e-9));
            assertThat(byText.at("/welch/upper").asDouble()).isCloseTo(perText[1], within(1e-9));
        });
    }

    @Test
    void the_impact_drivers_name_the_retweeted_news_text_and_the_contributions_add_up_to_the_change() {
        JavalinTest.test(app().javalin(), (server, http) -> {
            // when
            JsonNode impact = get(http, "/api/impact?event=" + EVENT + "&entity=amazon&window=7").at("/result/event/sentiment");
            JsonNode drivers = get(http, "/api/impact/drivers?event=" + EVENT + "&entity=amazon&window=7&size=100");
            JsonNode top = get(http, "/api/impact/drivers?event=" + EVENT + "&entity=amazon&window=7&size=1");

            // then the change they explain is the impact's, computed here from the known posts
            Instant launch = LAUNCH.atStartOfDay(ZoneOffset.UTC).toInstant();
            double[] before = flatten(window(launch.minusSeconds(7 * 86_400), launch));
            double[] after = flatten(window(launch, launch.plusSeconds(7 * 86_400)));
            double change = StatUtils.mean(after) - StatUtils.mean(before);
            assertThat(drivers.get("deviation").asDouble()).isCloseTo(change, within(1e-9));
            assertThat(impact.get("difference").asDouble()).isCloseTo(change, within(1e-9));
            assertThat(drivers.get("posts").asLong()).isEqualTo(after.length);
            // every text of the after window is listed, and their contributions add up to the change
            assertThat(drivers.get("drivers")).hasSize(23);
            double sum = 0;
            for (JsonNode d : drivers.get("drivers")) {
                sum += d.get("contribution").asDouble();
            }
            assertThat(sum).isCloseTo(change, within(1e-9));
            // the news text and its 20 retweets move it most: 21 of the after window's posts at -0.7
            JsonNode news = top.get("drivers").get(0);
            assertThat(top.get("drivers")).hasSize(1);
            assertThat(news.get("copies").asLong()).isEqualTo(21);
            assertThat(news.get("meanScore").asDouble()).isCloseTo(-0.7, within(1e-9));
            assertThat(news.get("contribution").asDouble())
                    .isCloseTo(21 * (-0.7 - StatUtils.mean(before)) / after.length, within(1e-9));
            assertThat(news.at("/sample/text").asText()).contains("Labels weigh suit over Amazon Cloud Player");
        });
    }

    @Test
    void an_unknown_weight_is_a_400_that_says_what_is_allowed() {
        JavalinTest.test(app().javalin(), (server, http) -> {
            Response response = http.get("/api/impact?event=" + EVENT + "&weight=authors");
            assertThat(response.code()).isEqualTo(400);
            assertThat(response.body().string()).contains("posts or texts");
        });
    }

    /** The texts with posts in {@code [from, to)}, each as its copies' scores there. */
    private static List<double[]> window(Instant from, Instant to) {
        List<double[]> texts = new ArrayList<>();
        for (List<ScoredPost> copies : TEXTS.values()) {
            double[] scores = copies.stream().filter(p -> !p.post().publishedAt().isBefore(from) && p.post().publishedAt().isBefore(to))
                    .mapToDouble(p -> p.sentiment().score()).toArray();
            if (scores.length > 0) {
                texts.add(scores);
            }
        }
        return texts;
    }

    private static double[] flatten(List<double[]> texts) {
        return texts.stream().flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    private static double[] means(List<double[]> texts) {
        return texts.stream().mapToDouble(StatUtils::mean).toArray();
    }

    /** {mean, variance of the mean, df}: plain s²/n with n − 1. */
    private static double[] plain(double[] v) {
        return new double[] {StatUtils.mean(v), StatUtils.variance(v) / v.length, v.length - 1};
    }

    /** {mean, variance, df} by CR2 with Bell–McCaffrey degrees of freedom, post by post. */
    private static double[] smallSample(List<double[]> texts) {
        double[] all = flatten(texts);
        int n = all.length;
        double m = StatUtils.mean(all);
        double meat = 0;
        double p2 = 0;
        double q = 0;
        double q2 = 0;
        for (double[] text : texts) {
            double r = 0;
            for (double x : text) {
                r += x - m;
            }
            double p = (double) text.length / n;
            meat += r * r / (1 - p);
            p2 += p * p;
            q += p * p / (1 - p);
            q2 += Math.pow(p * p / (1 - p), 2);
        }
        return new double[] {m, meat / ((double) n * n), 1 / (p2 + q * q - q2)};
    }

    /** {lower, upper, difference} of Welch's 95% interval of after − before. */
    private static double[] welch(double[] b, double[] a) {
        double se = Math.sqrt(a[1] + b[1]);
        double df = Math.pow(a[1] + b[1], 2) / (a[1] * a[1] / a[2] + b[1] * b[1] / b[2]);
        double half = new TDistribution(df).inverseCumulativeProbability(0.975) * se;
        double d = a[0] - b[0];
        return new double[] {d - half, d + half, d};
    }

    private static JsonNode get(io.javalin.testtools.HttpClient http, String path) throws IOException {
        Response response = http.get(path);
        String text = response.body().string();
        assertThat(response.code()).as(path + " -> " + text).isEqualTo(200);
        return JSON.readTree(text);
    }
}
