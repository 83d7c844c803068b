package org.backbeat.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.backbeat.core.Catalogue;
import org.backbeat.core.DeadLetter;
import org.backbeat.core.EntitySentiment;
import org.backbeat.core.Json;
import org.backbeat.core.JsonSerde;
import org.backbeat.core.KafkaProps;
import org.backbeat.core.Post;
import org.backbeat.core.Settings;
import org.backbeat.core.Topics;
import org.backbeat.infra.PortCheck;
import org.backbeat.ingest.sim.Scenarios;
import org.backbeat.ingest.sim.SimulatedPosts;
import org.backbeat.nlp.pipeline.PostAnalyzer;
import org.backbeat.nlp.sentiment.Scorers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

/**
 * The whole path on real components: a replay file into the in-process broker, the Streams app with
 * CoreNLP, the indexer into the real Elasticsearch, the JSON API and the page in headless Chromium.
 * Then everything is stopped and nothing may be left running.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndTest {

    private static final int POSTS = 240;
    private static final ObjectMapper JSON = Json.mapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path workDir;

    private static Demo demo;
    private static List<Post> posts;
    private static Post blank;
    private static String dashboardPort;

    @BeforeAll
    static void startEverythingAndReplay() throws IOException {
        // JUnit makes temp dirs rwx------; as root, Elasticsearch runs as nobody, who must get through it.
        Files.setPosixFilePermissions(workDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        // Given 240 simulated posts, a line that is not JSON and a post with nothing to score
        posts = new SimulatedPosts(Scenarios.cloudLockers2011()).generate(99).subList(0, POSTS);
        blank = Post.of("simulated:blank", "simulated", Instant.parse("2011-03-02T00:00:00Z"), null, null, "   ", null, "en");
        JsonSerde<Post> serde = new JsonSerde<>(Post.class);
        List<String> lines = new ArrayList<>();
        posts.forEach(p -> lines.add(new String(serde.write(p), StandardCharsets.UTF_8)));
        lines.add(120, "{\"id\": \"simulated:poison\", oops");
        lines.add(new String(serde.write(blank), StandardCharsets.UTF_8));
        Path replay = workDir.resolve("replay.jsonl");
        Files.write(replay, lines);

        // When the demo runs on it
        demo = Demo.start(Settings.of(Map.of(
                "work-dir", workDir.resolve("state").toString(),
                "es.home", System.getProperty("backbeat.es.home"),
                "dashboard.port", "0")), new Demo.Options(replay, 0));
        dashboardPort = String.valueOf(demo.dashboardUri().getPort());
    }

    @AfterAll
    static void stop() {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    @Order(1)
    void every_post_is_indexed_exactly_once() throws Exception {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> totalIndexed() >= POSTS);
        Thread.sleep(2_000); // anything beyond POSTS would be a duplicate: give it time to show up

        assertThat(totalIndexed()).isEqualTo(POSTS);
        for (Post post : posts.subList(0, 40)) {
            JsonNode doc = get("/api/posts/" + post.id());
            assertThat(doc.path("id").asText()).isEqualTo(post.id());
            assertThat(doc.path("text").asText()).isEqualTo(post.text());
        }
        assertThat(status("/api/posts/simulated:poison")).isEqualTo(404);
    }

    @Test
    @Order(2)
    void per_entity_mean_sentiment_equals_what_the_scorer_gives() throws Exception {
        // Expected: the production analyzer (scorer, catalogue, entity targeting) applied directly to the same posts
        PostAnalyzer analyzer = PostAnalyzer.standard(Catalogue.defaults(), Scorers.standard(), java.time.Clock.systemUTC());
        Map<String, List<Double>> expected = new TreeMap<>();
        for (Post post : posts) {
            for (EntitySentiment towards : analyzer.analyse(post).entitySentiments()) {
                expected.computeIfAbsent(towards.entity(), e -> new ArrayList<>()).add(towards.sentiment().score());
            }
        }

        Map<String, JsonNode> actual = new HashMap<>();
        get("/api/entities").path("entities").forEach(e -> actual.put(e.path("id").asText(), e));

        assertThat(expected).isNotEmpty();
        expected.forEach((entity, scores) -> {
            JsonNode stats = actual.get(entity);
            assertThat(stats).as(entity).isNotNull();
            assertThat(stats.path("count").asLong()).as(entity + " count").isEqualTo(scores.size());
            double mean = scores.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            assertThat(stats.path("meanScore").asDouble()).as(entity + " mean").isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-9));
        });
    }

    @Test
    @Order(3)
    void the_poison_line_and_the_blank_post_are_dead_letters_with_reasons() {
        Topics topics = Topics.withPartitions(6);
        Map<String, DeadLetter> byStage = new HashMap<>();
        try (KafkaConsumer<String, DeadLetter> consumer = new KafkaConsumer<>(
                KafkaProps.consumer(demo.bootstrapServers(), "e2e-dlq-reader"), new StringDeserializer(),
                topics.deadLetter().valueSerde().deserializer())) {
            consumer.subscribe(List.of(topics.deadLetter().name()));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, DeadLetter> r : consumer.poll(Duration.ofMillis(500))) {
                    byStage.put(r.value().stage(), r.value());
                }
                return byStage.size() >= 2;
            });
        }

        assertThat(byStage).containsOnlyKeys("ingest", "score");
        assertThat(byStage.get("ingest").reason()).contains("line 121").contains("not a valid Post");
        assertThat(byStage.get("ingest").payload()).isEqualTo("{\"id\": \"simulated:poison\", oops");
        assertThat(byStage.get("score").key()).isEqualTo(blank.id());
        assertThat(byStage.get("score").reason()).contains("nothing to score");
    }

    @Test
    @Order(4)
    void health_reports_every_component_up() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> status("/api/health") == 200);

        JsonNode health = get("/api/health");
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("kafka", "elasticsearch", "indexer", "streams", "alerts", "webhooks");
    }

    @Test
    @Order(5)
    void the_page_charts_the_indexed_posts_in_a_real_browser() throws Exception {
        requireChromium();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,900", "--user-data-dir=" + Files.createTempDirectory(workDir, "chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
        ChromeDriver browser = new ChromeDriver(service, options);
        try {
            browser.get("http://127.0.0.1:" + dashboardPort + "/");
            JavascriptExecutor js = browser;
            // The chart instance exists before its first setOption: until then getOption() is undefined.
            String seriesLength = "var c = echarts.getInstanceByDom(document.getElementById('chart'));"
                    + "var o = c && c.getOption(); var s = o && o.series; return s && s.length ? s[0].data.length : 0;";
            await().atMost(Duration.ofSeconds(30)).until(() -> ((Number) js.executeScript(seriesLength)).intValue() > 0);

            new Select(browser.findElement(By.id("entity"))).selectByValue("amazon");
            String amazonTotal = "var c = echarts.getInstanceByDom(document.getElementById('chart'));"
                    + "var o = c && c.getOption(); if (!o || !o.series || !o.series.length) return -1;"
                    + "return o.series[0].data.reduce(function(a, d) { return a + (Array.isArray(d) ? d[1] : d); }, 0);";
            long expectedAmazon = posts.stream().filter(p -> Catalogue.defaults().match(p.fullText()).contains("amazon")).count();
            await().atMost(Duration.ofSeconds(15)).until(() -> ((Number) js.executeScript(amazonTotal)).longValue() == expectedAmazon);

            Path shot = Path.of("target", "e2e-dashboard.png");
            Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            assertThat(Files.size(shot)).isGreaterThan(10_000);
        } finally {
            browser.quit();
        }
    }

    @Test
    @Order(6)
    void after_stop_no_process_or_port_remains() {
        URI es = URI.create(demoElasticsearch());
        int kafkaPort = Integer.parseInt(demo.bootstrapServers().replaceAll(".*:", ""));

        demo.close();

        assertThat(PortCheck.isBound(kafkaPort)).as("kafka port").isFalse();
        assertThat(PortCheck.isBound(es.getPort())).as("elasticsearch port").isFalse();
        assertThat(PortCheck.isBound(Integer.parseInt(dashboardPort))).as("dashboard port").isFalse();
        assertThat(Processes.mentioning(workDir.toString())).as("processes using the work dir").isEmpty();
    }

    private static String demoElasticsearch() {
        return demo.elasticsearchUri().toString();
    }

    private static long totalIndexed() throws Exception {
        long total = 0;
        for (JsonNode bucket : get("/api/series?interval=week").path("buckets")) {
            total += bucket.path("count").asLong();
        }
        return total;
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(request(path), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static int status(String path) throws Exception {
        return HTTP.send(request(path), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + dashboardPort + path)).timeout(Duration.ofSeconds(10)).build();
    }

    /** Fails, naming the Debian packages, when the browser or its driver is missing ({@code ./backbeat test} installs both). */
    private static void requireChromium() {
        for (String tool : new String[]{"/usr/bin/chromium", "/usr/bin/chromedriver"}) {
            assertThat(Files.isExecutable(Path.of(tool))).as("%s is missing: install Debian's chromium and chromium-driver "
                    + "(apt-get install chromium chromium-driver), or run ./backbeat test, which does", tool).isTrue();
        }
    }
}
