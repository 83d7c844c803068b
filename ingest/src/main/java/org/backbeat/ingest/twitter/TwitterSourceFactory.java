package org.backbeat.ingest.twitter;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.backbeat.core.Catalogue;
import org.backbeat.ingest.social.HttpJson;
import org.backbeat.ingest.social.SourceSettings;
import org.backbeat.ingest.source.Secrets;
import org.backbeat.ingest.source.Source;
import org.backbeat.ingest.source.SourceFactory;

/**
 * Builds the Twitter/X sources of one type; {@link #all()} gives the three, one instance per type:
 * <ul>
 *   <li>{@code twitter-search}: API v1.1 standard search through Twitter4J (OAuth 1.0a user context);
 *       settings {@code baseUrl} (default {@code https://api.twitter.com/1.1/}), {@code interval} (5m),
 *       {@code queryLimit} (500, counted URL-encoded as v1.1 counts it), {@code pageSize} (100), {@code maxPages} (10), {@code filter} (appended to each
 *       query, e.g. {@code -filter:retweets}); secrets {@code TWITTER_CONSUMER_KEY}, {@code TWITTER_CONSUMER_SECRET},
 *       {@code TWITTER_ACCESS_TOKEN}, {@code TWITTER_ACCESS_TOKEN_SECRET}.</li>
 *   <li>{@code twitter-stream}: the v1.1 filtered stream tracking the catalogue's terms; settings
 *       {@code streamBaseUrl} (default {@code https://stream.twitter.com/1.1/}); the same four secrets.</li>
 *   <li>{@code twitter-v2-search}: API v2 recent search; settings {@code baseUrl} (default
 *       {@code https://api.x.com}), {@code interval} (15m), {@code queryLimit} (512), {@code pageSize} (100,
 *       10 to 100), {@code maxPages} (5), {@code filter} (e.g. {@code -is:retweet lang:en}); secret
 *       {@code TWITTER_BEARER_TOKEN}.</li>
 * </ul>
 * Every type takes an optional {@code name} (default: the type). Search terms are the catalogue's aliases,
 * handles and hashtags.
 */
public final class TwitterSourceFactory implements SourceFactory {

    public static final String SEARCH = "twitter-search";
    public static final String STREAM = "twitter-stream";
    public static final String V2_SEARCH = "twitter-v2-search";

    private final String type;

    /** @param type one of {@link #SEARCH}, {@link #STREAM}, {@link #V2_SEARCH} */
    public TwitterSourceFactory(String type) {
        if (!List.of(SEARCH, STREAM, V2_SEARCH).contains(type)) {
            throw new IllegalArgumentException("unknown Twitter source type '" + type + "'; known: " + SEARCH + ", " + STREAM + ", " + V2_SEARCH);
        }
        this.type = type;
    }

    /** One factory per Twitter source type. */
    public static List<SourceFactory> all() {
        return List.of(new TwitterSourceFactory(SEARCH), new TwitterSourceFactory(STREAM), new TwitterSourceFactory(V2_SEARCH));
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public List<Source> create(JsonNode settings, Catalogue catalogue, Secrets secrets) {
        return switch (type) {
            case SEARCH -> List.of(search(settings, catalogue, secrets));
            case STREAM -> List.of(stream(settings, catalogue, secrets));
            default -> List.of(v2Search(settings, catalogue, secrets));
        };
    }

    private Source search(JsonNode node, Catalogue catalogue, Secrets secrets) {
        SourceSettings s = new SourceSettings(node, Set.of("baseUrl", "interval", "queryLimit", "pageSize", "maxPages", "filter"));
        String name = s.text("name", SEARCH);
        String baseUrl = s.text("baseUrl", "https://api.twitter.com/1.1/");
        List<String> queries = TwitterQueries.packEncoded(TwitterQueries.searchTerms(catalogue), s.integer("queryLimit", 500, 20, 4096), s.text("filter", ""));
        TwitterCredentials credentials = TwitterCredentials.from(secrets, "source " + name);
        return new TwitterSearchSource(name, TwitterClients.v1(baseUrl, baseUrl, credentials), queries,
                s.integer("pageSize", 100, 1, 100), s.integer("maxPages", 10, 1, 1000), s.duration("interval", Duration.ofMinutes(5), Duration.ofSeconds(5)));
    }

    private Source stream(JsonNode node, Catalogue catalogue, Secrets secrets) {
        SourceSettings s = new SourceSettings(node, Set.of("streamBaseUrl"));
        String name = s.text("name", STREAM);
        return new TwitterStreamSource(name, HttpJson.defaultClient(), s.text("streamBaseUrl", "https://stream.twitter.com/1.1/"),
                TwitterQueries.trackTerms(catalogue), new OAuth1Signer(TwitterCredentials.from(secrets, "source " + name)));
    }

    private Source v2Search(JsonNode node, Catalogue catalogue, Secrets secrets) {
        SourceSettings s = new SourceSettings(node, Set.of("baseUrl", "interval", "queryLimit", "pageSize", "maxPages", "filter"));
        String name = s.text("name", V2_SEARCH);
        List<String> queries = TwitterQueries.pack(TwitterQueries.searchTerms(catalogue), s.integer("queryLimit", 512, 20, 4096), s.text("filter", ""));
        String token = secrets.require(TwitterCredentials.BEARER_TOKEN, "source " + name);
        HttpJson http = new HttpJson(HttpJson.defaultClient(), name, "x-rate-limit-remaining", "x-rate-limit-reset");
        return new TwitterV2SearchSource(name, http, s.text("baseUrl", "https://api.x.com"), token, queries,
                s.integer("pageSize", 100, 10, 100), s.integer("maxPages", 5, 1, 1000), s.duration("interval", Duration.ofMinutes(15), Duration.ofSeconds(5)));
    }
}
