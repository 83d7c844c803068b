package org.backbeat.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.backbeat.core.Catalogue;
import org.backbeat.core.Post;
import org.backbeat.core.SharedData;
import org.backbeat.core.TrackedEntity;
import org.backbeat.ingest.lang.LanguageDetector;
import org.backbeat.ingest.source.Checkpoint;
import org.backbeat.ingest.source.SourceContext;
import org.backbeat.ingest.source.SourceMetrics;
import org.backbeat.ingest.source.SourceRunner;
import org.backbeat.ingest.source.SourceStatus;
import org.backbeat.ingest.source.Sleeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A feed source against real feed documents served over HTTP on 127.0.0.1. */
class FeedSourceTest {

    private static final String PATH = "/techcrunch.xml";
    private static final String ETAG = "\"tc-2011-11-02\"";
    private static final String LAST_MODIFIED = "Wed, 02 Nov 2011 17:30:00 GMT";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T00:00:00Z"), ZoneOffset.UTC);
    /** Only Google: three of TechCrunch's twenty items mention it (checked with grep on the XML). */
    private static final Catalogue GOOGLE = Catalogue.of("test", List.of(
            new TrackedEntity("google", "Google", "service", null, List.of("Google"), null, null, null)));

    @TempDir
    Path dir;

    private FeedServer server;
    private final CollectingSink sink = new CollectingSink();
    private final FeedFetcher fetcher = new FeedFetcher(FeedFetcher.defaultClient(Duration.ofSeconds(5)), "test");

