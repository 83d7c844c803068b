package org.backbeat.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.backbeat.core.DeadLetter;
import org.backbeat.core.Post;
import org.junit.jupiter.api.Test;

class JsonlReplayTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private final ListSink sink = new ListSink();
    private final JsonlReplay replay = new JsonlReplay(sink, Clock.fixed(NOW, ZoneOffset.UTC));

    private static String line(String id, String time, String text) {
        return "{\"schemaVersion\":1,\"id\":\"" + id + "\",\"source\":\"replay\",\"publishedAt\":\"" + time
                + "\",\"text\":\"" + text + "\",\"lang\":\"en\"}";
    }

    @Test
    void posts_keep_their_original_timestamps_and_bad_lines_become_dead_letters() throws IOException {
        String jsonl = "\uFEFF" + line("replay:1", "2011-03-29T09:00:00Z", "Cloud Player rocks") + "\n"
                + "\n"
                + "{\"id\":\"replay:2\", broken\n"
                + line("replay:3", "2011-03-30T10:30:00Z", "Labels are not amused") + "\n";

        ReplayStats stats = replay.replay(new ByteArrayInputStream(jsonl.getBytes(StandardCharsets.UTF_8)), "march.jsonl");

        assertThat(stats).isEqualTo(new ReplayStats(3, 2, 1));
        assertThat(sink.posts).extracting(Post::id, Post::publishedAt, Post::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple("replay:1", Instant.parse("2011-03-29T09:00:00Z"), "Cloud Player rocks"),
                org.assertj.core.groups.Tuple.tuple("replay:3", Instant.parse("2011-03-30T10:30:00Z"), "Labels are not amused"));
        DeadLetter bad = sink.rejected.get(0);
        assertThat(bad.stage()).isEqualTo("ingest");
        assertThat(bad.reason()).startsWith("march.jsonl line 3: not a valid Post");
        assertThat(bad.payload()).isEqualTo("{\"id\":\"replay:2\", broken");
        assertThat(bad.failedAt()).isEqualTo(NOW);
        assertThat(sink.flushes).isEqualTo(1);
    }

    @Test
    void a_deletion_written_by_the_file_sink_replays_as_a_tombstone(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        // given a converted dump holding a post, a delete notice and a deletion line with a number for an id
        java.nio.file.Path file = dir.resolve("dump.jsonl");
        try (var out = new org.backbeat.ingest.replay.JsonlFileSink(file)) {
            out.accept(Post.of("twitter:1", "twitter", Instant.parse("2011-03-29T09:00:00Z"), null, null, "hi", null, "en"));
            out.delete("twitter:1");
        }
        java.nio.file.Files.writeString(file, "{\"deleted\":42}\n", java.nio.file.StandardOpenOption.APPEND);

        // when it is replayed
        ReplayStats stats = replay.replay(file);

        // then the post comes, then its tombstone; the malformed deletion is a dead letter
        assertThat(java.nio.file.Files.readAllLines(file)).element(1).isEqualTo("{\"deleted\":\"twitter:1\"}");
        assertThat(sink.posts).extracting(Post::id).containsExactly("twitter:1");
        assertThat(sink.deleted).containsExactly("twitter:1");
        assertThat(stats).isEqualTo(new ReplayStats(3, 2, 1));
        assertThat(sink.rejected.get(0).reason()).contains("line 3").contains("\"deleted\" post id");
    }

    @Test
    void invalid_utf8_is_replaced_not_fatal() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(line("replay:9", "2011-04-01T00:00:00Z", "caf").getBytes(StandardCharsets.UTF_8));
        // Splice a lone 0xE9 (cp1252 "é") inside the text value.
        byte[] all = bytes.toByteArray();
        int at = new String(all, StandardCharsets.UTF_8).indexOf("caf") + 3;
        ByteArrayOutputStream spliced = new ByteArrayOutputStream();
        spliced.write(all, 0, at);
        spliced.write(0xE9);
        spliced.write(all, at, all.length - at);

        ReplayStats stats = replay.replay(new ByteArrayInputStream(spliced.toByteArray()), "cp1252.jsonl");

        assertThat(stats.accepted()).isEqualTo(1);
        assertThat(sink.posts.get(0).text()).isEqualTo("caf\uFFFD");
    }
}
