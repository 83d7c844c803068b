package org.backbeat.ingest.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.backbeat.core.Catalogue;
import org.backbeat.core.Post;
import org.backbeat.core.SharedData;
import org.backbeat.ingest.ListSink;
import org.backbeat.ingest.social.LocalHttpServer;
import org.backbeat.ingest.source.Secrets;
import org.backbeat.ingest.source.Sleeper;
import org.backbeat.ingest.source.Source;
import org.backbeat.ingest.source.SourceRunner;
import org.backbeat.ingest.source.SourceStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The factory's source under the real runner: a 503 backs off, the next poll recovers, later polls repeat nothing. */
class MastodonRunnerTest {

    @Test
    void runner_backs_off_after_a_503_then_polls_since_the_checkpoint_without_duplicates(@TempDir Path dir) throws Exception {
        // given an instance that is down once, then serves the real tag timeline (honouring since_id)
        String timeline = Files.readString(SharedData.path("mastodon_api_json_bigbone", "tag_timeline.json"));
        ObjectMapper json = new ObjectMapper();
        AtomicInteger calls = new AtomicInteger();
        try (LocalHttpServer server = new LocalHttpServer(request -> {
            if (calls.incrementAndGet() == 1) {
                return LocalHttpServer.Response.of(503, Map.of(), "down for maintenance");
            }
            return LocalHttpServer.Response.json(request.params().containsKey("since_id") ? "[]" : json.readTree(timeline).toString());
        })) {
            Source source = new MastodonSourceFactory().create(json.readTree(
                    "{\"type\":\"mastodon\",\"instance\":\"" + server.baseUrl() + "\",\"hashtags\":[\"mastodon\"],\"interval\":\"5s\"}"),
                    Catalogue.defaults(), new Secrets(Map.of())).get(0);
            ListSink sink = new ListSink();
            List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
            Sleeper briefly = d -> {
                waits.add(d);
                Thread.sleep(20);
            };
            SourceRunner runner = new SourceRunner(sink, dir, new SimpleMeterRegistry(), text -> null, Clock.systemUTC(), briefly,
                    Duration.ofSeconds(1), Duration.ofMinutes(1));

            // when it runs until it has polled a few times after recovering
            runner.start(source);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (calls.get() < 5 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            runner.close();

            // then: one backoff of 0.8 to 1 s (jitter), then the poll interval; every status once; the error counted
            assertThat(waits.get(0)).isBetween(Duration.ofMillis(800), Duration.ofSeconds(1));
            assertThat(waits.subList(1, 3)).containsOnly(Duration.ofSeconds(5));
            assertThat(sink.posts).hasSize(20).extracting(Post::id).doesNotHaveDuplicates();
            assertThat(server.requests.subList(2, 5)).allSatisfy(r -> assertThat(r.params()).containsEntry("since_id", "714859"));
            SourceStatus status = runner.statuses().get(0);
            assertThat(status.source()).isEqualTo("mastodon:127.0.0.1");
            assertThat(status.errors()).isEqualTo(1);
            assertThat(status.produced()).isEqualTo(20);
            assertThat(status.lastError()).contains("HTTP 503");
        }
    }
}
