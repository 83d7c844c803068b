package org.backbeat.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.backbeat.core.Post;
import org.backbeat.core.PostIds;
import org.backbeat.core.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every real feed document of ../shared/data/feeds_netnewswire and feeds_feedjira parses into posts with
 * titles, links and dates; for several, the first item is checked value by value against the XML.
 */
class FeedFixturesTest {

    private static final Instant SEEN = Instant.parse("2026-01-01T00:00:00Z");

    /** Item counts, from counting {@code <item>}/{@code <entry>} elements in each file with grep. */
    private static final Map<String, Integer> ITEMS = Map.ofEntries(
            Map.entry("489.rss", 10), Map.entry("4fsodonline.atom", 25), Map.entry("DaringFireball.atom", 48),
            Map.entry("DaringFireball.rss", 47), Map.entry("EMarley.rss", 10), Map.entry("OneFootTsunami.atom", 25),
            Map.entry("aktuality.rss", 30), Map.entry("allthis.atom", 12), Map.entry("bio.rdf", 30),
            Map.entry("cloudblog.rss", 20), Map.entry("donthitsave.xml", 10), Map.entry("expertopinionent.atom", 43),
            Map.entry("kc0011.rss", 20), Map.entry("livemint.xml", 25), Map.entry("macworld.rss", 30),
            Map.entry("medscape.rss", 20), Map.entry("phpxml.rss", 20), Map.entry("theomnishow.rss", 4),
            Map.entry("DuplicateContentAtomFeed.xml", 10), Map.entry("FeedBurnerXHTML.xml", 10),
            Map.entry("HuffPostCanada.xml", 2), Map.entry("ITunesWithSpacesInAttributes.xml", 3),
            Map.entry("TechCrunch.xml", 20), Map.entry("TypePadNews.xml", 10), Map.entry("google_alerts_atom.xml", 20),
            Map.entry("itunes.xml", 3), Map.entry("youtube_atom.xml", 15));

