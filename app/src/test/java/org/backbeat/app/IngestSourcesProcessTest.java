package org.backbeat.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.backbeat.core.DeadLetter;
import org.backbeat.core.Json;
import org.backbeat.core.KafkaProps;
import org.backbeat.core.Post;
import org.backbeat.core.PostIds;
import org.backbeat.core.SharedData;
import org.backbeat.core.Topics;
import org.backbeat.core.metrics.PrometheusText;
import org.backbeat.infra.LocalKafka;
import org.backbeat.infra.PortCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code backbeat ingest} in its own JVM, as a user runs it: a sources file pointing at press feeds served
 * on 127.0.0.1 (one real feed, one malformed), the real in-process Kafka, the status endpoint.
 */
class IngestSourcesProcessTest {

    private static final String ETAG = "\"tc-1\"";

    @TempDir
    Path dir;

    private HttpServer feeds;
    private final List<String> conditionalTechCrunchRequests = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> requests = new ConcurrentHashMap<>();

    @BeforeEach
    void serveFeeds() throws Exception {
        byte[] techCrunch = Files.readAllBytes(SharedData.path("feeds_feedjira", "TechCrunch.xml"));
        feeds = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        feeds.createContext("/techcrunch.xml", exchange -> {
            requests.merge("techcrunch", 1, Integer::sum);
            String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
            if (ETAG.equals(ifNoneMatch)) {
                conditionalTechCrunchRequests.add(ifNoneMatch);
                exchange.sendResponseHeaders(304, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().set("ETag", ETAG);
            exchange.getResponseHeaders().set("Content-Type", "application/rss+xml");
            exchange.sendResponseHeaders(200, techCrunch.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(techCrunch);
            }
        });
        feeds.createContext("/broken.xml", exchange -> {
            requests.merge("broken", 1, Integer::sum);
            byte[] body = "<rss><channel><item><title>cut off".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        feeds.start();
    }

    @AfterEach
    void stopFeeds() {
        feeds.stop(0);
    }

    @Test
    void ingest_polls_the_configured_feeds_into_kafka_and_reports_them_on_the_status_endpoint() throws Exception {
        // given
        String base = "http://127.0.0.1:" + feeds.getAddress().getPort();
        Path sources = Files.writeString(dir.resolve("sources.json"), """
                {"sources": [{"type": "rss", "interval": "2s", "timeout": "5s", "feeds": [
                  {"name": "techcrunch", "url": "%s/techcrunch.xml", "keepAll": true},
                  {"name": "broken", "url": "%s/broken.xml"}]}]}""".formatted(base, base));
        int statusPort = PortCheck.freePort();
        Path work = dir.resolve("work");
        Topics topics = Topics.withPartitions(6);

        try (LocalKafka kafka = LocalKafka.start(dir.resolve("kafka"), 0);
             JavaProcess ingest = JavaProcess.backbeat("ingest", "--kafka", kafka.bootstrapServers(), "--sources", sources.toString(),
                     "--work-dir", work.toString(), "--status-port", String.valueOf(statusPort))) {

            // when: the feeds are polled a few times
            List<Post> posts = new ArrayList<>();
            List<DeadLetter> deadLetters = new ArrayList<>();
            try (KafkaConsumer<String, Post> consumer = new KafkaConsumer<>(KafkaProps.consumer(kafka.bootstrapServers(), "test-raw"),
                    new StringDeserializer(), topics.raw().valueSerde().deserializer());
                 KafkaConsumer<String, DeadLetter> dlq = new KafkaConsumer<>(KafkaProps.consumer(kafka.bootstrapServers(), "test-dlq"),
                         new StringDeserializer(), topics.deadLetter().valueSerde().deserializer())) {
                consumer.subscribe(List.of(topics.raw().name()));
                dlq.subscribe(List.of(topics.deadLetter().name()));
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    for (ConsumerRecord<String, Post> r : consumer.poll(Duration.ofMillis(200))) {
                        posts.add(r.value());
                    }
                    for (ConsumerRecord<String, DeadLetter> r : dlq.poll(Duration.ofMillis(200))) {
                        deadLetters.add(r.value());
                    }
                    return posts.size() >= 20 && !deadLetters.isEmpty() && conditionalTechCrunchRequests.size() >= 2;
                });
                // a few more polls: still 20 posts, nothing twice
                consumer.poll(Duration.ofSeconds(1)).forEach(r -> posts.add(r.value()));
            }

            // then: every TechCrunch item once, keyed by its canonical link
            assertThat(posts).hasSize(20);
            assertThat(posts).extracting(Post::id).doesNotHaveDuplicates()
                    .contains(PostIds.rss("http://techcrunch.com/2011/11/02/angies-list-prices-ipo-at-11-to-13-per-share-valued-at-over-600m/"));
            assertThat(posts).allSatisfy(p -> assertThat(p.lang()).isEqualTo("en"));
            assertThat(deadLetters.get(0).sourceTopic()).isEqualTo("rss:broken");
            assertThat(deadLetters.get(0).reason()).startsWith("feed broken is not a readable RSS/Atom document: ");

            HttpClient http = HttpClient.newHttpClient();
            JsonNode status = Json.mapper().readTree(get(http, statusPort, "/status").body());
            assertThat(status).hasSize(2);
            JsonNode broken = status.get(0);
            JsonNode techCrunch = status.get(1);
            assertThat(broken.get("source").asText()).isEqualTo("rss:broken");
            assertThat(broken.get("errors").asLong()).isPositive();
            assertThat(broken.get("lastError").asText()).startsWith("feed broken is not a readable RSS/Atom document");
            assertThat(techCrunch.get("source").asText()).isEqualTo("rss:techcrunch");
            assertThat(techCrunch.get("produced").asLong()).isEqualTo(20);
            assertThat(techCrunch.get("errors").asLong()).isZero();
            String metrics = get(http, statusPort, "/metrics").body();
            assertThat(PrometheusText.sample(metrics, "backbeat_ingest_produced_total", "source=\"rss:techcrunch\"")).isEqualTo(20.0);

            // and it stops on SIGTERM, leaving its checkpoint
            assertThat(ingest.stop(60)).as("ingest stops on SIGTERM; output %s", ingest.output()).isTrue();
            assertThat(PortCheck.isBound(statusPort)).isFalse();
            assertThat(ingest.output()).anyMatch(line -> line.startsWith("Ingesting from 2 sources of " + sources
                    + " into posts.raw; status on http://127.0.0.1:" + statusPort + "/status"));
            JsonNode checkpoint = Json.mapper().readTree(work.resolve("ingest/checkpoints/rss_techcrunch.json").toFile());
            assertThat(checkpoint.get("etag").asText()).isEqualTo(ETAG);
            assertThat(checkpoint.get("seen").asText().split(" ")).hasSize(20);
        }
    }

    @Test
    void once_polls_each_feed_one_time_and_a_second_run_resumes_from_the_checkpoints() throws Exception {
        // given
        String base = "http://127.0.0.1:" + feeds.getAddress().getPort();
        Path sources = Files.writeString(dir.resolve("sources.json"), """
                {"sources": [{"type": "rss", "keepAll": true, "feeds": [
                  {"name": "techcrunch", "url": "%s/techcrunch.xml"},
                  {"name": "broken", "url": "%s/broken.xml"}]}]}""".formatted(base, base));
        String work = dir.resolve("work").toString();

        try (LocalKafka kafka = LocalKafka.start(dir.resolve("kafka"), 0)) {
            // when
            String[] args = {"ingest", "--once", "--kafka", kafka.bootstrapServers(), "--sources", sources.toString(), "--work-dir", work};
            Outcome first = runInProcess(args);
            Outcome second = runInProcess(args);

            // then
            assertThat(first.exit()).isEqualTo(2);
            assertThat(first.out()).contains("rss:techcrunch: 20 new items, 20 posts sent, 0 skipped, 0 errors",
                    "rss:broken: 0 new items, 0 posts sent, 0 skipped, 1 errors (feed broken is not a readable RSS/Atom document: ");
            assertThat(second.out()).contains("rss:techcrunch: 0 new items, 0 posts sent, 0 skipped, 0 errors");
            assertThat(conditionalTechCrunchRequests).containsExactly(ETAG);
        }
    }

    private record Outcome(int exit, String out) {
    }

    private static Outcome runInProcess(String... args) {
        java.io.PrintStream original = System.out;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            System.setOut(new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
            int exit = Backbeat.commandLine().execute(args);
            return new Outcome(exit, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void a_bad_sources_file_fails_fast_with_one_line_naming_what_to_set() throws Exception {
        Path sources = Files.writeString(dir.resolve("bad.json"), """
                {"sources": [{"type": "rss", "feeds": [{"name": "mbw", "url": "https://www.musicbusinessworldwide.com/feed/",
                  "interval": "sometimes"}]}]}""");

        StringWriter err = new StringWriter();
        CommandLine cli = Backbeat.commandLine();
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute("ingest", "--sources", sources.toString(), "--status-port", "-1");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("backbeat: sources file " + sources + " entry 1 (rss): feed 1: \"interval\" "
                + "must be a duration like 90s, 15m, 2h or PT15M, was 'sometimes'");
    }

    @Test
    void an_unknown_source_type_fails_fast_listing_the_known_types() throws Exception {
        Path sources = Files.writeString(dir.resolve("unknown.json"), "{\"sources\": [{\"type\": \"myspace\"}]}");

        StringWriter err = new StringWriter();
        CommandLine cli = Backbeat.commandLine();
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute("ingest", "--sources", sources.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("backbeat: sources file " + sources + " entry 1: unknown type 'myspace'; known types: rss");
    }

    private static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
