package org.backbeat.ingest.twitter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.backbeat.core.DeadLetter;
import org.backbeat.core.Post;
import org.backbeat.ingest.social.HttpJson;
import org.backbeat.ingest.source.Source;
import org.backbeat.ingest.source.SourceContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls X API v2 recent search ({@code GET /2/tweets/search/recent}, app-only bearer token) for each
 * packed catalogue query: what is newer than the checkpointed {@code since_id}, following
 * {@code meta.next_token} up to {@code maxPages} pages, asking for the fields a post needs (time, language,
 * author, counts, references). The newest id is saved once the sink has flushed. Rate limits wait until
 * {@code x-rate-limit-reset}; a malformed response is counted and the next query goes on.
 */
public final class TwitterV2SearchSource implements Source {

    private static final Logger log = LoggerFactory.getLogger(TwitterV2SearchSource.class);
    static final String TWEET_FIELDS = "created_at,lang,author_id,public_metrics,referenced_tweets,note_tweet";

    private final String name;
    private final HttpJson http;
    private final String baseUrl;
    private final String bearerToken;
    private final List<String> queries;
    private final int pageSize;
    private final int maxPages;
    private final Duration interval;
    private final ObjectMapper json = new ObjectMapper();

    /** @param baseUrl e.g. {@code https://api.x.com} (the source appends {@code /2/tweets/search/recent}) */
    public TwitterV2SearchSource(String name, HttpJson http, String baseUrl, String bearerToken, List<String> queries,
                                 int pageSize, int maxPages, Duration interval) {
        if (queries.isEmpty()) {
            throw new IllegalArgumentException(name + ": no search terms (the catalogue has no aliases, handles or hashtags)");
        }
        this.name = name;
        this.http = http;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.bearerToken = bearerToken;
        this.queries = List.copyOf(queries);
        this.pageSize = pageSize;
        this.maxPages = maxPages;
        this.interval = interval;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Duration pollInterval() {
        return interval;
    }

    public List<String> queries() {
        return queries;
    }

    @Override
    public void run(SourceContext context) throws IOException, InterruptedException {
        SearchPoll.run(queries, this::pollQuery, context);
    }

    private SearchPoll.Fetched pollQuery(String query, String sinceId, TweetNormaliser normaliser, SourceContext context)
            throws IOException, InterruptedException {
        String newest = sinceId;
        String nextToken = null;
        for (int page = 1; page <= maxPages; page++) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("query", query);
            params.put("max_results", Integer.toString(pageSize));
            params.put("tweet.fields", TWEET_FIELDS);
            params.put("expansions", "author_id");
            params.put("user.fields", "username");
            if (sinceId != null) {
                params.put("since_id", sinceId);
            }
            if (nextToken != null) {
                params.put("next_token", nextToken);
            }
            HttpJson.Response response = http.get(uri(params), Map.of("Authorization", "Bearer " + bearerToken), context);
            JsonNode body;
            try {
                body = json.readTree(response.body());
            } catch (JsonProcessingException e) {
                String reason = name + ": malformed recent-search response for '" + query + "': " + e.getOriginalMessage();
                log.warn(reason);
                context.metrics().error(reason);
                return SearchPoll.Fetched.MALFORMED;
            }
            newest = max(newest, body.path("meta").path("newest_id").asText(null));
            send(body, normaliser, context);
            http.respectRemaining(response, context);
            nextToken = body.path("meta").path("next_token").asText(null);
            if (nextToken == null) {
                break;
            }
            if (page == maxPages) {
                log.warn("Source {}: query '{}' still has older results after {} pages; they are skipped this time", name, query, maxPages);
            }
        }
        return SearchPoll.Fetched.newest(newest);
    }

    private void send(JsonNode body, TweetNormaliser normaliser, SourceContext context) {
        Map<String, String> usernames = new HashMap<>();
        for (JsonNode user : body.path("includes").path("users")) {
            usernames.put(user.path("id").asText(), user.path("username").asText(null));
        }
        context.metrics().fetched(body.path("data").size());
        for (JsonNode tweet : body.path("data")) {
            try {
                Post post = normaliser.fromV2Tweet(tweet, usernames);
                context.sink().accept(post);
                context.metrics().produced(post.publishedAt());
            } catch (IllegalArgumentException e) {
                String reason = name + ": " + e.getMessage();
                log.warn("Source {}: bad tweet skipped: {}", name, e.getMessage());
                context.metrics().error(reason);
                context.sink().reject(DeadLetter.of("ingest", name, null, tweet.toString(), reason, context.clock().instant()));
            }
        }
    }

    private URI uri(Map<String, String> params) {
        String query = params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return URI.create(baseUrl + "/2/tweets/search/recent?" + query);
    }

    private static String max(String a, String b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return new BigInteger(a).compareTo(new BigInteger(b)) >= 0 ? a : b;
    }
}
