package org.backbeat.ingest.twitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.backbeat.core.Catalogue;
import org.backbeat.core.Post;
import org.backbeat.core.TrackedEntity;
import org.backbeat.ingest.ListSink;
import org.backbeat.ingest.social.LocalHttpServer;
import org.backbeat.ingest.social.RecordingSleeper;
import org.backbeat.ingest.source.Checkpoint;
import org.backbeat.ingest.source.SourceContext;
import org.backbeat.ingest.source.SourceMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TwitterSearchSourceTest {

    private static final Instant NOW = Instant.parse("2026-11-24T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final TwitterCredentials CREDENTIALS = new TwitterCredentials("ck", "cs", "at", "ats");

    private final ListSink sink = new ListSink();
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final SourceMetrics metrics = new SourceMetrics("twitter-search", new SimpleMeterRegistry(), CLOCK);
    private LocalHttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private TwitterSearchSource source(List<String> queries, int pageSize) {
        String base = server.baseUrl() + "/1.1/";
        return new TwitterSearchSource("twitter-search", TwitterClients.v1(base, base, CREDENTIALS), queries, pageSize, 10, Duration.ofMinutes(5));
    }

    private SourceContext context(Checkpoint checkpoint) {
        return new SourceContext(sink, checkpoint, metrics, text -> null, CLOCK, sleeper, () -> false);
    }

    @Test
    void pages_back_with_max_id_then_a_restart_asks_since_the_saved_id_and_gets_only_new_tweets(@TempDir Path dir) throws Exception {
        // given the ten oldest real search results exist, and the API pages them four at a time
        FakeSearchApi api = new FakeSearchApi();
        List<Long> ids = api.ids();
        api.visible = s -> FakeSearchApi.id(s) <= ids.get(5);
        server = new LocalHttpServer(request -> api.answer(request, s -> true));

        // when the first run polls
        source(List.of("tweepy"), 4).run(context(Checkpoint.load(dir, "twitter-search")));

        // then three pages were asked for, each below the previous page's oldest id, and all ten arrived newest first
        assertThat(server.requests).extracting(r -> r.params().get("max_id"))
                .containsExactly(null, Long.toString(ids.get(8) - 1), Long.toString(ids.get(12) - 1));
        assertThat(server.requests).allSatisfy(r -> {
            assertThat(r.path()).isEqualTo("/1.1/search/tweets.json");
            assertThat(r.params()).containsEntry("q", "tweepy").containsEntry("count", "4").containsEntry("result_type", "recent");
            assertThat(r.header("Authorization")).startsWith("OAuth ").contains("oauth_consumer_key=\"ck\"").contains("oauth_token=\"at\"");
        });
        assertThat(sink.posts).extracting(Post::id)
                .containsExactlyElementsOf(ids.subList(5, 15).stream().map(id -> "twitter:" + id).toList());
        assertThat(sink.posts.get(0).text()).isEqualTo("Sending my first tweet via Tweepy!");
        assertThat(sink.posts.get(0).publishedAt()).isEqualTo(Instant.parse("2019-07-12T20:44:19Z"));

        // when five newer tweets appear and a new process starts from the checkpoint on disk
        api.visible = s -> true;
        server.requests.clear();
        sink.posts.clear();
        source(List.of("tweepy"), 4).run(context(Checkpoint.load(dir, "twitter-search")));

        // then it asks since the newest id it saved and gets exactly the five new tweets
        assertThat(server.requests).extracting(r -> r.params().get("since_id")).containsOnly(Long.toString(ids.get(5)));
        assertThat(sink.posts).extracting(Post::id)
                .containsExactlyElementsOf(ids.subList(0, 5).stream().map(id -> "twitter:" + id).toList());
        assertThat(Checkpoint.load(dir, "twitter-search").get(TwitterSearchSource.sinceIdKey("tweepy"))).contains(Long.toString(ids.get(0)));

        // when it polls again with nothing new, then nothing is sent again
        sink.posts.clear();
        source(List.of("tweepy"), 4).run(context(Checkpoint.load(dir, "twitter-search")));
        assertThat(sink.posts).isEmpty();
    }

    @Test
    void a_429_waits_until_the_reset_time_and_a_spent_window_waits_before_the_next_call() throws Exception {
        // given the API refuses the first call until two minutes from now, then answers saying the window is spent
        FakeSearchApi api = new FakeSearchApi();
        AtomicInteger calls = new AtomicInteger();
        long reset429 = NOW.plusSeconds(120).getEpochSecond();
        long resetSpent = NOW.plusSeconds(900).getEpochSecond();
        server = new LocalHttpServer(request -> {
            if (calls.incrementAndGet() == 1) {
                return LocalHttpServer.Response.of(429, Map.of("x-rate-limit-limit", "180", "x-rate-limit-remaining", "0",
                        "x-rate-limit-reset", Long.toString(reset429)), "{\"errors\":[{\"code\":88,\"message\":\"Rate limit exceeded\"}]}");
            }
            LocalHttpServer.Response ok = api.answer(request, s -> true);
            return LocalHttpServer.Response.of(200, Map.of("Content-Type", "application/json", "x-rate-limit-limit", "180",
                    "x-rate-limit-remaining", "0", "x-rate-limit-reset", Long.toString(resetSpent)), ok.body());
        });

        // when
        source(List.of("tweepy"), 100).run(context(Checkpoint.inMemory()));

        // then it waited exactly until each reset, and the retried call delivered all fifteen
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(120), Duration.ofSeconds(900));
        assertThat(calls).hasValue(2);
        assertThat(sink.posts).hasSize(15);
    }

    @Test
    void a_503_fails_the_poll_without_moving_the_checkpoint_and_the_next_poll_recovers() throws Exception {
        // given the API is down for the first call
        FakeSearchApi api = new FakeSearchApi();
        AtomicInteger calls = new AtomicInteger();
        server = new LocalHttpServer(request -> calls.incrementAndGet() == 1
                ? LocalHttpServer.Response.of(503, Map.of(), "{\"errors\":[{\"message\":\"Over capacity\",\"code\":130}]}")
                : api.answer(request, s -> true));
        Checkpoint checkpoint = Checkpoint.inMemory();
        TwitterSearchSource source = source(List.of("tweepy"), 100);

        // when / then the first poll fails for the runner to back off
        assertThatThrownBy(() -> source.run(context(checkpoint))).isInstanceOf(IOException.class).hasMessageContaining("HTTP 503");
        assertThat(checkpoint.values()).isEmpty();
        assertThat(sink.posts).isEmpty();

        // when the runner polls again
        source.run(context(checkpoint));

        // then everything arrives and the checkpoint holds the newest id
        assertThat(sink.posts).hasSize(15);
        assertThat(checkpoint.get(TwitterSearchSource.sinceIdKey("tweepy"))).contains("1149825924029980674");
    }

    @Test
    void a_malformed_response_is_counted_and_the_next_query_still_runs() throws Exception {
        // given two queries from the catalogue, and the API answers the first with cut-off JSON
        Catalogue catalogue = Catalogue.of("t", List.of(new TrackedEntity("tweepy", "Tweepy", "service", null,
                List.of("tweepy"), null, null, List.of("python"))));
        List<String> queries = TwitterQueries.pack(TwitterQueries.searchTerms(catalogue), 10, "");
        FakeSearchApi api = new FakeSearchApi();
        server = new LocalHttpServer(request -> request.params().get("q").equals("tweepy")
                ? LocalHttpServer.Response.json("{\"statuses\":[{\"created_at\":\"Fri Jul 12")
                : api.answer(request, s -> s.path("text").asText().contains("#python")));
        Checkpoint checkpoint = Checkpoint.inMemory();

        // when
        source(queries, 100).run(context(checkpoint));

        // then
        assertThat(queries).containsExactly("tweepy", "#python");
        assertThat(metrics.status().errors()).isEqualTo(1);
        assertThat(metrics.status().lastError()).contains("malformed search response for 'tweepy'");
        assertThat(sink.posts).extracting(Post::id).containsExactly("twitter:1149698684646563840");
        assertThat(checkpoint.values()).containsOnlyKeys(TwitterSearchSource.sinceIdKey("#python"));
    }
}
