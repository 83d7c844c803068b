package org.backbeat.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.backbeat.core.Json;
import org.backbeat.core.metrics.ProcessMetrics;
import org.junit.jupiter.api.Test;

class HealthServerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void health_is_200_with_every_component_when_all_are_up() throws Exception {
        // given an indexer and Elasticsearch that are both up
        try (HealthServer server = HealthServer.start("127.0.0.1", 0, List.of(
                HealthCheck.of("indexer", () -> HealthStatus.up("indexed 12, deleted 0, failed 0")),
                HealthCheck.of("elasticsearch", () -> HealthStatus.up("cluster is green, 1 node(s)"))))) {

            // when asked
            HttpResponse<String> response = get(server, "/health");

            // then 200, each component named with its detail, in order
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = Json.mapper().readTree(response.body());
            assertThat(body.path("status").asText()).isEqualTo("UP");
            assertThat(body.path("components").fieldNames()).toIterable().containsExactly("indexer", "elasticsearch");
            assertThat(body.path("components").path("indexer").path("detail").asText()).isEqualTo("indexed 12, deleted 0, failed 0");
        }
    }

    @Test
    void health_is_503_naming_the_component_that_is_down_or_throws() throws Exception {
        try (HealthServer server = HealthServer.start("127.0.0.1", 0, List.of(
                HealthCheck.of("indexer", () -> HealthStatus.down("DEGRADED: Elasticsearch unavailable")),
                HealthCheck.of("elasticsearch", () -> {
                    throw new IllegalStateException("boom");
                })))) {

            HttpResponse<String> response = get(server, "/health");

            assertThat(response.statusCode()).isEqualTo(503);
            JsonNode components = Json.mapper().readTree(response.body()).path("components");
            assertThat(components.path("indexer").path("status").asText()).isEqualTo("DOWN");
            assertThat(components.path("indexer").path("detail").asText()).isEqualTo("DEGRADED: Elasticsearch unavailable");
            assertThat(components.path("elasticsearch").path("detail").asText()).contains("boom");
            assertThat(get(server, "/other").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void metrics_answers_the_process_meters_in_prometheus_text_with_a_counter_as_incremented() throws Exception {
        // given a process registry with a counter incremented 5 times
        try (ProcessMetrics metrics = ProcessMetrics.create("test-process");
             HealthServer server = HealthServer.start("127.0.0.1", 0, List.of(), metrics)) {
            metrics.registry().counter("backbeat.test.things").increment(5);

            // when scraped
            HttpResponse<String> response = get(server, "/metrics");

            // then the counter, the JVM's meters and the process tag are there
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue(ProcessMetrics.CONTENT_TYPE);
            assertThat(response.body())
                    .contains("backbeat_test_things_total{process=\"test-process\"} 5.0")
                    .contains("jvm_memory_used_bytes{", "jvm_threads_live_threads{", "process_uptime_seconds{");
        }
    }

    @Test
    void without_a_registry_there_is_no_metrics_route() throws Exception {
        try (HealthServer server = HealthServer.start("127.0.0.1", 0, List.of())) {
            assertThat(get(server, "/metrics").statusCode()).isEqualTo(404);
        }
    }

    private HttpResponse<String> get(HealthServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
