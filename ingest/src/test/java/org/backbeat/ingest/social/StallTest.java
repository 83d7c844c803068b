package org.backbeat.ingest.social;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.backbeat.core.Post;
import org.backbeat.core.SharedData;
import org.backbeat.ingest.ListSink;
import org.backbeat.ingest.mastodon.MastodonStreamSource;
import org.backbeat.ingest.source.Checkpoint;
import org.backbeat.ingest.source.SourceContext;
import org.backbeat.ingest.source.SourceMetrics;
import org.junit.jupiter.api.Test;

/** A stream that goes silent without closing is dropped and reconnected, not waited on forever. */
class StallTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void a_silent_event_stream_is_closed_after_the_stall_limit_and_reconnected() throws Exception {
        // given a Mastodon stream that sends one real status and then nothing, holding the connection open
        String status = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Files.readString(SharedData.path("mastodon_api_json_bigbone", "status_with_previewcard.json"))).toString();
        CountDownLatch testOver = new CountDownLatch(1);
        AtomicInteger connections = new AtomicInteger();
        try (LocalHttpServer server = new LocalHttpServer(request -> connections.incrementAndGet() == 1
                ? LocalHttpServer.Response.stream("text/event-stream", out -> {
                    out.write(("event: update\ndata: " + status + "\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    try {
                        testOver.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })
                : LocalHttpServer.Response.of(503, Map.of(), "down"))) {
            ListSink sink = new ListSink();
            AtomicBoolean stop = new AtomicBoolean();
            RecordingSleeper sleeper = new RecordingSleeper(() -> stop.set(connections.get() >= 2));
            SourceMetrics metrics = new SourceMetrics("stall", new SimpleMeterRegistry(), CLOCK);

            // when
            new MastodonStreamSource("stall", HttpJson.defaultClient(), URI.create(server.baseUrl()), "music", "tok", Duration.ofMillis(300))
                    .run(new SourceContext(sink, Checkpoint.inMemory(), metrics, text -> null, CLOCK, sleeper, stop::get));
            testOver.countDown();

            // then the status arrived, the silence counted as a network failure, and it reconnected
            assertThat(sink.posts).extracting(Post::id).containsExactly("mastodon:127.0.0.1/111337272989523541");
            assertThat(sleeper.waits).containsExactly(Duration.ofMillis(250), Duration.ofSeconds(5));
            assertThat(metrics.status().errors()).isEqualTo(2);
            assertThat(connections).hasValue(2);
        }
    }
}
