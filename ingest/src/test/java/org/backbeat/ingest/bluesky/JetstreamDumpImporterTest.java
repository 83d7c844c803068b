package org.backbeat.ingest.bluesky;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.backbeat.core.Post;
import org.backbeat.core.SharedData;
import org.backbeat.ingest.ListSink;
import org.backbeat.ingest.ReplayStats;
import org.junit.jupiter.api.Test;

class JetstreamDumpImporterTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T00:00:00Z"), ZoneOffset.UTC);
    private final ListSink sink = new ListSink();
    private final JetstreamDumpImporter importer = new JetstreamDumpImporter(sink, text -> "cs", CLOCK);

    @Test
    void capture_imports_every_post_and_turns_post_deletions_into_tombstones() throws Exception {
        // given the real 152-event capture of 2026-07-04: 17 post creations, 1 post deletion, likes, follows...
        ReplayStats stats = importer.importFile(SharedData.path("bluesky_jetstream_json", "expected_v1.jsonl"));

        // then
        assertThat(stats).isEqualTo(new ReplayStats(152, 18, 0));
        assertThat(sink.posts).hasSize(17);
        assertThat(sink.deleted).containsExactly("bluesky:did:plc:4smmjsqf6l5jkzczvw6vsrqc/3mpt73z3ejc2p");
        Post first = sink.posts.get(0);
        assertThat(first.id()).isEqualTo("bluesky:did:plc:dclwtltrt2ggsryagfzk7dp4/3mptbyoeyc22k");
        assertThat(first.text()).isEqualTo("www.youtube.com/watch?v=V5lD...");
        assertThat(first.publishedAt()).isEqualTo(Instant.parse("2026-07-04T14:38:06.240Z"));
        assertThat(first.lang()).isEqualTo("en");
        assertThat(first.author()).isEqualTo("did:plc:dclwtltrt2ggsryagfzk7dp4");
        assertThat(first.url()).isEqualTo("https://bsky.app/profile/did:plc:dclwtltrt2ggsryagfzk7dp4/post/3mptbyoeyc22k");
        Post reply = sink.posts.stream().filter(p -> p.id().endsWith("/3mptbyou7ls2i")).findFirst().orElseThrow();
        assertThat(reply.replyTo()).isEqualTo("bluesky:did:plc:u4lmvw4wwzaql3z5kcf3r7h4/3mptbyospqk2i");
        Post offset = sink.posts.stream().filter(p -> p.id().endsWith("/3mptbyoigog2b")).findFirst().orElseThrow();
        assertThat(offset.publishedAt()).as("createdAt with +00:00").isEqualTo(Instant.parse("2026-07-04T14:38:02Z"));
        assertThat(offset.lang()).as("first of en-US, en").isEqualTo("en");
        Post czech = sink.posts.stream().filter(p -> p.id().endsWith("/3mptbypt22l26")).findFirst().orElseThrow();
        assertThat(czech.lang()).as("no langs: detected").isEqualTo("cs");
    }

    @Test
    void golden_events_of_other_kinds_are_read_and_skipped() throws Exception {
        ReplayStats stats = importer.importFile(SharedData.path("bluesky_jetstream_json", "golden_v1.jsonl"));

        assertThat(stats).isEqualTo(new ReplayStats(10, 1, 0));
        assertThat(sink.posts).extracting(Post::id, Post::text, Post::replyTo).containsExactly(
                org.assertj.core.groups.Tuple.tuple("bluesky:did:plc:q235v55g5unth4zjjdpacfdr/3mmoojp4cd223", "Try RSV for a good time !!",
                        "bluesky:did:plc:j76trmiofvaxxpvx2vnb2vwf/3mmojbrjwbs26"));
    }
}
