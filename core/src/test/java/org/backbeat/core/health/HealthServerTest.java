package org.backbeat.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.backbeat.core.Json;
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

    private HttpResponse<String> get(HealthServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
