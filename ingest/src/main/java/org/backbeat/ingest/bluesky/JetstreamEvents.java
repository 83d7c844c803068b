package org.backbeat.ingest.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.backbeat.core.Post;
import org.backbeat.core.PostIds;
import org.backbeat.ingest.lang.LanguageDetector;
import org.backbeat.ingest.social.Languages;

/**
 * Reads Jetstream events ({@code {"did","time_us","kind","commit":{...}}}): a created or updated
 * {@code app.bsky.feed.post} becomes a {@link Post} ({@code bluesky:<did>/<rkey>}, first of {@code langs},
 * reply parent and quoted record as links), a deleted one a deletion, everything else (likes, follows,
 * identity and account events, other lexicons) is ignored.
 */
final class JetstreamEvents {

    static final String POST_COLLECTION = "app.bsky.feed.post";
    /** A post may claim a {@code createdAt} in the future; beyond this past the relay's time, the relay's time wins. */
    private static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(10);

    /** What one event means to Backbeat; {@code timeUs} is the event's cursor position, -1 if it has none. */
    sealed interface Event permits Created, Deleted, Ignored {
        long timeUs();
    }

    record Created(Post post, long timeUs) implements Event {
    }

    record Deleted(String postId, long timeUs) implements Event {
    }

    record Ignored(long timeUs) implements Event {
    }

    private final LanguageDetector languages;

    JetstreamEvents(LanguageDetector languages) {
        this.languages = languages;
    }

    /** @throws IllegalArgumentException when the event is not Jetstream JSON or its post is unreadable */
    Event read(JsonNode event) {
        if (!event.isObject()) {
            throw new IllegalArgumentException("not a Jetstream event (not a JSON object)");
        }
        long timeUs = event.path("time_us").isIntegralNumber() ? event.path("time_us").asLong() : -1;
        JsonNode commit = event.path("commit");
        if (!"commit".equals(event.path("kind").asText()) || !POST_COLLECTION.equals(commit.path("collection").asText())) {
            if (!event.has("did") || !event.has("kind")) {
                throw new IllegalArgumentException("not a Jetstream event (no did or kind)");
            }
            return new Ignored(timeUs);
        }
        String did = text(event.path("did"));
        String rkey = text(commit.path("rkey"));
        if (did == null || rkey == null) {
            throw new IllegalArgumentException("post commit without did or rkey");
        }
        String id = PostIds.bluesky(did, rkey);
        return switch (commit.path("operation").asText()) {
            case "delete" -> new Deleted(id, timeUs);
            case "create", "update" -> new Created(post(id, did, rkey, commit.path("record"), timeUs), timeUs);
            default -> throw new IllegalArgumentException("post commit " + id + " with unknown operation '"
                    + commit.path("operation").asText() + "'");
        };
    }

    private Post post(String id, String did, String rkey, JsonNode record, long timeUs) {
        if (!record.isObject() || !record.path("text").isTextual()) {
            throw new IllegalArgumentException("post " + id + " has no record text");
        }
        String text = record.path("text").asText();
        Instant publishedAt = publishedAt(id, text(record.path("createdAt")), timeUs);
        String declared = record.path("langs").isArray() && !record.path("langs").isEmpty()
                ? record.path("langs").get(0).asText(null) : null;
        String replyTo = postIdOf(text(record.path("reply").path("parent").path("uri")));
        String quoteOf = quotedUri(record.path("embed"));
        return Post.of(id, "bluesky", publishedAt, did, null, text, "https://bsky.app/profile/" + did + "/post/" + rkey,
                        Languages.of(declared, text, languages))
                .withLinks(replyTo, null, postIdOf(quoteOf));
    }

    /** The record a post quotes: {@code app.bsky.embed.record}, or the record part of {@code recordWithMedia}. */
    private static String quotedUri(JsonNode embed) {
        String type = embed.path("$type").asText("");
        if (type.equals("app.bsky.embed.record")) {
            return text(embed.path("record").path("uri"));
        }
        if (type.equals("app.bsky.embed.recordWithMedia")) {
            return text(embed.path("record").path("record").path("uri"));
        }
        return null;
    }

    /** {@code at://<did>/app.bsky.feed.post/<rkey>} to a post id; null for anything else (a quoted list or feed). */
    static String postIdOf(String atUri) {
        if (atUri == null || !atUri.startsWith("at://")) {
            return null;
        }
        String[] parts = atUri.substring("at://".length()).split("/");
        if (parts.length != 3 || !parts[1].equals(POST_COLLECTION)) {
            return null;
        }
        return PostIds.bluesky(parts[0], parts[2]);
    }

    private static Instant publishedAt(String id, String createdAt, long timeUs) {
        Instant relayTime = timeUs < 0 ? null : Instant.ofEpochSecond(timeUs / 1_000_000, (timeUs % 1_000_000) * 1_000);
        Instant claimed = null;
        if (createdAt != null) {
            try {
                claimed = OffsetDateTime.parse(createdAt).toInstant();
            } catch (DateTimeParseException e) {
                claimed = null;
            }
        }
        if (claimed == null && relayTime == null) {
            throw new IllegalArgumentException("post " + id + " has neither a readable createdAt nor time_us");
        }
        if (claimed == null || (relayTime != null && claimed.isAfter(relayTime.plus(MAX_CLOCK_SKEW)))) {
            return relayTime;
        }
        return claimed;
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        String s = node.asText();
        return s.isBlank() ? null : s;
    }
}
