package org.backbeat.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.backbeat.core.Json;
import org.backbeat.core.JsonSerde;
import org.backbeat.core.Post;
import org.backbeat.core.metrics.PrometheusText;
import org.backbeat.infra.LocalElasticsearch;
import org.backbeat.infra.LocalKafka;
import org.backbeat.infra.PortCheck;
import org.backbeat.ingest.sim.Scenarios;
import org.backbeat.ingest.sim.SimulatedPosts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production layout of docker-compose.yml: Kafka and Elasticsearch run elsewhere (here: started by the
 * test, standing in for external servers), and {@code ingest}, {@code nlp}, {@code index} and {@code dashboard}
 * each run in their own JVM, configured only through options and environment.
 */
class StagesAsProcessesTest {

    private static final ObjectMapper JSON = Json.mapper();

    @TempDir
    Path dir;

    @Test
    void ingest_nlp_index_and_dashboard_processes_carry_posts_to_the_chart_on_external_servers() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<Post> posts = new SimulatedPosts(Scenarios.cloudLockers2011()).generate(5).subList(0, 60);
        JsonSerde<Post> serde = new JsonSerde<>(Post.class);
        Path replay = dir.resolve("posts.jsonl");
        Files.write(replay, posts.stream().map(p -> new String(serde.write(p), StandardCharsets.UTF_8)).toList());
        int port = PortCheck.freePort();
        int indexHealthPort = PortCheck.freePort();
        int nlpHealthPort = PortCheck.freePort();

        try (LocalKafka kafka = LocalKafka.start(dir.resolve("external-kafka"), 0);
             LocalElasticsearch elasticsearch = LocalElasticsearch.start(
                     LocalElasticsearch.Settings.of(LocalElasticsearch.defaultHome(), dir.resolve("external-es"))
                             .withStartTimeout(Duration.ofSeconds(Long.getLong("backbeat.es.start-timeout-seconds", 90))));
             JavaProcess nlp = JavaProcess.backbeat(Map.of("BACKBEAT_NLP_HEALTH_PORT", String.valueOf(nlpHealthPort)),
                     "nlp", "--kafka", kafka.bootstrapServers(), "--work-dir", dir.resolve("nlp").toString());
             JavaProcess index = JavaProcess.backbeat(Map.of("BACKBEAT_INDEXER_HEALTH_PORT", String.valueOf(indexHealthPort)),
                     "index", "--kafka", kafka.bootstrapServers(), "--elasticsearch", elasticsearch.httpUri().toString());
             JavaProcess dashboard = JavaProcess.backbeat("dashboard", "--kafka", kafka.bootstrapServers(),
                     "--elasticsearch", elasticsearch.httpUri().toString(), "--port", String.valueOf(port),
                     "--work-dir", dir.resolve("dashboard").toString())) {

            JavaProcess ingest = JavaProcess.backbeat("ingest", "--kafka", kafka.bootstrapServers(), "--replay", replay.toString());
            assertThat(ingest.await(300)).as("ingest exit code, output %s", ingest.output()).isZero();
            assertThat(ingest.output()).contains("Ingested 60 posts (0 rejected to posts.dlq)");

            HttpClient http = HttpClient.newHttpClient();
            int[] seriesAsked = {0};
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> {
                        HttpResponse<String> series = http.send(HttpRequest.newBuilder(URI.create(
                                "http://127.0.0.1:" + port + "/api/series?interval=week")).build(), HttpResponse.BodyHandlers.ofString());
                        if (series.statusCode() != 200) {
                            return false; // counted by the dashboard under its own status, not 200
                        }
                        seriesAsked[0]++; // a request that met no server throws before this line
                        return total(series) == posts.size();
                    });
            assertThat(status(http, port, "/api/health")).isEqualTo(200);
            // the web tier depends on Elasticsearch only; the index process reports the indexer itself
            assertThat(JSON.readTree(body(http, port, "/api/health")).path("components").fieldNames()).toIterable()
                    .containsExactly("elasticsearch");
            JsonNode indexHealth = JSON.readTree(body(http, indexHealthPort, "/health"));
            assertThat(indexHealth.path("status").asText()).isEqualTo("UP");
            assertThat(indexHealth.path("components").path("indexer").path("detail").asText()).startsWith("indexed 60,");

