package org.backbeat.ingest.feed;

import java.time.Instant;
import java.util.Locale;
import org.backbeat.core.Post;
import org.backbeat.core.PostIds;

/**
 * Turns a feed item into a post: headline and summary as plain text, kept apart; the canonical link as
 * url and id ({@link PostIds#rss}); the item's date, or {@code firstSeen} when it carries none.
 * Language is set later (only kept items are detected): see {@link #language}.
 */
final class FeedPosts {

    /** Summaries longer than this are cut at a word: the scorer wants the gist, not the article. */
    static final int MAX_SUMMARY_CHARS = 2_000;

    private FeedPosts() {
    }

    /**
     * @throws IllegalArgumentException the item has neither a title nor a summary
     */
    static Post toPost(FeedItem item, ParsedFeed feed, String feedUrl, Instant firstSeen) {
        String headline = FeedText.toText(item.title());
        String summary = FeedText.truncate(FeedText.toText(item.summary()), MAX_SUMMARY_CHARS);
        if (headline == null && summary == null) {
            throw new IllegalArgumentException("item has neither a title nor a summary (link " + item.link() + ")");
        }
        String url = item.link() == null ? null : CanonicalLinks.canonical(item.link(), feed.link() != null ? feed.link() : feedUrl);
        String identity = url != null ? url
                : item.guid() != null ? feedUrl + "#" + item.guid()
                : feedUrl + "#" + headline + "|" + summary;
        Instant publishedAt = item.publishedAt() != null ? item.publishedAt() : firstSeen;
        return Post.of(PostIds.rss(identity), "rss", publishedAt, FeedText.toText(item.author()), headline,
                summary == null ? "" : summary, url, null);
    }

    /**
     * The language: the feed entry's setting, else the feed's declared language ({@code en-us} gives
     * {@code en}), else null (detect it).
     */
    static String language(String configured, ParsedFeed feed) {
        if (configured != null) {
            return configured;
        }
        if (feed.language() != null) {
            String prefix = feed.language().strip().toLowerCase(Locale.ROOT).split("[-_]")[0];
            if (prefix.matches("[a-z]{2}")) {
                return prefix;
            }
        }
        return null;
    }
}
