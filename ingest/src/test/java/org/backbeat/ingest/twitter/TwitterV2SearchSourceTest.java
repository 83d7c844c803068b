package org.backbeat.ingest.twitter;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.backbeat.core.Post;
import org.backbeat.core.SharedData;
import org.backbeat.ingest.ListSink;
import org.backbeat.ingest.social.HttpJson;
import org.backbeat.ingest.social.LocalHttpServer;
import org.backbeat.ingest.social.RecordingSleeper;
import org.backbeat.ingest.source.Checkpoint;
import org.backbeat.ingest.source.SourceContext;
import org.backbeat.ingest.source.SourceMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TwitterV2SearchSourceTest {

    private static final Instant NOW = Instant.parse("2026-11-24T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void follows_next_token_then_a_restart_asks_since_the_newest_id_with_the_bearer_token(@TempDir Path dir) throws Exception {
        // given the real v2 recent-search page (10 tweets and a next_token), an empty last page, and a 429 on the first call
        String firstPage = Files.readString(SharedData.path("twitter_api_json_tweepy", "test_client_search_recent_tweets.json"));
        AtomicInteger calls = new AtomicInteger();
        long reset = NOW.plusSeconds(300).getEpochSecond();
        try (LocalHttpServer server = new LocalHttpServer(request -> {
            if (calls.incrementAndGet() == 1) {
                return LocalHttpServer.Response.of(429, Map.of("x-rate-limit-remaining", "0", "x-rate-limit-reset", Long.toString(reset)),
                        "{\"title\":\"Too Many Requests\"}");
            }
            if (request.params().containsKey("next_token") || request.params().containsKey("since_id")) {
                return LocalHttpServer.Response.json("{\"meta\":{\"result_count\":0}}");
            }
            return LocalHttpServer.Response.json(firstPage);
        })) {
            ListSink sink = new ListSink();
            RecordingSleeper sleeper = new RecordingSleeper();
            SourceMetrics metrics = new SourceMetrics("twitter-v2", new SimpleMeterRegistry(), CLOCK);
            HttpJson http = new HttpJson(HttpJson.defaultClient(), "twitter-v2", "x-rate-limit-remaining", "x-rate-limit-reset");

            // when
            new TwitterV2SearchSource("twitter-v2", http, server.baseUrl(), "bearer-secret", List.of("tweepy"), 10, 5, Duration.ofMinutes(15))
                    .run(new SourceContext(sink, Checkpoint.load(dir, "twitter-v2"), metrics, text -> null, CLOCK, sleeper, () -> false));

            // then it waited for the reset, read both pages, and sent the ten tweets with their snowflake times
            assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(300));
            assertThat(server.requests).hasSize(3);
            LocalHttpServer.Request first = server.requests.get(1);
            assertThat(first.path()).isEqualTo("/2/tweets/search/recent");
            assertThat(first.params()).containsEntry("query", "tweepy").containsEntry("max_results", "10")
                    .containsEntry("tweet.fields", TwitterV2SearchSource.TWEET_FIELDS).doesNotContainKey("since_id");
            assertThat(first.header("Authorization")).isEqualTo("Bearer bearer-secret");
            assertThat(server.requests.get(2).params()).containsEntry("next_token", "b26v89c19zqg8o3fpzbn1e0ffhxjiofzw6po136rvbnul");
            assertThat(sink.posts).hasSize(10);
            assertThat(sink.posts.get(9)).extracting(Post::id, Post::text, Post::publishedAt)
                    .containsExactly("twitter:1578511538419212288", "2022-10-07 22:24:12.640234 tweepy", Instant.parse("2022-10-07T22:24:12.742Z"));

            // when a new process polls from the saved checkpoint
            server.requests.clear();
            sink.posts.clear();
            new TwitterV2SearchSource("twitter-v2", http, server.baseUrl(), "bearer-secret", List.of("tweepy"), 10, 5, Duration.ofMinutes(15))
                    .run(new SourceContext(sink, Checkpoint.load(dir, "twitter-v2"), metrics, text -> null, CLOCK, sleeper, () -> false));

            // then it asks only for what is newer than the newest tweet it has, and gets nothing again
            assertThat(server.requests).extracting(r -> r.params().get("since_id")).containsExactly("1578516068309794817");
            assertThat(sink.posts).isEmpty();
        }
    }
}
