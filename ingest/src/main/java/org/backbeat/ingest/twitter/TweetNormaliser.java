package org.backbeat.ingest.twitter;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import org.backbeat.core.Engagement;
import org.backbeat.core.Post;
import org.backbeat.core.PostIds;
import org.backbeat.ingest.lang.LanguageDetector;
import org.backbeat.ingest.social.Languages;

/**
 * Turns Twitter API JSON into {@link Post}s: v1.1 statuses (search, timelines, the filtered stream, with
 * {@code extended_tweet}/{@code full_text}, retweets and quotes) and v2 tweets (with {@code includes.users}
 * for author names). A record that cannot be a post fails with an {@link IllegalArgumentException} saying why.
 */
public final class TweetNormaliser {

    /** v1.1's {@code created_at}: {@code Sat Dec 19 16:01:35 +0000 2009}. */
    private static final DateTimeFormatter V1_TIME = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ENGLISH);
    /** Snowflake ids carry their creation time in milliseconds since this epoch (2010-11-04T01:42:54.657Z). */
    private static final long SNOWFLAKE_EPOCH_MS = 1288834974657L;
    /** Ids below this predate snowflakes (November 2010) and carry no time. */
    private static final long FIRST_SNOWFLAKE = 29_700_859_247L;

    private final LanguageDetector languages;

    public TweetNormaliser(LanguageDetector languages) {
        this.languages = languages;
    }

    /** A v1.1 status object. */
    public Post fromV1(JsonNode status) {
        String id = idOf(status, "id");
        if (id == null) {
            throw new IllegalArgumentException("tweet has no id");
        }
        Instant publishedAt = v1Time(status.path("created_at").asText(null), id);
        String author = textOrNull(status.path("user").path("screen_name"));
        JsonNode retweeted = status.path("retweeted_status");
        String text;
        String repostOf = null;
        if (retweeted.isObject()) {
            repostOf = PostIds.twitter(requireId(retweeted, "retweeted_status"));
            String original = textOrNull(retweeted.path("user").path("screen_name"));
            text = original == null ? fullText(status) : "RT @" + original + ": " + fullText(retweeted);
        } else {
            text = fullText(status);
        }
        text = unescape(text);
        String replyTo = idOf(status, "in_reply_to_status_id");
        String quoted = idOf(status, "quoted_status_id");
        if (quoted == null && status.path("quoted_status").isObject()) {
            quoted = idOf(status.path("quoted_status"), "id");
        }
        String lang = Languages.of(textOrNull(status.path("lang")), text, languages);
        Engagement engagement = new Engagement(count(status, "favorite_count"), count(status, "retweet_count"),
                count(status, "reply_count"), count(status, "quote_count"));
        return Post.of(PostIds.twitter(id), "twitter", publishedAt, author, null, text, url(author, id), lang)
                .withEngagement(engagement)
                .withLinks(replyTo == null ? null : PostIds.twitter(replyTo), repostOf, quoted == null ? null : PostIds.twitter(quoted));
    }

    /** One v2 tweet object; {@code usernames} maps author ids to user names from {@code includes.users}. */
    public Post fromV2Tweet(JsonNode tweet, Map<String, String> usernames) {
        String id = textOrNull(tweet.path("id"));
        if (id == null) {
            throw new IllegalArgumentException("v2 tweet has no id");
        }
        String createdAt = textOrNull(tweet.path("created_at"));
        Instant publishedAt;
        try {
            publishedAt = createdAt == null ? snowflakeTime(id) : Instant.parse(createdAt);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("tweet " + id + " has an unreadable created_at '" + createdAt + "'");
        }
        String text = textOrNull(tweet.path("note_tweet").path("text"));
        if (text == null) {
            text = tweet.path("text").asText(null);
        }
        if (text == null) {
            throw new IllegalArgumentException("v2 tweet " + id + " has no text");
        }
        text = unescape(text);
        String author = usernames.get(tweet.path("author_id").asText(""));
        String replyTo = null;
        String repostOf = null;
        String quoteOf = null;
        for (JsonNode ref : tweet.path("referenced_tweets")) {
            String refId = PostIds.twitter(ref.path("id").asText());
            switch (ref.path("type").asText()) {
                case "replied_to" -> replyTo = refId;
                case "retweeted" -> repostOf = refId;
                case "quoted" -> quoteOf = refId;
                default -> {
                }
            }
        }
        JsonNode metrics = tweet.path("public_metrics");
        Engagement engagement = metrics.isObject()
                ? new Engagement(count(metrics, "like_count"), count(metrics, "retweet_count"), count(metrics, "reply_count"), count(metrics, "quote_count"))
                : null;
        String lang = Languages.of(textOrNull(tweet.path("lang")), text, languages);
        return Post.of(PostIds.twitter(id), "twitter", publishedAt, author, null, text, url(author, id), lang)
                .withEngagement(engagement).withLinks(replyTo, repostOf, quoteOf);
    }

    /** The creation time a snowflake id encodes. */
    static Instant snowflakeTime(String id) {
        long value;
        try {
            value = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("tweet id '" + id + "' is not a number");
        }
        if (value < FIRST_SNOWFLAKE) {
            throw new IllegalArgumentException("tweet " + id + " has no created_at and predates snowflake ids");
        }
        return Instant.ofEpochMilli((value >> 22) + SNOWFLAKE_EPOCH_MS);
    }

    private static Instant v1Time(String createdAt, String id) {
        if (createdAt == null) {
            return snowflakeTime(id);
        }
        try {
            return ZonedDateTime.parse(createdAt, V1_TIME).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(createdAt);
            } catch (DateTimeParseException again) {
                throw new IllegalArgumentException("tweet " + id + " has an unreadable created_at '" + createdAt + "'");
            }
        }
    }

    /** The untruncated text: {@code extended_tweet.full_text}, then {@code full_text}, then {@code text}. */
    private static String fullText(JsonNode status) {
        String text = textOrNull(status.path("extended_tweet").path("full_text"));
        if (text == null) {
            text = status.path("full_text").asText(null);
        }
        if (text == null) {
            text = status.path("text").asText(null);
        }
        if (text == null) {
            throw new IllegalArgumentException("tweet " + idOf(status, "id") + " has no text");
        }
        return text;
    }

    /** v1.1 escapes exactly these three in tweet text. */
    static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private static String url(String author, String id) {
        return author == null ? "https://twitter.com/i/web/status/" + id : "https://twitter.com/" + author + "/status/" + id;
    }

    /** {@code <field>_str}, else {@code <field>} (old payloads have numbers only), else null. */
    static String idOf(JsonNode node, String field) {
        String s = textOrNull(node.path(field + "_str"));
        if (s != null) {
            return s;
        }
        JsonNode n = node.path(field);
        return n.isIntegralNumber() ? n.bigIntegerValue().toString() : textOrNull(n);
    }

    private static String requireId(JsonNode node, String what) {
        String id = idOf(node, "id");
        if (id == null) {
            throw new IllegalArgumentException(what + " has no id");
        }
        return id;
    }

    private static Long count(JsonNode node, String field) {
        JsonNode n = node.path(field);
        return n.isNumber() ? n.asLong() : null;
    }

    private static String textOrNull(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        String s = node.asText();
        return s.isBlank() ? null : s;
    }
}
