package org.backbeat.ingest.twitter;

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

class TwitterDumpImporterTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T00:00:00Z"), ZoneOffset.UTC);

    private final ListSink sink = new ListSink();
    /** Stands in for the real detector: answers only for the Portuguese tweet, so a test sees which way the language came. */
    private final TwitterDumpImporter importer = new TwitterDumpImporter(sink,
            text -> text.contains("minha irma") ? "pt" : null, CLOCK);

    @Test
    void stream_capture_turns_statuses_into_posts_and_delete_notices_into_tombstones() throws Exception {
        // given the real Twitter4J stream sample: a delete, three statuses, a limit notice, a scrub_geo notice
        Path file = SharedData.path("twitter_api_json_twitter4j", "streamingapi-testcase.json");

        // when
        ReplayStats stats = importer.importFile(file);

        // then
        assertThat(sink.deleted).containsExactly("twitter:6832057002");
        assertThat(sink.posts).extracting(Post::id)
                .containsExactly("twitter:6832063504", "twitter:6832063500", "twitter:6832063502");
        Post first = sink.posts.get(0);
        assertThat(first.text()).isEqualTo("aaa minha irma ta enchendo aki querendo entra --'");
        assertThat(first.author()).isEqualTo("_Sabrinaa_");
        assertThat(first.publishedAt()).isEqualTo(Instant.parse("2009-12-19T16:01:35Z"));
        assertThat(first.url()).isEqualTo("https://twitter.com/_Sabrinaa_/status/6832063504");
        assertThat(first.lang()).as("no lang in 2009 payloads: detected").isEqualTo("pt");
        assertThat(sink.posts.get(1).text()).isEqualTo("Acho retartado ter que esperar para usar o script de novo, por isso só uso o Twitter Followers, o site da empresa é: http://bit.ly/5tNlDp");
        assertThat(stats).isEqualTo(new ReplayStats(6, 4, 0));
        assertThat(sink.rejected).isEmpty();
        assertThat(sink.flushes).isEqualTo(1);
    }

    @Test
    void search_response_keeps_retweet_reply_language_and_counts() throws Exception {
        // given tweepy's real search/tweets response: 15 statuses
        Path file = SharedData.path("twitter_api_json_tweepy", "testsearchtweets.json");

        // when
        ReplayStats stats = importer.importFile(file);

        // then
        assertThat(stats).isEqualTo(new ReplayStats(15, 15, 0));
        Post retweet = sink.posts.get(0);
        assertThat(retweet.id()).isEqualTo("twitter:1149825924029980674");
        assertThat(retweet.repostOf()).isEqualTo("twitter:1149803446704443392");
        assertThat(retweet.text()).isEqualTo("RT @KassidyCook1: Me, during the season 3 Stranger Things finale https://t.co/zoXlQF2TrZ");
        assertThat(retweet.author()).isEqualTo("tweepy_pie");
        assertThat(retweet.engagement()).isEqualTo(new Engagement(0L, 7L, null, null));
        Post dutch = sink.posts.get(4);
        assertThat(dutch.text()).isEqualTo("Hey Tweepy's! Slaap lekker!! https://t.co/bZQutx3nQ6");
        assertThat(dutch.lang()).isEqualTo("nl");
        assertThat(dutch.publishedAt()).isEqualTo(Instant.parse("2019-07-12T21:13:15Z"));
        assertThat(dutch.engagement().likes()).isEqualTo(6L);
        Post reply = sink.posts.get(7);
        assertThat(reply.id()).isEqualTo("twitter:1149678185375600641");
        assertThat(reply.replyTo()).isEqualTo("twitter:1149676837204717568");
    }

    @Test
    void v2_response_without_created_at_takes_the_time_from_the_snowflake_id() throws Exception {
        // given tweepy's real v2 recent-search response (default fields: id and text only)
        Path file = SharedData.path("twitter_api_json_tweepy", "test_client_search_recent_tweets.json");

        // when
        ReplayStats stats = importer.importFile(file);

        // then the first tweet's text is the client's clock when it posted, 115 ms before X stamped the id
        assertThat(stats).isEqualTo(new ReplayStats(10, 10, 0));
        Post first = sink.posts.get(0);
        assertThat(first.id()).isEqualTo("twitter:1578516068309794817");
        assertThat(first.text()).isEqualTo("2022-10-07 22:42:12.637103 tweepy");
        assertThat(first.publishedAt()).isEqualTo(Instant.parse("2022-10-07T22:42:12.752Z"));
        assertThat(first.url()).isEqualTo("https://twitter.com/i/web/status/1578516068309794817");
    }

    @Test
    void bad_lines_become_dead_letters_with_file_line_and_reason_and_the_import_goes_on(@TempDir Path dir) throws Exception {
        // given a capture with a truncated line and a line that is no tweet between real ones
        String[] real = Files.readString(SharedData.path("twitter_api_json_twitter4j", "streamingapi-testcase.json")).split("\n");
        Path file = dir.resolve("capture.ndjson");
        Files.writeString(file, real[1] + "\n{\"text\":\"cut off\n" + "{\"hello\":1}\n" + real[4] + "\n");

        // when
        ReplayStats stats = importer.importFile(file);

        // then
        assertThat(stats).isEqualTo(new ReplayStats(4, 2, 2));
        assertThat(sink.posts).extracting(Post::id).containsExactly("twitter:6832063504", "twitter:6832063502");
        assertThat(sink.rejected).hasSize(2);
        assertThat(sink.rejected.get(0).reason()).startsWith(file + " line 2: not JSON");
        assertThat(sink.rejected.get(0).payload()).isEqualTo("{\"text\":\"cut off");
        assertThat(sink.rejected.get(1).reason()).isEqualTo(file + " line 3: not a tweet, a delete notice or a Twitter API response");
    }

    @Test
    void an_api_error_document_is_rejected_not_imported() throws Exception {
        // given Twitter4J's real error response
        Path file = SharedData.path("twitter_api_json_twitter4j", "error.json");

        // when
        ReplayStats stats = importer.importFile(file);

        // then
        assertThat(stats).isEqualTo(new ReplayStats(1, 0, 1));
        assertThat(sink.rejected.get(0).reason()).contains("line 1: an API error response");
    }

    @Test
    void timeline_array_of_2009_statuses_without_id_str_imports_every_status() throws Exception {
        // given the real public timeline of 2009-11-24 (20 statuses, ids as numbers only)
        Path file = SharedData.path("twitter_api_json_twitter4j", "dao_statuses_public_timeline.json");

        // when
        ReplayStats stats = importer.importFile(file);

        // then
        assertThat(stats).isEqualTo(new ReplayStats(20, 20, 0));
        assertThat(sink.posts).allSatisfy(p -> assertThat(p.id()).matches("twitter:\\d+"));
    }
}
