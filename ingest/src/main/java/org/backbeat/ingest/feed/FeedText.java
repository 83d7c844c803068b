package org.backbeat.ingest.feed;

import org.jsoup.Jsoup;

/**
 * A feed's title, summary or author field (often HTML, sometimes double-escaped) as one line of plain text:
 * tags removed, entities decoded, all whitespace collapsed, nothing left is null. Mastodon bodies, whose
 * paragraphs matter, go through {@code mastodon.StatusText} instead.
 */
final class FeedText {

    private FeedText() {
    }

    /** Plain text of {@code html}, or null when there is none. */
    static String toText(String html) {
        if (html == null || html.isBlank()) {
            return null;
        }
        String text = Jsoup.parse(html).text().strip();
        return text.isEmpty() ? null : text;
    }

    /** {@code text} cut at the last space before {@code max} characters, with an ellipsis, if longer. */
    static String truncate(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int cut = text.lastIndexOf(' ', max - 1);
        return text.substring(0, cut > max / 2 ? cut : max - 1).stripTrailing() + "…";
    }
}
