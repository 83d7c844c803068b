package org.backbeat.ingest.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.backbeat.core.Json;
import org.backbeat.ingest.source.SourceMetrics;
import org.junit.jupiter.api.Test;

class StatusServerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void status_lists_each_source_and_metrics_speak_prometheus_text() throws Exception {
        // given
        Clock clock = Clock.fixed(Instant.parse("2026-11-24T01:00:00Z"), ZoneOffset.UTC);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        SourceMetrics billboard = new SourceMetrics("rss:billboard", registry, clock);
        billboard.fetched(12);
        billboard.skipped();
        billboard.produced(Instant.parse("2026-11-24T00:30:00Z"));
        billboard.success();
        billboard.error("feed billboard: HTTP 503 from https://www.billboard.com/feed/");

        // when
        try (StatusServer server = StatusServer.start("127.0.0.1", 0, () -> List.of(billboard.status()), registry::scrape)) {
            HttpResponse<String> status = get(server, "/status");
            HttpResponse<String> metrics = get(server, "/metrics");
            HttpResponse<String> other = get(server, "/admin");

            // then
            assertThat(status.statusCode()).isEqualTo(200);
            assertThat(status.headers().firstValue("Content-Type")).contains("application/json");
            JsonNode source = Json.mapper().readTree(status.body()).get(0);
            assertThat(source.get("source").asText()).isEqualTo("rss:billboard");
            assertThat(source.get("fetched").asLong()).isEqualTo(12);
            assertThat(source.get("produced").asLong()).isEqualTo(1);
            assertThat(source.get("skipped").asLong()).isEqualTo(1);
            assertThat(source.get("errors").asLong()).isEqualTo(1);
            assertThat(source.get("lagSeconds").asLong()).isEqualTo(1800);
            assertThat(source.get("lastSuccess").asText()).isEqualTo("2026-11-24T01:00:00Z");
            assertThat(source.get("lastError").asText()).isEqualTo("feed billboard: HTTP 503 from https://www.billboard.com/feed/");

            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("backbeat_ingest_fetched_total{source=\"rss:billboard\"} 12.0")
                    .contains("backbeat_ingest_lag_seconds{source=\"rss:billboard\"} 1800.0");
            assertThat(other.statusCode()).isEqualTo(404);
        }
    }

    private HttpResponse<String> get(StatusServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
