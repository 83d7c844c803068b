package org.backbeat.ingest.feed;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;

/**
 * One press feed as the sources file describes it.
 *
 * @param name     short unique name; the source is called {@code rss:<name>}
 * @param url      the feed's http(s) address
 * @param interval time between two polls
 * @param timeout  time allowed for one fetch (connect and read)
 * @param keepAll  keep every item, not only those that mention a tracked entity
 * @param lang     the language of every item (ISO 639-1), or null to take the feed's or detect it
 * @param zone     the zone of item dates written without an offset
 */
public record FeedSettings(String name, URI url, Duration interval, Duration timeout, boolean keepAll, String lang,
                           ZoneId zone) {

    public FeedSettings {
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("feed name must be letters, digits, '.', '_' or '-', was '" + name + "'");
        }
        if (url == null || url.getHost() == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
            throw new IllegalArgumentException("feed " + name + ": url must be an http(s) URL, was '" + url + "'");
        }
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("feed " + name + ": interval must be positive, was " + interval);
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("feed " + name + ": timeout must be positive, was " + timeout);
        }
        if (lang != null && !lang.matches("[a-z]{2}")) {
            throw new IllegalArgumentException("feed " + name + ": lang must be an ISO 639-1 code like en, was '" + lang + "'");
        }
        if (zone == null) {
            throw new IllegalArgumentException("feed " + name + ": zone must be set");
        }
    }

    /** The source's name: {@code rss:<name>}. */
    public String sourceName() {
        return "rss:" + name;
    }
}
