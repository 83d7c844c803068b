package org.backbeat.ingest.twitter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.backbeat.core.DeadLetter;
import org.backbeat.core.Post;
import org.backbeat.ingest.social.RateLimit;
import org.backbeat.ingest.source.Source;
import org.backbeat.ingest.source.SourceContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import twitter4j.Twitter;
import twitter4j.TwitterException;
import twitter4j.TwitterObjectFactory;
import twitter4j.v1.Query;
import twitter4j.v1.QueryResult;
import twitter4j.v1.RateLimitStatus;
import twitter4j.v1.Status;

/**
 * Polls Twitter API v1.1 standard search ({@code search/tweets}) through Twitter4J, one query per packed
 * group of catalogue terms. Each poll asks for what is newer than the query's checkpointed
 * {@code since_id}, paging back with {@code max_id} until the gap is closed (or {@code maxPages} is
 * reached), and saves the newest id once the sink has flushed. A 429 or a spent window waits until
 * {@code x-rate-limit-reset}; a malformed response is counted and the next query goes on; other failures
 * (5xx, network) end the poll for the runner to back off, without moving the checkpoint.
 */
public final class TwitterSearchSource implements Source {

    private static final Logger log = LoggerFactory.getLogger(TwitterSearchSource.class);
    private static final int MAX_RATE_LIMIT_WAITS = 3;

    private final String name;
    private final Twitter twitter;
    private final List<String> queries;
    private final int pageSize;
    private final int maxPages;
    private final Duration interval;
    private final ObjectMapper json = new ObjectMapper();

    public TwitterSearchSource(String name, Twitter twitter, List<String> queries, int pageSize, int maxPages, Duration interval) {
        if (queries.isEmpty()) {
            throw new IllegalArgumentException(name + ": no search terms (the catalogue has no aliases, handles or hashtags)");
        }
        this.name = name;
        this.twitter = twitter;
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

    /** The queries this source asks, in order. */
    public List<String> queries() {
        return queries;
    }

    /** The checkpoint key of a query: its newest id seen. */
    static String sinceIdKey(String query) {
        return SearchPoll.sinceIdKey(query);
    }

    @Override
    public void run(SourceContext context) throws IOException, InterruptedException {
        SearchPoll.run(queries, this::pollQuery, context);
    }

    private SearchPoll.Fetched pollQuery(String query, String since, TweetNormaliser normaliser, SourceContext context)
            throws IOException, InterruptedException {
        long sinceId = since == null ? 0L : Long.parseLong(since);
        long newest = sinceId;
        long maxId = 0;
        for (int page = 1; page <= maxPages; page++) {
            Query request = Query.of(query).count(pageSize).resultType(Query.RECENT);
            if (sinceId > 0) {
                request = request.sinceId(sinceId);
            }
            if (maxId > 0) {
                request = request.maxId(maxId);
            }
            QueryResult result = search(request, context);
            if (result == null) {
                return SearchPoll.Fetched.MALFORMED; // counted and logged
            }
            List<Status> tweets = result.getTweets();
            context.metrics().fetched(tweets.size());
            long oldest = Long.MAX_VALUE;
            for (Status status : tweets) {
                oldest = Math.min(oldest, status.getId());
                newest = Math.max(newest, status.getId());
                send(TwitterObjectFactory.getRawJSON(status), normaliser, context);
            }
            waitIfSpent(result.getRateLimitStatus(), context);
            if (tweets.isEmpty() || !result.hasNext() || oldest <= sinceId + 1) {
                break;
            }
            if (page == maxPages) {
                log.warn("Source {}: query '{}' still has older results after {} pages; they are skipped this time", name, query, maxPages);
            }
            maxId = oldest - 1;
        }
        return SearchPoll.Fetched.newest(newest > sinceId ? Long.toString(newest) : since);
    }

    private void send(String raw, TweetNormaliser normaliser, SourceContext context) {
        if (raw == null) {
            String reason = name + ": Twitter4J kept no raw JSON for a tweet";
            context.metrics().error(reason);
            log.warn(reason);
            return;
        }
        try {
            JsonNode node = json.readTree(raw);
            Post post = normaliser.fromV1(node);
            context.sink().accept(post);
            context.metrics().produced(post.publishedAt());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String reason = name + ": " + e.getMessage();
            log.warn("Source {}: bad tweet skipped: {}", name, e.getMessage());
            context.metrics().error(reason);
            context.sink().reject(DeadLetter.of("ingest", name, null, raw, reason, context.clock().instant()));
        }
    }

    /** One search call; waits out 429s; null when the response is malformed; IOException for other failures. */
    private QueryResult search(Query request, SourceContext context) throws IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                return twitter.v1().search().search(request);
            } catch (TwitterException e) {
                if (e.getStatusCode() == 429 && attempt < MAX_RATE_LIMIT_WAITS) {
                    Duration wait = RateLimit.waitUntil(resetOf(e), context.clock());
                    RateLimit.pause(name, "rate-limited (429) on search/tweets", wait, context.clock(), context.sleeper());
                    continue;
                }
                if (e.getStatusCode() == 200 || (e.getStatusCode() <= 0 && !e.isCausedByNetworkIssue())) {
                    String reason = name + ": malformed search response for '" + request.query + "': " + e.getMessage();
                    log.warn(reason);
                    context.metrics().error(reason);
                    return null;
                }
                throw new IOException(name + ": search failed (HTTP " + e.getStatusCode() + "): " + firstLine(e.getMessage()), e);
            }
        }
    }

    /**
     * The reset time of a refused call. Twitter4J parses the headers only when spelled as X spelled them in
     * 2012, and {@code getResponseHeader} fails on an absent one, so each common spelling is tried.
     */
    static java.util.Optional<java.time.Instant> resetOf(TwitterException e) {
        RateLimitStatus status = e.getRateLimitStatus();
        if (status != null && status.getResetTimeInSeconds() > 0) {
            return java.util.Optional.of(java.time.Instant.ofEpochSecond(status.getResetTimeInSeconds()));
        }
        for (String header : new String[]{"x-rate-limit-reset", "X-Rate-Limit-Reset", "X-rate-limit-reset"}) {
            try {
                java.util.Optional<java.time.Instant> reset = RateLimit.parseReset(e.getResponseHeader(header));
                if (reset.isPresent()) {
                    return reset;
                }
            } catch (NullPointerException absent) {
                // Twitter4J 4.1.2 throws instead of returning null for a header the response lacks
            }
        }
        return java.util.Optional.empty();
    }

    private void waitIfSpent(RateLimitStatus status, SourceContext context) throws InterruptedException {
        if (status != null && status.getRemaining() == 0 && status.getResetTimeInSeconds() > 0) {
            Duration wait = RateLimit.waitUntil(java.util.Optional.of(java.time.Instant.ofEpochSecond(status.getResetTimeInSeconds())), context.clock());
            RateLimit.pause(name, "search/tweets window spent", wait, context.clock(), context.sleeper());
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
