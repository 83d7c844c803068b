package org.backbeat.ingest.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.backbeat.core.DeadLetter;
import org.backbeat.core.Post;
import org.backbeat.core.SharedData;
import org.backbeat.ingest.ListSink;
import org.backbeat.ingest.ReplayStats;
import org.backbeat.ingest.lang.LanguageDetector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV import through a column mapping, on the real labelled corpora of ../shared/data. */
class CsvImporterTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T00:00:00Z"), ZoneOffset.UTC);
    private static final Path DATA = SharedData.root();
    private static final Charset CP1252 = Charset.forName("windows-1252");

    @TempDir
    Path dir;

    private final ListSink sink = new ListSink();

    @Test
    void airline_tweets_import_with_ids_times_in_their_offset_entities_and_labels() {
        // given the mapping of the docs' worked example
        CsvMapping mapping = new CsvMapping("airline", "text", "tweet_id", "tweet_created", "yyyy-MM-dd HH:mm:ss Z",
                ZoneOffset.UTC, null, "airline", "airline_sentiment", "name", null, StandardCharsets.UTF_8);

        // when
        ReplayStats stats = new CsvImporter(sink, LanguageDetector.NONE, CLOCK, mapping)
                .importFile(DATA.resolve("twitter_us_airline_sentiment/Tweets.csv"));

        // then: 14,640 rows, 14,485 distinct tweet ids (the corpus repeats 155 tweets)
        assertThat(stats).isEqualTo(new ReplayStats(14_640, 14_640, 0));
        assertThat(sink.posts.stream().map(Post::id).distinct().count()).isEqualTo(14_485);
        Post first = sink.posts.get(0);
        assertThat(first.id()).isEqualTo("csv:airline:570306133677760513");
        assertThat(first.source()).isEqualTo("csv");
        assertThat(first.text()).isEqualTo("@VirginAmerica What @dhepburn said.");
        // 2015-02-24 11:35:52 -0800
        assertThat(first.publishedAt()).isEqualTo(Instant.parse("2015-02-24T19:35:52Z"));
        assertThat(first.author()).isEqualTo("cairdin");
        assertThat(first.declaredEntity()).isEqualTo("Virgin America");
        assertThat(first.declaredLabel()).isEqualTo("neutral");
        assertThat(first.headline()).isNull();

        Post multiLine = sink.posts.get(5);
        assertThat(multiLine.id()).isEqualTo("csv:airline:570300767074181121");
        assertThat(multiLine.text()).isEqualTo("@VirginAmerica seriously would pay $30 a flight for seats that didn't have this playing.\n"
                + "it's really the only bad thing about flying VA");
        assertThat(multiLine.publishedAt()).isEqualTo(Instant.parse("2015-02-24T19:14:33Z"));
        assertThat(multiLine.declaredLabel()).isEqualTo("negative");

        Post emoji = sink.posts.get(18);
        assertThat(emoji.id()).isEqualTo("csv:airline:570270684619923457");
        assertThat(emoji.text()).isEqualTo("I ❤️ flying @VirginAmerica. ☺️👍");
        assertThat(emoji.publishedAt()).isEqualTo(Instant.parse("2015-02-24T17:15:00Z"));
        assertThat(emoji.declaredLabel()).isEqualTo("positive");

        Post last = sink.posts.get(14_639);
        assertThat(last.id()).isEqualTo("csv:airline:569587140490866689");
        assertThat(last.publishedAt()).isEqualTo(Instant.parse("2015-02-22T19:58:51Z"));
        assertThat(last.declaredEntity()).isEqualTo("American");
        assertThat(last.author()).isEqualTo("daviddtwu");

        // label and airline totals as PROVENANCE.txt lists them
        assertThat(count(Post::declaredLabel)).isEqualTo(Map.of("negative", 9_178L, "neutral", 3_099L, "positive", 2_363L));
        assertThat(count(Post::declaredEntity)).isEqualTo(Map.of("United", 3_822L, "US Airways", 2_913L, "American", 2_759L,
                "Southwest", 2_420L, "Delta", 2_222L, "Virgin America", 504L));
    }

    @Test
    void cp1252_brand_tweets_without_time_or_id_get_row_hash_ids_and_the_default_time() {
        // given
        Instant sxsw = Instant.parse("2011-03-11T00:00:00Z");
        CsvMapping mapping = new CsvMapping("sxsw2011", "tweet_text", null, null, null, ZoneOffset.UTC, sxsw,
                "emotion_in_tweet_is_directed_at", "is_there_an_emotion_directed_at_a_brand_or_product", null, null, CP1252);
        Path file = DATA.resolve("crowdflower_brands_sxsw2011/judge-1377884607_tweet_product_company.csv");

        // when
        ReplayStats stats = new CsvImporter(sink, LanguageDetector.NONE, CLOCK, mapping).importFile(file);

        // then: 9,093 rows, one without text (line 8)
        assertThat(stats).isEqualTo(new ReplayStats(9_093, 9_092, 1));
        assertThat(sink.rejected).extracting(DeadLetter::reason)
                .containsExactly("judge-1377884607_tweet_product_company.csv line 8: empty tweet_text");
        assertThat(sink.posts).allSatisfy(p -> {
            assertThat(p.id()).matches("csv:sxsw2011:[0-9a-f]{32}");
            assertThat(p.publishedAt()).isEqualTo(sxsw);
        });
        // identical rows share an id: 9,070 distinct rows (counted with Python's csv module)
        assertThat(sink.posts.stream().map(Post::id).distinct().count()).isEqualTo(9_070);
        Post first = sink.posts.get(0);
        assertThat(first.text()).isEqualTo(".@wesley83 I have a 3G iPhone. After 3 hrs tweeting at #RISE_Austin, it was dead!  "
                + "I need to upgrade. Plugin stations at #SXSW.");
        assertThat(first.declaredEntity()).isEqualTo("iPhone");
        assertThat(first.declaredLabel()).isEqualTo("Negative emotion");
        // cp1252 bytes 0x89 0xDB 0xD2 read as the characters the file has ("‰ÛÒ", UTF-8 mojibake of an em dash)
        assertThat(sink.posts).extracting(Post::text).contains(
                "@mention  - False Alarm: Google Circles Not Coming Now‰ÛÒand Probably Not Ever? - {link} #Google #Circles #Social #SXSW");
        assertThat(sink.posts.stream().filter(p -> p.declaredEntity() == null).count()).isEqualTo(5_801);
        assertThat(count(Post::declaredLabel)).containsEntry("Positive emotion", 2_978L).containsEntry("Negative emotion", 570L);

        // and a second import gives the same ids
        ListSink again = new ListSink();
        new CsvImporter(again, LanguageDetector.NONE, CLOCK, mapping).importFile(file);
        assertThat(again.posts).extracting(Post::id).isEqualTo(sink.posts.stream().map(Post::id).toList());
    }

    @Test
    void utf8_with_byte_order_mark_reads_the_first_header_name() throws IOException {
        // given
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        bytes.write("id,text,created\n1,Spotify arrive enfin en France — bravo,2011-03-29T10:00:00+02:00\n".getBytes(StandardCharsets.UTF_8));
        Path file = Files.write(dir.resolve("bom.csv"), bytes.toByteArray());
        CsvMapping mapping = new CsvMapping("bom", "text", "id", "created", null, ZoneOffset.UTC, null, null, null, null, null,
                CP1252);

        // when
        ReplayStats stats = new CsvImporter(sink, LanguageDetector.NONE, CLOCK, mapping).importFile(file);

        // then
        assertThat(stats.accepted()).isEqualTo(1);
        assertThat(sink.posts.get(0).id()).isEqualTo("csv:bom:1");
        assertThat(sink.posts.get(0).text()).isEqualTo("Spotify arrive enfin en France — bravo");
        assertThat(sink.posts.get(0).publishedAt()).isEqualTo(Instant.parse("2011-03-29T08:00:00Z"));
    }

    @Test
    void bad_rows_become_dead_letters_with_line_and_reason_and_the_import_goes_on() throws IOException {
        // given
        Path file = Files.writeString(dir.resolve("bad.csv"), """
                id,text,created,lang
                1,"Amazon launches Cloud Player
                without the labels",2011-03-29 09:00,en
                2,Sony considers suing,yesterday,en
                3,too few cells
                4,EMI says nothing,1301389200,
                """);
        CsvMapping mapping = new CsvMapping("bad", "text", "id", "created", null, ZoneOffset.UTC, null, null, null, null, "lang",
                StandardCharsets.UTF_8);

        // when
        ReplayStats stats = new CsvImporter(sink, text -> "xx", CLOCK, mapping).importFile(file);

        // then
        assertThat(stats).isEqualTo(new ReplayStats(4, 2, 2));
        assertThat(sink.rejected).extracting(DeadLetter::reason).containsExactly(
                "bad.csv line 4: created 'yesterday' does not match ISO-8601 or epoch time",
                "bad.csv line 5: 2 cells where the header has 4");
        assertThat(sink.rejected.get(0).payload()).isEqualTo("2,Sony considers suing,yesterday,en");
        assertThat(sink.posts).extracting(Post::id).containsExactly("csv:bad:1", "csv:bad:4");
        assertThat(sink.posts.get(0).publishedAt()).isEqualTo(Instant.parse("2011-03-29T09:00:00Z"));
        assertThat(sink.posts.get(0).lang()).isEqualTo("en");
        assertThat(sink.posts.get(1).publishedAt()).isEqualTo(Instant.ofEpochSecond(1_301_389_200L));
        assertThat(sink.posts.get(1).lang()).as("detected when the cell is empty").isEqualTo("xx");
    }

    @Test
    void a_column_the_header_lacks_fails_before_the_first_row_naming_the_columns() throws IOException {
        Path file = Files.writeString(dir.resolve("cols.csv"), "tweet_id,body\n1,hello\n");
        CsvMapping mapping = new CsvMapping("cols", "text", "tweet_id", null, null, ZoneOffset.UTC, null, null, null, null, null,
                StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new CsvImporter(sink, LanguageDetector.NONE, CLOCK, mapping).importFile(file))
                .hasMessage("cols.csv has no column 'text'; its columns are: tweet_id, body");
        assertThat(sink.posts).isEmpty();
    }

    private Map<String, Long> count(Function<Post, String> field) {
        return sink.posts.stream().map(field).filter(Objects::nonNull).collect(Collectors.groupingBy(v -> v, Collectors.counting()));
    }
}
