package org.backbeat.ingest.feed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import org.backbeat.core.Catalogue;
import org.backbeat.core.DeadLetter;
import org.backbeat.core.Post;
import org.backbeat.ingest.source.Checkpoint;
import org.backbeat.ingest.source.Source;
import org.backbeat.ingest.source.SourceContext;
import org.backbeat.ingest.source.SourceMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One press feed, polled: a conditional GET (304: nothing new), the document parsed leniently, each new
 * item made a post, kept when it mentions a tracked entity (or always, with {@code keepAll}), its
 * language taken from the settings, the feed, or detected. The checkpoint keeps the ETag, the
 * Last-Modified date and the ids seen lately, and is saved after the sink has flushed.
 *
 * <p>A network failure or an HTTP error status is thrown, so the runner counts it and backs off; a
 * document that is not a feed, or an item that is not a post, is logged, counted and sent to the
 * dead-letter topic, and the next poll goes on as usual.
 */
public final class FeedSource implements Source {

    private static final Logger log = LoggerFactory.getLogger(FeedSource.class);

    static final String ETAG = "etag";
    static final String LAST_MODIFIED = "lastModified";
    static final String SEEN = "seen";
    /** How much of an unreadable document a dead letter keeps. */
    static final int DEAD_LETTER_EXCERPT = 64 * 1024;

    private final FeedSettings settings;
    private final FeedFetcher fetcher;
    private final Catalogue catalogue;

    public FeedSource(FeedSettings settings, FeedFetcher fetcher, Catalogue catalogue) {
        this.settings = settings;
        this.fetcher = fetcher;
        this.catalogue = catalogue;
    }

    @Override
    public String name() {
        return settings.sourceName();
    }

    @Override
    public Duration pollInterval() {
        return settings.interval();
    }

    public FeedSettings settings() {
        return settings;
    }

    @Override
    public void run(SourceContext context) throws IOException, InterruptedException {
        Checkpoint checkpoint = context.checkpoint();
        SourceMetrics metrics = context.metrics();
        FeedFetcher.Response response = fetcher.fetch(settings.url(), checkpoint.get(ETAG).orElse(null),
                checkpoint.get(LAST_MODIFIED).orElse(null), settings.timeout());
        if (response.status() == 304) {
            log.debug("Feed {} not modified", settings.name());
            metrics.success();
            return;
        }
        if (response.status() < 200 || response.status() >= 300) {
            throw new IOException("feed " + settings.name() + ": HTTP " + response.status() + " from " + settings.url());
        }
        Instant now = context.clock().instant();
        ParsedFeed feed;
        try {
            feed = FeedParser.parse(response.body(), response.charset(), settings.name(), settings.zone());
        } catch (FeedParseException e) {
            reject(context, response.body(), e.getMessage(), now);
            // The ETag is not kept: the next poll fetches the document again, hopefully fixed.
            return;
        }

        SeenItems seen = SeenItems.decode(checkpoint.get(SEEN).orElse(null));
        String feedLanguage = FeedPosts.language(settings.lang(), feed);
        Set<String> current = new LinkedHashSet<>();
        int sent = 0;
        for (FeedItem item : feed.items()) {
            Post post;
            try {
                post = FeedPosts.toPost(item, feed, settings.url().toString(), now);
            } catch (IllegalArgumentException e) {
                reject(context, String.valueOf(item), "feed " + settings.name() + ": " + e.getMessage(), now);
                continue;
            }
            if (!current.add(post.id()) || seen.contains(post.id())) {
                continue;
            }
            metrics.fetched(1);
            if (!settings.keepAll() && catalogue.match(post.fullText()).isEmpty()) {
                metrics.skipped();
                continue;
            }
            String lang = feedLanguage != null ? feedLanguage : context.languages().detect(post.fullText());
            context.sink().accept(post.withLang(lang));
            metrics.produced(post.publishedAt());
            sent++;
        }
        context.sink().flush();
        checkpoint.put(ETAG, response.etag());
        checkpoint.put(LAST_MODIFIED, response.lastModified());
        checkpoint.put(SEEN, seen.plus(current).encode());
        checkpoint.save();
        metrics.success();
        log.info("Feed {}: {} items, {} new posts sent", settings.name(), feed.items().size(), sent);
    }

    private void reject(SourceContext context, byte[] body, String reason, Instant now) {
        String excerpt = new String(body, 0, Math.min(body.length, DEAD_LETTER_EXCERPT), StandardCharsets.UTF_8);
        reject(context, excerpt, reason, now);
        context.sink().flush();
    }

    private void reject(SourceContext context, String payload, String reason, Instant now) {
        log.warn("Skipping from {}: {}", name(), reason);
        context.metrics().error(reason);
        context.sink().reject(DeadLetter.of("ingest", name(), settings.url().toString(), payload, reason, now));
    }
}