    static Stream<Path> feedFiles() throws IOException {
        return Stream.of("feeds_netnewswire", "feeds_feedjira").flatMap(folder -> {
            try (Stream<Path> files = Files.list(SharedData.path(folder))) {
                return files.filter(f -> !f.getFileName().toString().equals("LICENSE")
                        && !f.getFileName().toString().equals("PROVENANCE.txt")).sorted().toList().stream();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void every_shared_feed_file_is_covered() throws IOException {
        assertThat(feedFiles().map(f -> f.getFileName().toString())).containsExactlyInAnyOrderElementsOf(ITEMS.keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("feedFiles")
    void every_real_feed_yields_all_its_items_with_title_link_and_date(Path file) throws Exception {
        // given
        String name = file.getFileName().toString();

        // when
        ParsedFeed feed = FeedParser.parse(Files.readAllBytes(file), null, name, ZoneOffset.UTC);
        List<Post> posts = feed.items().stream().map(item -> FeedPosts.toPost(item, feed, "http://feed.test/" + name, SEEN)).toList();

        // then
        assertThat(feed.items()).hasSize(ITEMS.get(name));
        assertThat(feed.items()).allSatisfy(item -> {
            assertThat(item.publishedAt()).as("date of %s", item.title()).isBetween(
                    Instant.parse("2004-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"));
            assertThat(item.link()).as("link of %s", item.title()).startsWith("http");
        });
        assertThat(posts).allSatisfy(post -> {
            assertThat(post.headline()).isNotBlank().doesNotContain("<b>", "<![CDATA[");
            assertThat(post.url()).startsWith("http");
            assertThat(post.id()).isEqualTo(PostIds.rss(post.url()));
        });
    }

    @Test
    void techcrunch_first_item_uses_the_publishers_own_link_not_feedburners() throws Exception {
        Post post = firstPost("feeds_feedjira/TechCrunch.xml", ZoneOffset.UTC);

        assertThat(post.headline()).isEqualTo("Angie’s List Sets Price Range IPO At $11 To $13 Per Share; Valued At Over $600M");
        assertThat(post.url()).isEqualTo("http://techcrunch.com/2011/11/02/angies-list-prices-ipo-at-11-to-13-per-share-valued-at-over-600m/");
        assertThat(post.publishedAt()).isEqualTo(Instant.parse("2011-11-02T17:25:27Z"));
        assertThat(post.author()).isEqualTo("Leena Rao");
        assertThat(post.text()).startsWith("Angie's List, which offers consumers a way to revie").doesNotContain("<img");
    }

    @Test
    void gb2312_feed_keeps_its_chinese_title_and_reads_its_zoneless_date_in_the_configured_zone() throws Exception {
        Post post = firstPost("feeds_netnewswire/kc0011.rss", ZoneId.of("Asia/Shanghai"));

        assertThat(post.headline()).isEqualTo("建国35周年纪念，华表，和平鸽");
        assertThat(post.url()).isEqualTo("http://www.kc0011.net/dispbbs.asp?BoardID=10&ID=25164257&Page=1");
        // <pubDate>2020/1/10 14:33:00</pubDate>, Beijing time
        assertThat(post.publishedAt()).isEqualTo(Instant.parse("2020-01-10T06:33:00Z"));
        assertThat(post.author()).isEqualTo("大鱼儿");
    }

    @Test
    void feed_with_a_byte_order_mark_parses() throws Exception {
        Post post = firstPost("feeds_netnewswire/donthitsave.xml", ZoneOffset.UTC);

        assertThat(post.headline()).isEqualTo("Skipping Around");
        assertThat(post.url()).isEqualTo("https://donthitsave.com/comic/2019/05/24/skipping-around");
        // Fri, 24 May 2019 00:00:00 -0700
        assertThat(post.publishedAt()).isEqualTo(Instant.parse("2019-05-24T07:00:00Z"));
        assertThat(post.text()).startsWith("I was nearly murdered by a coconut today. For real.");
    }

    @Test
    void feed_without_xml_declaration_parses_and_its_tracking_fragment_is_dropped() throws Exception {
        Post post = firstPost("feeds_netnewswire/macworld.rss", ZoneOffset.UTC);

        assertThat(post.headline()).isEqualTo("Best smart lock");
        // <link>...best-smart-lock.html#tk.rss_all</link>
        assertThat(post.url()).isEqualTo("https://www.techhive.com/article/3212828/connected-home/best-smart-lock.html");
        // Tue, 28 Nov 2017 15:40:00 -0800
        assertThat(post.publishedAt()).isEqualTo(Instant.parse("2017-11-28T23:40:00Z"));
        assertThat(post.text()).isEqualTo("Keys are yesterday’s tech, your smart home needs a smart lock.");
    }

    @Test
    void rdf_feed_without_declaration_reads_its_dublin_core_date_and_drops_the_rss_marker() throws Exception {
        Post post = firstPost("feeds_netnewswire/bio.rdf", ZoneOffset.UTC);

        assertThat(post.headline()).startsWith("Wheat inositol pyrophosphate kinase (TaVIH2-3B) interacts with")
                .endsWith("alters the plant cell-wall composition");
        // <link>http://biorxiv.org/cgi/content/short/743294v1?rss=1</link>
        assertThat(post.url()).isEqualTo("http://biorxiv.org/cgi/content/short/743294v1");
        assertThat(post.publishedAt()).isEqualTo(Instant.parse("2019-08-27T00:00:00Z"));
    }

    @Test
    void mangled_phpxml_prolog_is_repaired() throws Exception {
        Post post = firstPost("feeds_netnewswire/phpxml.rss", ZoneOffset.UTC);

        assertThat(post.headline()).isEqualTo("Serdar Gözübüyük scheidsrechter bij FC Twente - FC Utrecht");
        assertThat(post.url()).isEqualTo("https://www.fcutrecht.net/nieuws/serdar-g-z-b-y-k-scheidsrechter-bij-fc-twente-fc-utrecht~8805");
        // Mon, 06 Sep 2021 12:17:00 +0200
        assertThat(post.publishedAt()).isEqualTo(Instant.parse("2021-09-06T10:17:00Z"));
    }

    @Test
    void atom_feed_wrapped_in_an_html_page_is_read_from_inside_it() throws Exception {
        Post post = firstPost("feeds_feedjira/DuplicateContentAtomFeed.xml", ZoneOffset.UTC);

        assertThat(post.headline()).isEqualTo("Down time");
        assertThat(post.url()).isEqualTo("http://www.tablix.org/~avian/blog/archives/2014/07/down_time/");
        // <published>2014-07-21T21:14:39+02:00</published>
        assertThat(post.publishedAt()).isEqualTo(Instant.parse("2014-07-21T19:14:39Z"));
        assertThat(post.author()).isEqualTo("Tomaž");
        assertThat(post.text()).isEqualTo("Two switches in two cities seemingly failed because of a transient on the power grid.");
    }

    @Test
    void undeclared_content_namespace_is_declared_and_the_podcast_feed_parses() throws Exception {
        Post post = firstPost("feeds_feedjira/itunes.xml", ZoneOffset.UTC);

        assertThat(post.headline()).isEqualTo("Shake Shake Shake Your Spices");
        assertThat(post.url()).isEqualTo("http://example.com/podcasts/archive/aae20050615.m4a");
        assertThat(post.publishedAt()).isEqualTo(Instant.parse("2005-06-15T19:00:00Z"));
    }

    @Test
    void google_alert_title_loses_its_markup_and_its_redirect_link_is_unwrapped() throws Exception {
        Post post = firstPost("feeds_feedjira/google_alerts_atom.xml", ZoneOffset.UTC);

        assertThat(post.headline()).isEqualTo(
                "Report offers Prediction of Automotive Slack Market by Top key players like Haldex, Meritor, Bendix ...");
        assertThat(post.url()).isEqualTo("https://www.aglobalmarketresearch.com/report-offers-prediction-of-automotive-slack-market-"
                + "by-top-key-players-like-haldex-meritor-bendix-mei-wabco-accuride-stemco-tbk-febi-aydinsan/");
        assertThat(post.publishedAt()).isEqualTo(Instant.parse("2019-07-10T11:53:37Z"));
    }

    @Test
    void feed_language_is_taken_from_the_channel() throws Exception {
        ParsedFeed feed = parse("feeds_netnewswire/phpxml.rss", ZoneOffset.UTC);

        assertThat(FeedPosts.language(null, feed)).isEqualTo("nl");
        assertThat(FeedPosts.language("en", feed)).isEqualTo("en");
    }

    @Test
    void documents_that_are_not_feeds_fail_with_a_message_naming_the_feed() {
        assertThatThrownBy(() -> FeedParser.parse(new byte[0], null, "empty", ZoneOffset.UTC))
                .isInstanceOf(FeedParseException.class).hasMessage("feed empty: empty document");
        assertThatThrownBy(() -> FeedParser.parse("<html><body><p>Moved</p></body></html>".getBytes(StandardCharsets.UTF_8),
                null, "moved", ZoneOffset.UTC))
                .isInstanceOf(FeedParseException.class).hasMessage("feed moved is an HTML page, not an RSS/Atom document");
        assertThatThrownBy(() -> FeedParser.parse("Service Unavailable".getBytes(StandardCharsets.UTF_8), null, "plain", ZoneOffset.UTC))
                .isInstanceOf(FeedParseException.class).hasMessageStartingWith("feed plain is not a readable RSS/Atom document: ");
        assertThatThrownBy(() -> FeedParser.parse("<opml version=\"2.0\"><body/></opml>".getBytes(StandardCharsets.UTF_8), null,
                "opml", ZoneOffset.UTC))
                .isInstanceOf(FeedParseException.class).hasMessageStartingWith("feed opml is not a readable RSS/Atom document: ");
    }

    private static Post firstPost(String relative, ZoneId zone) throws Exception {
        ParsedFeed feed = parse(relative, zone);
        return FeedPosts.toPost(feed.items().get(0), feed, "http://feed.test/", SEEN);
    }

    private static ParsedFeed parse(String relative, ZoneId zone) throws Exception {
        Path file = SharedData.path(relative.substring(0, relative.indexOf('/'))).resolve(relative.substring(relative.indexOf('/') + 1));
        return FeedParser.parse(Files.readAllBytes(file), null, file.getFileName().toString(), zone);
    }
}
