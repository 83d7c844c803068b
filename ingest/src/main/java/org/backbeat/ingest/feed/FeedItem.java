package org.backbeat.ingest.feed;

import java.time.Instant;

/**
 * One item of a feed as parsed, before it becomes a post: texts still as the feed gives them (may hold HTML).
 *
 * @param title       headline (may hold HTML), or null
 * @param link        link to the article as given (may be relative or carry tracking parameters), or null
 * @param guid        the feed's own id of the item (RSS guid, Atom id), or null
 * @param summary     description or, failing that, content (may hold HTML), or null
 * @param author      author name, or null
 * @param publishedAt publication date, else update date, or null when the item carries none
 */
record FeedItem(String title, String link, String guid, String summary, String author, Instant publishedAt) {
}
