package org.backbeat.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.backbeat.core.Catalogue;
import org.backbeat.core.Json;
import org.backbeat.core.ScoredPost;
import org.backbeat.dashboard.events.AdminToken;
import org.backbeat.dashboard.events.EventStore;
import org.backbeat.dashboard.events.EventsConfig;
import org.backbeat.index.schema.PostIndex;
import org.backbeat.index.testing.Fixtures;
import org.backbeat.index.testing.RealElasticsearch;
import org.backbeat.index.schema.PostDocument;
import org.backbeat.index.schema.EsClients;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The posts export streamed over real HTTP from the real Elasticsearch, with 30,000 posts in one monthly index
 * (16 pages): a client that goes away stops the reads and the point in time is closed; Elasticsearch dying in the
 * middle of a page aborts the response, so the client gets an error instead of a short file that looks whole.
 */
@ExtendWith(RealElasticsearch.class)
class ExportStreamingTest {

    static final String INDEX = "test-csv-stream";
    static final String EVENTS_INDEX = "test-events-csv-stream";
    static final int POSTS = 30_000;
    private static PostIndex index;
    private static EventStore events;

    @BeforeAll
    static void indexManyPosts(ElasticsearchClient client) throws IOException {
        index = new PostIndex(client, INDEX, 0);
        index.ensureCreated();
        Instant start = Instant.parse("2011-03-01T00:00:00Z");
        for (int chunk = 0; chunk < POSTS; chunk += 5_000) {
            List<ScoredPost> posts = new ArrayList<>();
            for (int i = chunk; i < chunk + 5_000; i++) {
                posts.add(Fixtures.post("twitter:s" + i, start.plusSeconds(60L * i).toString(), (i % 200) / 100.0 - 1,
                        i % 2 == 0 ? "amazon" : "umg"));
            }
            BulkResponse response = client.bulk(b -> {
                for (ScoredPost p : posts) {
                    PostDocument doc = PostDocument.from(p);
                    b.operations(op -> op.index(x -> x.index(index.indexFor(doc.publishedAt())).id(doc.id()).document(doc)));
                }
                return b;
            });
            assertThat(response.errors()).isFalse();
        }
        index.refresh();
        events = new EventStore(client, new EventsConfig(EVENTS_INDEX, 0));
        events.ensureCreatedAndSeeded();
    }

    static DashboardApp app(ElasticsearchClient client) {
        return new DashboardApp(DashboardConfig.defaults().withIndex(INDEX), Catalogue.defaults(),
                new PostQueries(client, INDEX), events, AdminToken.none(), List.of());
    }

    @Test
    void the_whole_export_arrives_in_time_order_and_the_point_in_time_is_closed(ElasticsearchClient client, URI es) throws Exception {
        DashboardApp app = app(client);
        int port = app.start(0);
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/export/posts.csv?columns=id,time")).build(),
                    HttpResponse.BodyHandlers.ofString());

            String[] lines = response.body().split("\r\n");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(lines).hasSize(POSTS + 1);
            assertThat(lines[1]).isEqualTo("twitter:s0,2011-03-01T00:00:00Z");
            assertThat(lines[POSTS]).isEqualTo("twitter:s" + (POSTS - 1) + "," + Instant.parse("2011-03-01T00:00:00Z").plusSeconds(60L * (POSTS - 1)));
            await().atMost(Duration.ofSeconds(10)).until(() -> openPointsInTime(es) == 0);
        } finally {
            app.stop();
        }
    }

    @Test
    void a_client_that_goes_away_stops_the_reads_and_the_point_in_time_is_closed(ElasticsearchClient client, URI es) throws Exception {
        DashboardApp app = app(client);
        int port = app.start(0);
        try {
            long queriesBefore = queryTotal(es);
            // when a client reads the start of the file and hangs up
            try (Socket socket = new Socket("127.0.0.1", port)) {
                OutputStream out = socket.getOutputStream();
                out.write(("GET /api/export/posts.csv HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                byte[] start = in.readNBytes(20_000);
                assertThat(new String(start, StandardCharsets.UTF_8)).startsWith("HTTP/1.1 200").contains("twitter:s0,");
            }

            // then the point in time is closed and the reads stop well before the 16 pages of the whole export
            await().atMost(Duration.ofSeconds(15)).until(() -> openPointsInTime(es) == 0);
            // (a read already on its way when the client left still lands: wait until the count holds still)
            long[] last = {-1};
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(700)).until(() -> {
                long now = queryTotal(es);
                boolean still = now == last[0];
                last[0] = now;
                return still;
            });
            long reads = last[0] - queriesBefore;
            Thread.sleep(2_000);
            assertThat(queryTotal(es) - queriesBefore).isEqualTo(reads);
            assertThat(reads).isBetween(1L, 7L);
        } finally {
            app.stop();
        }
    }

    @Test
    void elasticsearch_dying_mid_export_aborts_the_response(ElasticsearchClient client, URI es) throws Exception {
        // given an app whose Elasticsearch connection dies in the middle of the second page
        try (CuttingProxy proxy = new CuttingProxy(es, 350_000);
             ElasticsearchClient proxied = EsClients.create(proxy.uri())) {
            DashboardApp app = app(proxied);
            int port = app.start(0);
            try {
                HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/export/posts.csv")).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                assertThat(response.statusCode()).isEqualTo(200);

                // when the client reads on, then it gets an error, never a clean end of a short file
                long[] read = {0};
                assertThatThrownBy(() -> {
                    try (InputStream body = response.body()) {
                        byte[] buffer = new byte[65_536];
                        int n;
                        while ((n = body.read(buffer)) >= 0) {
                            read[0] += n;
                        }
                    }
                }).isInstanceOf(IOException.class);
                assertThat(proxy.hasCut()).isTrue();
                assertThat(read[0]).isPositive().isLessThan(POSTS * 50L);
            } finally {
                app.stop();
            }
        }
    }

    /** Points in time open on the node (the export's own are the only ones these tests open). */
    static long openPointsInTime(URI es) throws IOException, InterruptedException {
        return searchStats(es).path("point_in_time_current").asLong();
    }

    /** Shard-level queries the node has run (one per page of an export over one monthly index). */
    static long queryTotal(URI es) throws IOException, InterruptedException {
        return searchStats(es).path("query_total").asLong();
    }

    private static JsonNode searchStats(URI es) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                es.resolve("/_nodes/stats/indices/search")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode nodes = Json.mapper().readTree(response.body()).get("nodes");
        return nodes.elements().next().path("indices").path("search");
    }
}
