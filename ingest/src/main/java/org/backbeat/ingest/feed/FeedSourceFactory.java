package org.backbeat.ingest.feed;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.backbeat.core.Catalogue;
import org.backbeat.ingest.source.JsonSettings;
import org.backbeat.ingest.source.Secrets;
import org.backbeat.ingest.source.Source;
import org.backbeat.ingest.source.SourceFactory;

/**
 * Builds one {@link FeedSource} per feed of an {@code rss} entry of the sources file:
 *
 * <pre>{@code
 * {"type": "rss", "interval": "15m", "timeout": "20s", "keepAll": false, "zone": "UTC",
 *  "feeds": [{"name": "arstechnica", "url": "https://feeds.arstechnica.com/arstechnica/index"},
 *            {"name": "billboard", "url": "https://www.billboard.com/feed/", "interval": "10m", "keepAll": true}]}
 * }</pre>
 *
 * A feed's own {@code interval}, {@code timeout}, {@code keepAll}, {@code lang} and {@code zone} override
 * the entry's. Every feed shares one HTTP client. Feeds need no credentials.
 */
public final class FeedSourceFactory implements SourceFactory {

    public static final String TYPE = "rss";
    static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(15);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
    static final String USER_AGENT = "Backbeat/0.1 (music-industry press monitor; RSS reader)";

    private final FeedFetcher fetcher;

    public FeedSourceFactory() {
        this(FeedFetcher.defaultClient(DEFAULT_TIMEOUT));
    }

    public FeedSourceFactory(HttpClient client) {
        this.fetcher = new FeedFetcher(client, USER_AGENT);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<Source> create(JsonNode settings, Catalogue catalogue, Secrets secrets) {
        JsonSettings entry = new JsonSettings(settings, "");
        Duration interval = entry.duration("interval", DEFAULT_INTERVAL);
        Duration timeout = entry.duration("timeout", DEFAULT_TIMEOUT);
        boolean keepAll = entry.bool("keepAll", false);
        String lang = entry.text("lang").orElse(null);
        ZoneId zone = zone(entry, ZoneId.of("UTC"));
        JsonNode feeds = settings.get("feeds");
        if (feeds == null || !feeds.isArray() || feeds.isEmpty()) {
            throw new IllegalArgumentException("set \"feeds\", a list of {\"name\": ..., \"url\": ...}");
        }
        List<Source> sources = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int index = 0;
        for (JsonNode feedNode : feeds) {
            index++;
            JsonSettings feed = entry.child(feedNode, "feed " + index);
            String name = feed.requireText("name");
            FeedSettings feedSettings;
            try {
                feedSettings = new FeedSettings(name, url(feed), feed.duration("interval", interval),
                        feed.duration("timeout", timeout), feed.bool("keepAll", keepAll),
                        feed.text("lang").orElse(lang), zone(feed, zone));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException("two feeds are named " + name);
            }
            sources.add(new FeedSource(feedSettings, fetcher, catalogue));
        }
        return sources;
    }

    private static URI url(JsonSettings feed) {
        String url = feed.requireText("url");
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(feed.prefix() + "\"url\" is not a URL: " + url, e);
        }
    }

    private static ZoneId zone(JsonSettings settings, ZoneId defaultZone) {
        String zone = settings.text("zone").orElse(null);
        if (zone == null) {
            return defaultZone;
        }
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(settings.prefix() + "\"zone\" must be a time zone like UTC or Europe/London, was '" + zone + "'");
        }
    }
}
