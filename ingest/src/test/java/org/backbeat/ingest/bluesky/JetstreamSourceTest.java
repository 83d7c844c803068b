package org.backbeat.ingest.bluesky;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.backbeat.core.Catalogue;
import org.backbeat.core.Post;
import org.backbeat.core.SharedData;
import org.backbeat.core.TrackedEntity;
import org.backbeat.ingest.ListSink;
import org.backbeat.ingest.social.HttpJson;
import org.backbeat.ingest.social.RecordingSleeper;
import org.backbeat.ingest.source.Checkpoint;
import org.backbeat.ingest.source.SourceContext;
import org.backbeat.ingest.source.SourceMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JetstreamSourceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T00:00:00Z"), ZoneOffset.UTC);
    /**
     * What the test catalogue keeps of the real capture: two posts mention a band, one a show. (The post that is
     * only a youtube.com link is not kept: the catalogue never matches inside a URL.)
     */
    private static final List<String> KEPT = List.of(
            "bluesky:did:plc:tn3hni2jpphsgl6amfbb7ja6/3mptbypfywk2v",
            "bluesky:did:plc:u4lmvw4wwzaql3z5kcf3r7h4/3mptbyospqk2i",
            "bluesky:did:plc:t2yw5frug3pu4nmygjiq7vln/3mptbypky4c27");

    private final Catalogue catalogue = Catalogue.of("test", List.of(
            new TrackedEntity("bands", "Bands", "topic", null, List.of("band"), null, null, null),
            new TrackedEntity("youtube", "YouTube", "service", null, List.of("YouTube"), null, null, null),
            new TrackedEntity("shows", "Shows", "topic", null, List.of("show"), null, null, null)));
    private final SourceMetrics metrics = new SourceMetrics("bluesky", new SimpleMeterRegistry(), CLOCK);

    private static List<String> capture() throws IOException {
        return new ArrayList<>(Files.readString(SharedData.path("bluesky_jetstream_json", "expected_v1.jsonl")).lines().filter(l -> !l.isBlank()).toList());
    }

    private JetstreamSource source(FakeJetstream server) {
        return new JetstreamSource("bluesky", HttpJson.defaultClient(), URI.create(server.url()), t -> !catalogue.match(t).isEmpty(),
                1000, Duration.ZERO);
    }

    @Test
    void a_dropped_connection_resumes_from_the_cursor_and_a_deleted_kept_post_becomes_a_tombstone() throws Exception {
        // given the real capture plus a bad line and the deletion of a kept post, and a server that drops after 50 events
        List<String> lines = capture();
        lines.add("{\"did\":\"did:plc:u4lmvw4wwzaql3z5kcf3r7h4\",\"time_us\":1783175888500000,\"kind\":\"commit\",\"commit\":"
                + "{\"rev\":\"3mptbzzzzzz2z\",\"operation\":\"delete\",\"collection\":\"app.bsky.feed.post\",\"rkey\":\"3mptbyospqk2i\"}}");
        lines.add("{\"did\":\"did:plc:x\",\"time_us\":1783175888600000,\"kind\":\"commit\",\"commit\":{\"collection\":\"app.bsky.feed.post\"");
        FakeJetstream server = new FakeJetstream(lines, connection -> connection == 1 ? 50 : Integer.MAX_VALUE);
        try {
            ListSink sink = new ListSink();
            AtomicBoolean stop = new AtomicBoolean();
            RecordingSleeper sleeper = new RecordingSleeper(() -> stop.set(server.resources.size() >= 2));
            Checkpoint checkpoint = Checkpoint.inMemory();
            long cursorAfterDrop = FakeJetstream.timeUs(server.events.get(49));

            // when
            source(server).run(new SourceContext(sink, checkpoint, metrics, text -> null, CLOCK, sleeper, stop::get));

            // then it reconnected once, from the time_us of the last event it had read, and missed nothing. That is
            // the 50th event's when every frame sent before the close arrived; on a loaded machine the close can cut
            // frames still in flight, and the client then resumes from the last event it did read: one of the 50.
            assertThat(server.resources).hasSize(2);
            assertThat(server.resources.get(0)).isEqualTo("/subscribe?wantedCollections=app.bsky.feed.post");
            String prefix = "/subscribe?wantedCollections=app.bsky.feed.post&cursor=";
            assertThat(server.resources.get(1)).startsWith(prefix);
            long resumedFrom = Long.parseLong(server.resources.get(1).substring(prefix.length()));
            assertThat(server.events.subList(0, 50).stream().map(FakeJetstream::timeUs).toList()).contains(resumedFrom);
            assertThat(resumedFrom).isLessThanOrEqualTo(cursorAfterDrop);
            assertThat(sleeper.waits).as("a successful connection resets the backoff").containsExactly(Duration.ofMillis(250), Duration.ofMillis(250));
            assertThat(sink.posts).extracting(Post::id).containsExactlyElementsOf(KEPT);
            assertThat(sink.posts.get(1).text()).startsWith("Going under a band's event post");
            assertThat(sink.posts.get(1).lang()).isEqualTo("tr");
            assertThat(sink.deleted).containsExactly(KEPT.get(1));
            assertThat(sink.rejected).hasSize(1);
            assertThat(metrics.status().errors()).isEqualTo(1);
            assertThat(metrics.status().fetched()).isEqualTo(154);
            assertThat(checkpoint.get(JetstreamSource.CURSOR)).as("the cut-off line has no readable time").contains("1783175888500000");
        } finally {
            server.stop(1000);
        }
    }

    @Test
    void a_restart_resumes_from_the_saved_cursor_without_repeating_or_missing_a_post(@TempDir Path dir) throws Exception {
        // given a server that sends the first 48 events (one kept post among them) of the real capture, then stops the process
        FakeJetstream server = new FakeJetstream(capture(), connection -> connection == 1 ? 48 : Integer.MAX_VALUE);
        try {
            ListSink firstRun = new ListSink();
            AtomicBoolean stop = new AtomicBoolean();
            source(server).run(new SourceContext(firstRun, Checkpoint.load(dir, "bluesky"), metrics, text -> null, CLOCK,
                    d -> stop.set(true), stop::get));
            assertThat(firstRun.flushes).isPositive();

            // when a new process starts from the checkpoint on disk
            ListSink secondRun = new ListSink();
            AtomicBoolean stopAgain = new AtomicBoolean();
            source(server).run(new SourceContext(secondRun, Checkpoint.load(dir, "bluesky"), metrics, text -> null, CLOCK,
                    d -> stopAgain.set(true), stopAgain::get));

            // then it asked from the 48th event's time_us; the two runs together hold each kept post exactly once
            assertThat(server.resources.get(1)).endsWith("&cursor=" + FakeJetstream.timeUs(server.events.get(47)));
            assertThat(firstRun.posts).extracting(Post::id).containsExactly(KEPT.get(0));
            assertThat(secondRun.posts).extracting(Post::id).containsExactlyElementsOf(KEPT.subList(1, 3));
        } finally {
            server.stop(1000);
        }
    }

    @Test
    void a_connection_that_goes_silent_is_dropped_and_resumed_from_the_cursor() throws Exception {
        // given a server that sends the first 10 events, then holds the connection open without a word
        FakeJetstream server = new FakeJetstream(capture(), connection -> connection == 1 ? 10 : Integer.MAX_VALUE,
                connection -> connection != 1);
        try {
            ListSink sink = new ListSink();
            AtomicBoolean stop = new AtomicBoolean();
            RecordingSleeper sleeper = new RecordingSleeper(() -> stop.set(server.resources.size() >= 2));
            JetstreamSource source = new JetstreamSource("bluesky", HttpJson.defaultClient(), URI.create(server.url()),
                    t -> !catalogue.match(t).isEmpty(), 1000, Duration.ZERO, Duration.ofMillis(300));

            // when
            source.run(new SourceContext(sink, Checkpoint.inMemory(), metrics, text -> null, CLOCK, sleeper, stop::get));

            // then it gave up on the silent connection, came back from the 10th event's time, and got every kept post once
            assertThat(server.resources.get(1)).endsWith("&cursor=" + FakeJetstream.timeUs(server.events.get(9)));
            assertThat(sink.posts).extracting(Post::id).containsExactlyElementsOf(KEPT);
            assertThat(metrics.status().lastError()).isNotNull();
        } finally {
            server.stop(1000);
        }
    }
}
