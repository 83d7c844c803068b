package org.backbeat.ingest.mastodon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.backbeat.core.DeadLetter;
import org.backbeat.core.Post;
import org.backbeat.ingest.social.HttpJson;
import org.backbeat.ingest.source.Source;
import org.backbeat.ingest.source.SourceContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one Mastodon instance over its REST API: each hashtag's timeline ({@code /api/v1/timelines/tag/:tag},
 * public, no token needed) newer than the checkpointed {@code since_id}, paging older through the
 * {@code Link: rel="next"} header until the gap is closed; and each keyword through
 * {@code /api/v2/search?type=statuses} (needs a token), one page per poll, keeping what is newer than the
 * keyword's checkpoint. Checkpoints move only after the sink has flushed. Rate limits
 * ({@code X-RateLimit-Remaining}/{@code -Reset}) wait for the reset; a malformed page is counted and the
 * next timeline goes on.
 */
public final class MastodonSource implements Source {

    private static final Logger log = LoggerFactory.getLogger(MastodonSource.class);

    private final String name;
    private final HttpJson http;
    private final URI instance;
    private final List<String> hashtags;
    private final List<String> keywords;
    private final String token;
    private final int pageSize;
    private final int maxPages;
    private final Duration interval;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param instance the instance's base URL, e.g. {@code https://mastodon.social}
     * @param token    an access token, or null (then only hashtag timelines are read)
     */
    public MastodonSource(String name, HttpJson http, URI instance, List<String> hashtags, List<String> keywords, String token,
                          int pageSize, int maxPages, Duration interval) {
        if (hashtags.isEmpty() && keywords.isEmpty()) {
            throw new IllegalArgumentException(name + ": no hashtags and no keywords to read");
        }
        if (!keywords.isEmpty() && token == null) {
            throw new IllegalArgumentException(name + ": keyword search needs an access token (MASTODON_ACCESS_TOKEN)");
        }
        this.name = name;
        this.http = http;
        this.instance = instance;
        this.hashtags = List.copyOf(hashtags);
        this.keywords = List.copyOf(keywords);
        this.token = token;
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

    static String tagKey(String tag) {
        return "since_id #" + tag;
    }

    static String keywordKey(String keyword) {
        return "since_id " + keyword;
    }

    @Override
    public void run(SourceContext context) throws IOException, InterruptedException {
        StatusNormaliser normaliser = new StatusNormaliser(context.languages());
        for (String tag : hashtags) {
            if (context.stopped()) {
                return;
            }
            String since = context.checkpoint().get(tagKey(tag)).orElse(null);
            URI first = URI.create(instance + "/api/v1/timelines/tag/" + encode(tag) + "?limit=" + pageSize
                    + (since == null ? "" : "&since_id=" + encode(since)));
            poll(first, tagKey(tag), since, true, normaliser, context);
        }
        for (String keyword : keywords) {
            if (context.stopped()) {
                return;
            }
            String since = context.checkpoint().get(keywordKey(keyword)).orElse(null);
            URI search = URI.create(instance + "/api/v2/search?type=statuses&resolve=false&limit=" + pageSize
                    + "&q=" + encode(keyword) + (since == null ? "" : "&min_id=" + encode(since)));
            poll(search, keywordKey(keyword), since, false, normaliser, context);
        }
        context.metrics().success();
    }

    private void poll(URI first, String key, String since, boolean followLinks, StatusNormaliser normaliser, SourceContext context)
            throws IOException, InterruptedException {
        String newest = since;
        URI next = first;
        for (int page = 1; next != null && page <= maxPages; page++) {
            HttpJson.Response response = http.get(next, headers(), context);
            JsonNode body;
            try {
                body = json.readTree(response.body());
            } catch (JsonProcessingException e) {
                String reason = name + ": malformed page " + next.getPath() + ": " + e.getOriginalMessage();
                log.warn(reason);
                context.metrics().error(reason);
                return; // the checkpoint stays: the next poll asks again
            }
            JsonNode statuses = body.isArray() ? body : body.path("statuses");
            context.metrics().fetched(statuses.size());
            boolean reachedCheckpoint = false;
            for (JsonNode status : statuses) {
                String id = status.path("id").asText("");
                if (since != null && isNumber(id) && compare(id, since) <= 0) {
                    reachedCheckpoint = true;
                    continue;
                }
                newest = send(status, normaliser, context) ? newer(newest, id) : newest;
            }
            http.respectRemaining(response, context);
            next = null;
            if (followLinks && !reachedCheckpoint && statuses.size() >= pageSize) {
                next = LinkHeader.find(response.headers().first("Link").orElse(null), "next")
                        .map(link -> sameInstance(link, since)).orElse(null);
                if (next != null && page == maxPages) {
                    log.warn("Source {}: {} still has older statuses after {} pages; they are skipped this time", name, key, maxPages);
                }
            }
        }
        context.sink().flush();
        if (newest != null && !newest.equals(since)) {
            context.checkpoint().put(key, newest);
            context.checkpoint().save();
        }
    }

    /** Sends one status; false when it was bad (then it is a dead letter). */
    private boolean send(JsonNode status, StatusNormaliser normaliser, SourceContext context) {
        try {
            Post post = normaliser.normalise(status, instance.getHost());
            context.sink().accept(post);
            context.metrics().produced(post.publishedAt());
            return true;
        } catch (IllegalArgumentException e) {
            String reason = name + ": " + e.getMessage();
            log.warn("Source {}: bad status skipped: {}", name, e.getMessage());
            context.metrics().error(reason);
            context.sink().reject(DeadLetter.of("ingest", name, null, status.toString(), reason, context.clock().instant()));
            return false;
        }
    }

    /** Follows a next link only on the same instance (never leaks the token elsewhere), keeping {@code since_id}. */
    private URI sameInstance(String link, String since) {
        URI uri = URI.create(link);
        if (!instance.getHost().equalsIgnoreCase(uri.getHost()) || instance.getPort() != uri.getPort()) {
            log.warn("Source {}: ignoring a Link to another host: {}", name, uri.getHost());
            return null;
        }
        if (since != null && (uri.getRawQuery() == null || !uri.getRawQuery().contains("since_id="))) {
            return URI.create(link + (uri.getRawQuery() == null ? "?" : "&") + "since_id=" + encode(since));
        }
        return uri;
    }

    private Map<String, String> headers() {
        return token == null ? Map.of() : Map.of("Authorization", "Bearer " + token);
    }

    private static String newer(String a, String b) {
        if (a == null || !isNumber(a)) {
            return b;
        }
        return isNumber(b) && compare(b, a) > 0 ? b : a;
    }

    private static int compare(String a, String b) {
        return new BigInteger(a).compareTo(new BigInteger(b));
    }

    private static boolean isNumber(String s) {
        return s != null && !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
