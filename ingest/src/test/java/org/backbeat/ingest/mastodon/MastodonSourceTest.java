package org.backbeat.ingest.mastodon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.backbeat.core.Post;
import org.backbeat.core.SharedData;
import org.backbeat.ingest.ListSink;
import org.backbeat.ingest.social.HttpJson;
import org.backbeat.ingest.social.LocalHttpServer;
import org.backbeat.ingest.social.RecordingSleeper;
import org.backbeat.ingest.source.Checkpoint;
import org.backbeat.ingest.source.SourceContext;
import org.backbeat.ingest.source.SourceMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MastodonSourceTest {

    private static final Instant NOW = Instant.parse("2026-11-24T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ListSink sink = new ListSink();
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final SourceMetrics metrics = new SourceMetrics("mastodon", new SimpleMeterRegistry(), CLOCK);
    private final List<JsonNode> timeline = new ArrayList<>();
    private volatile Predicate<JsonNode> visible = s -> true;
    private LocalHttpServer server;

    MastodonSourceTest() throws Exception {
        JSON.readTree(Files.readString(SharedData.path("mastodon_api_json_bigbone", "tag_timeline.json"))).forEach(timeline::add);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static long id(JsonNode status) {
        return Long.parseLong(status.path("id").asText());
    }

    /** The tag timeline as Mastodon serves it: since_id/max_id/limit, newest first, Link headers both ways. */
    private LocalHttpServer.Response timeline(LocalHttpServer.Request request) {
        long since = Long.parseLong(request.params().getOrDefault("since_id", "0"));
        long max = Long.parseLong(request.params().getOrDefault("max_id", Long.toString(Long.MAX_VALUE)));
        int limit = Integer.parseInt(request.params().getOrDefault("limit", "20"));
        List<JsonNode> page = timeline.stream().filter(visible).filter(s -> id(s) > since && id(s) < max).limit(limit).toList();
        ArrayNode body = JSON.createArrayNode();
        page.forEach(body::add);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        if (!page.isEmpty()) {
            String base = server.baseUrl() + request.path();
            headers.put("Link", "<" + base + "?max_id=" + id(page.get(page.size() - 1)) + ">; rel=\"next\", <" + base + "?min_id="
                    + id(page.get(0)) + ">; rel=\"prev\"");
        }
        return LocalHttpServer.Response.of(200, headers, body.toString());
    }

    private MastodonSource source(List<String> tags, List<String> keywords, String token, int pageSize) {
        HttpJson http = new HttpJson(HttpJson.defaultClient(), "mastodon", "X-RateLimit-Remaining", "X-RateLimit-Reset");
        return new MastodonSource("mastodon", http, URI.create(server.baseUrl()), tags, keywords, token, pageSize, 10, Duration.ofMinutes(1));
    }

    private SourceContext context(Checkpoint checkpoint) {
        return new SourceContext(sink, checkpoint, metrics, text -> null, CLOCK, sleeper, () -> false);
    }

    @Test
    void follows_the_link_header_then_a_restart_asks_since_the_saved_id_and_gets_only_new_statuses(@TempDir Path dir) throws Exception {
        // given the twelve oldest statuses of the real timeline, served eight at a time
        visible = s -> id(s) <= 703683;
        server = new LocalHttpServer(this::timeline);

        // when
        source(List.of("mastodon"), List.of(), null, 8).run(context(Checkpoint.load(dir, "mastodon")));

        // then it read two pages, the second through the Link header, and sent all twelve
        assertThat(server.requests).extracting(r -> r.params().get("max_id")).containsExactly(null, "696529");
        assertThat(server.requests).allSatisfy(r -> assertThat(r.path()).isEqualTo("/api/v1/timelines/tag/mastodon"));
        assertThat(sink.posts).extracting(Post::id).containsExactlyElementsOf(
                timeline.subList(8, 20).stream().map(s -> "mastodon:127.0.0.1/" + s.path("id").asText()).toList());
        assertThat(sink.posts.get(0).publishedAt()).isEqualTo(Instant.parse("2017-04-21T14:39:42Z"));

        // when eight newer statuses appear and a new process starts from the checkpoint on disk
        visible = s -> true;
        server.requests.clear();
        sink.posts.clear();
        source(List.of("mastodon"), List.of(), null, 8).run(context(Checkpoint.load(dir, "mastodon")));

        // then it asked since the newest id it had, and got exactly the eight new ones
        assertThat(server.requests.get(0).params()).containsEntry("since_id", "703683");
        assertThat(server.requests).allSatisfy(r -> assertThat(r.params()).containsEntry("since_id", "703683"));
        assertThat(sink.posts).extracting(Post::id).containsExactlyElementsOf(
                timeline.subList(0, 8).stream().map(s -> "mastodon:127.0.0.1/" + s.path("id").asText()).toList());
        assertThat(Checkpoint.load(dir, "mastodon").get(MastodonSource.tagKey("mastodon"))).contains("714859");
    }

    @Test
    void a_rate_limit_waits_for_the_iso_reset_a_5xx_fails_the_poll_and_a_malformed_page_is_counted() throws Exception {
        // given: #broken answers cut-off JSON; #mastodon answers 503 once, then 429 until a reset a minute away, then pages
        AtomicInteger mastodonCalls = new AtomicInteger();
        server = new LocalHttpServer(request -> {
            if (request.path().endsWith("/broken")) {
                return LocalHttpServer.Response.json("[{\"id\":\"1\",");
            }
            return switch (mastodonCalls.incrementAndGet()) {
                case 1 -> LocalHttpServer.Response.of(503, Map.of(), "<html>Service Unavailable</html>");
                case 2 -> LocalHttpServer.Response.of(429, Map.of("X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "2026-11-24T00:01:00.000Z"),
                        "{\"error\":\"Too many requests\"}");
                default -> timeline(request);
            };
        });
        Checkpoint checkpoint = Checkpoint.inMemory();
        MastodonSource source = source(List.of("broken", "mastodon"), List.of(), null, 40);

        // when / then the first poll counts the bad page, then fails on the 503 for the runner to back off
        assertThatThrownBy(() -> source.run(context(checkpoint))).isInstanceOf(IOException.class).hasMessageContaining("HTTP 503");
        assertThat(metrics.status().errors()).isEqualTo(1);
        assertThat(metrics.status().lastError()).contains("malformed page /api/v1/timelines/tag/broken");

        // when the runner polls again
        source.run(context(checkpoint));

        // then it waited until the reset and got the whole timeline
        assertThat(sleeper.waits).containsExactly(Duration.ofMinutes(1));
        assertThat(sink.posts).hasSize(20);
        assertThat(checkpoint.get(MastodonSource.tagKey("mastodon"))).contains("714859");
        assertThat(checkpoint.get(MastodonSource.tagKey("broken"))).isEmpty();
    }

    @Test
    void keyword_search_sends_the_token_and_keeps_only_statuses_newer_than_the_checkpoint() throws Exception {
        // given the real v2 search result (two statuses)
        String search = Files.readString(SharedData.path("mastodon_api_json_bigbone", "search.json"));
        server = new LocalHttpServer(request -> LocalHttpServer.Response.json(search));
        Checkpoint checkpoint = Checkpoint.inMemory();
        checkpoint.put(MastodonSource.keywordKey("cats"), "102000000000000000");

        // when
        source(List.of(), List.of("cats"), "token-secret", 40).run(context(checkpoint));

        // then
        LocalHttpServer.Request request = server.requests.get(0);
        assertThat(request.path()).isEqualTo("/api/v2/search");
        assertThat(request.params()).containsEntry("q", "cats").containsEntry("type", "statuses").containsEntry("min_id", "102000000000000000");
        assertThat(request.header("Authorization")).isEqualTo("Bearer token-secret");
        assertThat(sink.posts).extracting(Post::id).containsExactly("mastodon:127.0.0.1/103085519055545958");
        assertThat(checkpoint.get(MastodonSource.keywordKey("cats"))).contains("103085519055545958");
    }

    @Test
    void keyword_search_without_a_token_is_refused_with_the_variable_to_set() {
        server = new LocalHttpServer(request -> LocalHttpServer.Response.json("[]"));
        assertThatThrownBy(() -> source(List.of(), List.of("cats"), null, 40))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MASTODON_ACCESS_TOKEN");
    }

    @Test
    void hashtag_stream_turns_updates_into_posts_and_deletes_into_tombstones_and_reconnects() throws Exception {
        // given a streaming endpoint that sends a real status, a heartbeat, a boost of it, a delete and a bad event, then drops
        String status = JSON.readTree(Files.readString(SharedData.path("mastodon_api_json_bigbone", "status_with_previewcard.json"))).toString();
        String events = "event: update\ndata: " + status + "\n\n:thump\n\n"
                + "event: delete\ndata: 111337272989523541\n\n"
                + "event: update\ndata: {\"id\":\n\n";
        AtomicInteger connections = new AtomicInteger();
        server = new LocalHttpServer(request -> connections.incrementAndGet() == 1
                ? LocalHttpServer.Response.stream("text/event-stream", out -> out.write(events.getBytes(StandardCharsets.UTF_8)))
                : LocalHttpServer.Response.of(502, Map.of(), "bad gateway"));
        AtomicBoolean stop = new AtomicBoolean();
        RecordingSleeper waits = new RecordingSleeper(() -> stop.set(connections.get() >= 2));
        MastodonStreamSource source = new MastodonStreamSource("mastodon-stream", HttpJson.defaultClient(), URI.create(server.baseUrl()),
                "music", "token-secret");

        // when
        source.run(new SourceContext(sink, Checkpoint.inMemory(), metrics, text -> null, CLOCK, waits, stop::get));

        // then
        assertThat(server.requests.get(0).path()).isEqualTo("/api/v1/streaming/hashtag");
        assertThat(server.requests.get(0).params()).containsEntry("tag", "music");
        assertThat(server.requests.get(0).header("Authorization")).isEqualTo("Bearer token-secret");
        assertThat(sink.posts).extracting(Post::id, Post::lang, Post::publishedAt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("mastodon:127.0.0.1/111337272989523541", "en",
                        Instant.parse("2023-11-01T20:52:43.341Z")));
        assertThat(sink.deleted).containsExactly("mastodon:127.0.0.1/111337272989523541");
        assertThat(sink.rejected).hasSize(1);
        assertThat(waits.waits).containsExactly(Duration.ofMillis(250), Duration.ofSeconds(5));
        assertThat(metrics.status().errors()).as("the bad event and the 502").isEqualTo(2);
    }
}