    @BeforeEach
    void startServer() throws IOException {
        server = FeedServer.start();
        server.serve(PATH, techCrunch(), ETAG, LAST_MODIFIED);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void first_poll_sends_the_items_that_mention_a_tracked_entity_with_headline_and_summary_apart() throws Exception {
        // given
        FeedSource source = source(false);
        SourceContext context = context(source, Checkpoint.inMemory());

        // when
        source.run(context);

        // then
        assertThat(sink.posts).extracting(Post::headline).containsExactly(
                "Google Launches Native Gmail App For iPhone, iPad and iPod Touch, Faces Instant Backlash",
                "Ex-Google Reader Product Manager Posts Scathing Review Of Reader Redesign",
                "Cloudera Founder Debuts Big Data Management And Analysis Platform WibiData With Backing From Eric Schmidt");
        Post gmail = sink.posts.get(0);
        assertThat(gmail.url()).isEqualTo("http://techcrunch.com/2011/11/02/google-launches-native-gmail-app-for-iphone-ipad-and-ipod-touch/");
        assertThat(gmail.id()).isEqualTo(org.backbeat.core.PostIds.rss(gmail.url()));
        assertThat(gmail.source()).isEqualTo("rss");
        assertThat(gmail.lang()).isEqualTo("en");
        assertThat(gmail.text()).doesNotContain("<").isNotBlank();
        assertThat(gmail.headline()).isNotEqualTo(gmail.text());
        SourceStatus status = context.metrics().status();
        assertThat(status.fetched()).isEqualTo(20);
        assertThat(status.produced()).isEqualTo(3);
        assertThat(status.skipped()).isEqualTo(17);
        assertThat(status.errors()).isZero();
        assertThat(context.checkpoint().get(FeedSource.ETAG)).contains(ETAG);
        assertThat(context.checkpoint().get(FeedSource.LAST_MODIFIED)).contains(LAST_MODIFIED);
    }

    @Test
    void second_poll_sends_the_validators_and_gets_304_with_nothing_new() throws Exception {
        // given
        FeedSource source = source(true);
        SourceContext context = context(source, Checkpoint.inMemory());
        source.run(context);
        int afterFirst = sink.posts.size();

        // when
        source.run(context);

        // then
        assertThat(afterFirst).isEqualTo(20);
        assertThat(sink.posts).hasSize(20);
        List<FeedServer.Request> requests = server.requests(PATH);
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).ifNoneMatch()).isNull();
        assertThat(requests.get(1).ifNoneMatch()).isEqualTo(ETAG);
        assertThat(requests.get(1).ifModifiedSince()).isEqualTo(LAST_MODIFIED);
        assertThat(requests.get(1).status()).isEqualTo(304);
        assertThat(context.metrics().status().lastSuccess()).isEqualTo(CLOCK.instant());
    }

    @Test
    void a_server_ignoring_conditional_get_costs_no_duplicates() throws Exception {
        // given
        server.serveIgnoringConditionals(PATH, techCrunch());
        FeedSource source = source(true);
        SourceContext context = context(source, Checkpoint.inMemory());

        // when
        source.run(context);
        source.run(context);

        // then
        assertThat(server.requests(PATH)).extracting(FeedServer.Request::status).containsExactly(200, 200);
        assertThat(sink.posts).hasSize(20);
        assertThat(sink.posts).extracting(Post::id).doesNotHaveDuplicates();
    }

    @Test
    void server_error_is_thrown_for_the_runner_and_the_next_poll_recovers() throws Exception {
        // given
        server.failNext(PATH, 503, 1);
        FeedSource source = source(true);
        SourceContext context = context(source, Checkpoint.inMemory());

        // when / then
        assertThatThrownBy(() -> source.run(context)).isInstanceOf(IOException.class)
                .hasMessage("feed techcrunch: HTTP 503 from " + server.url(PATH));
        assertThat(sink.posts).isEmpty();
        assertThat(context.checkpoint().values()).isEmpty();
        source.run(context);
        assertThat(sink.posts).hasSize(20);
    }

    @Test
    void a_feed_slower_than_its_timeout_fails_the_poll_naming_the_url() throws Exception {
        // given a publisher that takes 3 s, and a feed allowed 1 s
        server.delay(PATH, 3_000);
        FeedSettings settings = new FeedSettings("techcrunch", server.url(PATH), Duration.ofMinutes(15), Duration.ofSeconds(1),
                true, null, ZoneOffset.UTC);
        FeedSource source = new FeedSource(settings, fetcher, GOOGLE);
        SourceContext context = context(source, Checkpoint.inMemory());

        // when / then
        assertThatThrownBy(() -> source.run(context)).isInstanceOf(IOException.class)
                .hasMessage("no answer from " + server.url(PATH) + " within 1 s");
        assertThat(sink.posts).isEmpty();
    }

    @Test
    void runner_backs_off_after_5xx_counts_the_errors_and_recovers() throws Exception {
        // given two failures, then the feed
        server.failNext(PATH, 502, 2);
        List<Duration> waits = new CopyOnWriteArrayList<>();
        Sleeper recording = duration -> {
            waits.add(duration);
            Thread.sleep(20);
        };
        SourceRunner runner = new SourceRunner(sink, dir.resolve("checkpoints"), new SimpleMeterRegistry(),
                LanguageDetector.NONE, CLOCK, recording, Duration.ofSeconds(5), Duration.ofMinutes(10));

        // when
        try (runner) {
            runner.start(source(true));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> sink.posts.size() == 20);
        }

        // then
        SourceStatus status = runner.statuses().get(0);
        assertThat(status.source()).isEqualTo("rss:techcrunch");
        assertThat(status.errors()).isEqualTo(2);
        assertThat(status.produced()).isEqualTo(20);
        assertThat(status.lastError()).isEqualTo("feed techcrunch: HTTP 502 from " + server.url(PATH));
        // backoff 5 s then 10 s (less up to 20% jitter), then the poll interval
        assertThat(waits.get(0)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(5));
        assertThat(waits.get(1)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
        assertThat(waits.get(2)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void malformed_document_is_counted_logged_and_dead_lettered_and_the_next_poll_works() throws Exception {
        // given
        byte[] broken = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Broken</title><item><title>Unclosed"
                .getBytes(StandardCharsets.UTF_8);
        server.serve(PATH, broken, "\"broken\"", null);
        FeedSource source = source(true);
        SourceContext context = context(source, Checkpoint.inMemory());

        // when
        source.run(context);

        // then
        assertThat(sink.posts).isEmpty();
        assertThat(context.metrics().status().errors()).isEqualTo(1);
        assertThat(sink.rejected).hasSize(1);
        assertThat(sink.rejected.get(0).reason()).startsWith("feed techcrunch is not a readable RSS/Atom document: ");
        assertThat(sink.rejected.get(0).sourceTopic()).isEqualTo("rss:techcrunch");
        assertThat(sink.rejected.get(0).key()).isEqualTo(server.url(PATH).toString());
        assertThat(sink.rejected.get(0).payload()).startsWith("<?xml version=\"1.0\"?><rss");
        assertThat(context.checkpoint().get(FeedSource.ETAG)).isEmpty();

        // when the publisher fixes the feed
        server.serve(PATH, techCrunch(), ETAG, LAST_MODIFIED);
        source.run(context);

        // then
        assertThat(sink.posts).hasSize(20);
        assertThat(context.metrics().status().errors()).isEqualTo(1);
    }

    @Test
    void restart_resumes_from_the_saved_checkpoint() throws Exception {
        // given a first process that polled once and saved its checkpoint
        Path checkpoints = dir.resolve("checkpoints");
        FeedSource first = source(true);
        first.run(context(first, Checkpoint.load(checkpoints, first.name())));
        assertThat(sink.posts).hasSize(20);
        assertThat(checkpoints.resolve("rss_techcrunch.json")).exists();

        // when a new process starts with the same checkpoint directory
        FeedSource second = source(true);
        second.run(context(second, Checkpoint.load(checkpoints, second.name())));
        // and the server stops honouring the validators
        server.serveIgnoringConditionals(PATH, techCrunch());
        second.run(context(second, Checkpoint.load(checkpoints, second.name())));

        // then the restart asked conditionally and sent nothing twice
        List<FeedServer.Request> requests = server.requests(PATH);
        assertThat(requests.get(1).ifNoneMatch()).isEqualTo(ETAG);
        assertThat(requests.get(1).status()).isEqualTo(304);
        assertThat(requests.get(2).status()).isEqualTo(200);
        assertThat(sink.posts).hasSize(20);
    }

    @Test
    void a_new_item_in_a_changed_feed_is_the_only_one_sent() throws Exception {
        // given
        FeedSource source = source(true);
        SourceContext context = context(source, Checkpoint.inMemory());
        source.run(context);
        String withNewItem = new String(techCrunch(), StandardCharsets.UTF_8).replaceFirst("<item>",
                "<item><title>Spotify Launches In The US</title><link>https://techcrunch.com/2011/11/03/spotify-us/?utm_source=feedburner&amp;utm_medium=feed</link>"
                        + "<pubDate>Thu, 03 Nov 2011 09:00:00 +0000</pubDate><description>Finally.</description></item><item>");
        server.serve(PATH, withNewItem.getBytes(StandardCharsets.UTF_8), "\"tc-2011-11-03\"", null);

        // when
        source.run(context);

        // then
        assertThat(sink.posts).hasSize(21);
        Post added = sink.posts.get(20);
        assertThat(added.headline()).isEqualTo("Spotify Launches In The US");
        assertThat(added.url()).isEqualTo("https://techcrunch.com/2011/11/03/spotify-us/");
        assertThat(added.publishedAt()).isEqualTo(Instant.parse("2011-11-03T09:00:00Z"));
        assertThat(added.text()).isEqualTo("Finally.");
        assertThat(context.checkpoint().get(FeedSource.ETAG)).contains("\"tc-2011-11-03\"");
    }

    private FeedSource source(boolean keepAll) {
        FeedSettings settings = new FeedSettings("techcrunch", server.url(PATH), Duration.ofMinutes(15), Duration.ofSeconds(5),
                keepAll, null, ZoneOffset.UTC);
        return new FeedSource(settings, fetcher, GOOGLE);
    }

    private SourceContext context(FeedSource source, Checkpoint checkpoint) {
        return new SourceContext(sink, checkpoint, new SourceMetrics(source.name(), new SimpleMeterRegistry(), CLOCK),
                LanguageDetector.NONE, CLOCK, Sleeper.REAL, () -> false);
    }

    private static byte[] techCrunch() throws IOException {
        return Files.readAllBytes(SharedData.path("feeds_feedjira", "TechCrunch.xml"));
    }
}
