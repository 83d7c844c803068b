package org.backbeat.ingest.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.backbeat.core.Catalogue;
import org.backbeat.core.TrackedEntity;
import org.backbeat.ingest.social.HttpJson;
import org.backbeat.ingest.social.SourceSettings;
import org.backbeat.ingest.source.Secrets;
import org.backbeat.ingest.source.Source;
import org.backbeat.ingest.source.SourceFactory;

/**
 * Type {@code bluesky-jetstream}: one streaming source. Settings: {@code url} (default
 * {@code wss://jetstream2.us-east.bsky.network/subscribe}), {@code keywords} (default: keep the posts the
 * catalogue matches; when given, keep the posts mentioning any keyword, matched on word boundaries in any
 * case), {@code flushEvery} (events between checkpoints, default 1000), {@code rewind} (subtracted from the
 * cursor on resume, default 0s), {@code name} (default {@code bluesky-jetstream}). No credentials.
 */
public final class BlueskySourceFactory implements SourceFactory {

    public static final String TYPE = "bluesky-jetstream";
    public static final String DEFAULT_URL = "wss://jetstream2.us-east.bsky.network/subscribe";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<Source> create(JsonNode node, Catalogue catalogue, Secrets secrets) {
        SourceSettings s = new SourceSettings(node, Set.of("url", "keywords", "flushEvery", "rewind"));
        String url = s.text("url", DEFAULT_URL);
        URI endpoint = URI.create(url);
        if (!"wss".equals(endpoint.getScheme()) && !"ws".equals(endpoint.getScheme())) {
            throw new IllegalArgumentException("bluesky-jetstream setting 'url' must be a ws:// or wss:// URL, not '" + url + "'");
        }
        List<String> keywords = s.list("keywords");
        Catalogue matcher = keywords == null ? catalogue
                : Catalogue.of("keywords", List.of(new TrackedEntity("keywords", "keywords", "keywords", null, keywords, null, null, null)));
        Predicate<String> keep = text -> !matcher.match(text).isEmpty();
        return List.of(new JetstreamSource(s.text("name", TYPE), HttpJson.defaultClient(), endpoint, keep,
                s.integer("flushEvery", 1000, 1, 1_000_000), s.duration("rewind", Duration.ZERO, Duration.ZERO)));
    }
}
