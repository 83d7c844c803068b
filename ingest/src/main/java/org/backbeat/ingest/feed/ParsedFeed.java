package org.backbeat.ingest.feed;

import java.util.List;

/**
 * A feed document as parsed.
 *
 * @param title    the feed's title, or null
 * @param link     the feed's home page, or null (resolves relative item links)
 * @param language the feed's declared language as written ({@code en-us}), or null
 * @param items    its items in document order
 */
record ParsedFeed(String title, String link, String language, List<FeedItem> items) {
}
