package org.backbeat.ingest.twitter;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
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

class TwitterStreamSourceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void stream_with_delete_notices_reconnects_with_backoff_and_tombstones_reach_the_sink() throws Exception {
        // given a stream that sends the real capture then drops, then refuses with 420, then sends the real
        // event capture with a cut-off line and drops again
        String capture = Files.readString(SharedData.path("twitter_api_json_twitter4j", "streamingapi-testcase.json"));
        String events = Files.readString(SharedData.path("twitter_api_json_twitter4j", "streamingapi-event-testcase.json"));
        AtomicInteger connections = new AtomicInteger();
        try (LocalHttpServer server = new LocalHttpServer(request -> switch (connections.incrementAndGet()) {
            case 1 -> LocalHttpServer.Response.stream("application/json", out -> out.write(capture.getBytes(StandardCharsets.UTF_8)));
            case 2 -> LocalHttpServer.Response.of(420, Map.of(), "Enhance Your Calm");
            default -> LocalHttpServer.Response.stream("application/json",
                    out -> out.write(("\r\n" + events + "\n{\"text\":\"cut\n").getBytes(StandardCharsets.UTF_8)));
        })) {
            ListSink sink = new ListSink();
            AtomicBoolean stop = new AtomicBoolean();
            RecordingSleeper sleeper = new RecordingSleeper(() -> stop.set(connections.get() >= 3));
            SourceMetrics metrics = new SourceMetrics("twitter-stream", new SimpleMeterRegistry(), CLOCK);
            TwitterStreamSource source = new TwitterStreamSource("twitter-stream", HttpJson.defaultClient(), server.baseUrl() + "/1.1",
                    List.of("Universal Music", "#spotify"), new OAuth1Signer(new TwitterCredentials("ck", "cs", "at", "ats")));

            // when
            source.run(new SourceContext(sink, Checkpoint.inMemory(), metrics, text -> null, CLOCK, sleeper, stop::get));

            // then
            assertThat(sleeper.waits).containsExactly(Duration.ofMillis(250), Duration.ofMinutes(1), Duration.ofMillis(250));
            assertThat(sink.deleted).containsExactly("twitter:6832057002");
            assertThat(sink.posts).extracting(Post::id)
                    .containsExactly("twitter:6832063504", "twitter:6832063500", "twitter:6832063502");
            assertThat(sink.rejected).hasSize(1);
            assertThat(sink.rejected.get(0).reason()).startsWith("twitter-stream message 6: not JSON");
            assertThat(metrics.status().errors()).as("the 420 and the cut-off line").isEqualTo(2);
            assertThat(server.requests).hasSize(3).allSatisfy(r -> {
                assertThat(r.method()).isEqualTo("POST");
                assertThat(r.path()).isEqualTo("/1.1/statuses/filter.json");
                assertThat(r.params()).containsEntry("track", "Universal Music,#spotify");
                assertThat(r.header("Authorization")).startsWith("OAuth ").contains("oauth_signature=");
            });
        }
    }
}
