package org.backbeat.ingest.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.backbeat.core.Engagement;
import org.backbeat.core.Post;
import org.backbeat.core.SharedData;
import org.backbeat.ingest.ListSink;
import org.backbeat.ingest.ReplayStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MastodonDumpImporterTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T00:00:00Z"), ZoneOffset.UTC);
    private final ListSink sink = new ListSink();

    @Test
    void tag_timeline_becomes_posts_with_text_without_html_and_reply_links() throws Exception {
        // given BigBone's real hashtag timeline (20 statuses of 2017, no language field), served by mastodon.social
        MastodonDumpImporter importer = new MastodonDumpImporter(sink, text -> "xx", CLOCK, "mastodon.social");

        // when
        ReplayStats stats = importer.importFile(SharedData.path("mastodon_api_json_bigbone", "tag_timeline.json"));

        // then
        assertThat(stats).isEqualTo(new ReplayStats(20, 20, 0));
        Post reply = sink.posts.get(0);
        assertThat(reply.id()).isEqualTo("mastodon:mastodon.social/714859");
        assertThat(reply.replyTo()).isEqualTo("mastodon:mastodon.social/675923");
        Post french = sink.posts.get(2);
        assertThat(french.id()).isEqualTo("mastodon:mastodon.social/712113");
        assertThat(french.text()).isEqualTo("Il y a une instance #mastodon pour les personnels de l'État qui vient de s'ouvrir aux personnels éduc.\n"
                + "Je trouve bien qu'on teste des trucs dans l'administration!\n\n"
                + "Bon, il faut qu'on trouve un graphiste pour les couleurs de l'instance\n"
                + "cc @cquest @cquest\n"
                + "https://framapiaf.org/media/cLJI8QfPLw7ZZ4yKZyI");
        assertThat(french.author()).isEqualTo("armavi@framapiaf.org");
        assertThat(french.url()).isEqualTo("https://framapiaf.org/users/armavi/updates/14054");
        assertThat(french.publishedAt()).isEqualTo(Instant.parse("2017-04-21T14:54:11Z"));
        assertThat(french.engagement()).isEqualTo(new Engagement(0L, 1L, null, null));
        assertThat(french.lang()).as("no language given: detected").isEqualTo("xx");
        assertThat(french.replyTo()).isNull();
    }

    @Test
    void single_status_takes_its_instance_from_its_uri_and_keeps_the_declared_language() throws Exception {
        // given a real 2023 fosstodon.org status with a link preview
        MastodonDumpImporter importer = new MastodonDumpImporter(sink, text -> "xx", CLOCK);

        // when
        ReplayStats stats = importer.importFile(SharedData.path("mastodon_api_json_bigbone", "status_with_previewcard.json"));

        // then
        assertThat(stats).isEqualTo(new ReplayStats(1, 1, 0));
        Post post = sink.posts.get(0);
        assertThat(post.id()).isEqualTo("mastodon:fosstodon.org/111337272989523541");
        assertThat(post.author()).isEqualTo("jaxwxboss@fosstodon.org");
        assertThat(post.lang()).isEqualTo("en");
        assertThat(post.publishedAt()).isEqualTo(Instant.parse("2023-11-01T20:52:43.341Z"));
        assertThat(post.text()).startsWith("Just a hot take.\n\nNo matter how 'advanced' governments")
                .endsWith("our own weaknesses, fears and doubts.\n\nhttps://youtu.be/X_TLztvV4ns?si=uGz-23iyZs0yoe5r");
        assertThat(post.engagement()).isEqualTo(new Engagement(0L, 0L, 0L, null));
    }

    @Test
    void search_result_and_thread_context_import_their_statuses() throws Exception {
        MastodonDumpImporter importer = new MastodonDumpImporter(sink, text -> null, CLOCK, "mstdn.jp");

        ReplayStats search = importer.importFile(SharedData.path("mastodon_api_json_bigbone", "search.json"));
        ReplayStats context = importer.importFile(SharedData.path("mastodon_api_json_bigbone", "context.json"));

        assertThat(search).isEqualTo(new ReplayStats(2, 2, 0));
        assertThat(context).isEqualTo(new ReplayStats(3, 3, 0));
        Post withWarning = sink.posts.get(0);
        assertThat(withWarning.id()).isEqualTo("mastodon:mstdn.jp/103085519055545958");
        assertThat(withWarning.text()).as("content warning first").isEqualTo("Cat rules\n\ncats\ncats never change");
        assertThat(withWarning.publishedAt()).isEqualTo(Instant.parse("2019-11-05T13:23:09Z"));
    }

    @Test
    void a_boost_links_the_boosted_status_and_a_bad_element_is_a_dead_letter(@TempDir Path dir) throws Exception {
        // given an array saved with a byte-order mark: a boost wrapping the real 2017 status, then an element that is no status
        String real = Files.readString(SharedData.path("mastodon_api_json_bigbone", "status.json"));
        String boost = "{\"id\":\"20000\",\"created_at\":\"2017-04-14T07:00:00.000Z\",\"content\":\"\",\"url\":null,"
                + "\"account\":{\"acct\":\"booster\"},\"reblog\":" + real + "}";
        Path file = dir.resolve("timeline.json");
        Files.writeString(file, "\uFEFF[" + boost + ",{\"oops\":true}]");
        MastodonDumpImporter importer = new MastodonDumpImporter(sink, text -> null, CLOCK, "mstdn.jp");

        // when
        ReplayStats stats = importer.importFile(file);

        // then
        assertThat(stats).isEqualTo(new ReplayStats(2, 1, 1));
        Post post = sink.posts.get(0);
        assertThat(post.id()).isEqualTo("mastodon:mstdn.jp/20000");
        assertThat(post.repostOf()).isEqualTo("mastodon:mstdn.jp/11111");
        assertThat(post.text()).isEqualTo("Test Status");
        assertThat(post.author()).isEqualTo("booster@mstdn.jp");
        assertThat(post.url()).isEqualTo("https://mstdn.jp/test");
        assertThat(sink.rejected.get(0).reason()).isEqualTo(file + " [index 1]: not a Mastodon status");
    }
}