            // every process's /metrics counts what it did: 60 posts scored, 60 indexed, none dead-lettered
            String nlpMetrics = body(http, nlpHealthPort, "/metrics");
            assertThat(PrometheusText.sample(nlpMetrics, "backbeat_nlp_posts_scored_total", "topic=\"posts.scored\"")).isEqualTo(60.0);
            assertThat(PrometheusText.sample(nlpMetrics, "backbeat_nlp_dead_lettered_total", "topic=\"posts.dlq\"")).isZero();
            assertThat(nlpMetrics).contains("process=\"nlp\"", "kafka_stream_thread_", "jvm_memory_used_bytes");
            assertThat(JSON.readTree(body(http, nlpHealthPort, "/health")).path("components").path("streams").path("status").asText())
                    .isEqualTo("UP");
            String indexMetrics = body(http, indexHealthPort, "/metrics");
            assertThat(PrometheusText.sample(indexMetrics, "backbeat_index_posts_indexed_total")).isEqualTo(60.0);
            assertThat(PrometheusText.sample(indexMetrics, "backbeat_index_dead_lettered_total")).isZero();
            assertThat(PrometheusText.sample(indexMetrics, "backbeat_index_bulk_duration_seconds_count")).isPositive();
            assertThat(indexMetrics).contains("kafka_consumer_fetch_manager_records_lag");
            // the dashboard counted every series request the wait above made (the scrape below is not one)
            String dashboardMetrics = body(http, port, "/metrics");
            assertThat(PrometheusText.sample(dashboardMetrics, "backbeat_dashboard_requests_seconds_count",
                    "route=\"/api/series\"", "status=\"200\"")).isEqualTo(seriesAsked[0]);
            // and, knowing Kafka, its health shows each stage's lag: scoring and indexing have caught up
            // (the indexer commits past the scoring stage's transaction markers on its next idle poll)
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode lag = JSON.readTree(body(http, port, "/api/health")).path("lag");
                assertThat(stage(lag, "nlp").path("records").asLong()).isZero();
                assertThat(stage(lag, "nlp").path("partitions").asInt()).isPositive();
                assertThat(stage(lag, "index").path("records").asLong()).isZero();
                assertThat(stage(lag, "index").path("topics").has("posts.scored")).isTrue();
            });

            assertThat(nlp.stop(60)).as("nlp stops on SIGTERM").isTrue();
            assertThat(index.stop(60)).as("index stops on SIGTERM").isTrue();
            assertThat(dashboard.stop(60)).as("dashboard stops on SIGTERM").isTrue();
            assertThat(PortCheck.isBound(port)).isFalse();
            assertThat(PortCheck.isBound(indexHealthPort)).isFalse();
            assertThat(PortCheck.isBound(nlpHealthPort)).isFalse();
            // The external servers are not ours to stop.
            assertThat(kafka.bootstrapServers()).isNotEmpty();
            assertThat(status(http, elasticsearch.httpUri(), "/_cluster/health")).isEqualTo(200);
            assertThat(dir.resolve("nlp").resolve("elasticsearch")).doesNotExist();
            assertThat(dir.resolve("nlp").resolve("kafka")).doesNotExist();
        }
    }

    @Test
    void a_stage_without_its_servers_says_which_option_to_set() throws Exception {
        JavaProcess nlp = JavaProcess.backbeat("nlp");
        assertThat(nlp.await(60)).isEqualTo(1);
        assertThat(nlp.output()).contains(
                "backbeat: no Kafka configured: pass --kafka host:port or set BACKBEAT_KAFKA (./backbeat demo starts a local one)");
    }

    private static JsonNode stage(JsonNode lag, String name) {
        for (JsonNode stage : lag) {
            if (name.equals(stage.path("stage").asText())) {
                return stage;
            }
        }
        throw new AssertionError("no stage " + name + " in " + lag);
    }

    private static long total(HttpResponse<String> response) throws Exception {
        long total = 0;
        for (JsonNode bucket : JSON.readTree(response.body()).path("buckets")) {
            total += bucket.path("count").asLong();
        }
        return total;
    }

    private static String body(HttpClient http, int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int status(HttpClient http, int port, String path) throws Exception {
        return status(http, URI.create("http://127.0.0.1:" + port), path);
    }

    private static int status(HttpClient http, URI base, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
