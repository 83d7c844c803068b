package org.backbeat.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stable post ids: the Kafka key and the Elasticsearch {@code _id}, so a retry or a replay never
 * duplicates a post. Sources with their own ids keep them; sources without one hash what identifies the
 * post (a feed item's canonical link).
 */
public final class PostIds {

    private PostIds() {
    }

    public static String twitter(String tweetId) {
        return "twitter:" + requireId(tweetId);
    }

    public static String rss(String canonicalLink) {
        return "rss:" + sha256Prefix(requireId(canonicalLink));
    }

    /** A Bluesky post: {@code bluesky:<did>/<rkey>}, the two parts of its {@code at://} URI that identify it. */
    public static String bluesky(String did, String rkey) {
        return "bluesky:" + requireId(did) + "/" + requireId(rkey);
    }

    /**
     * A Mastodon status: {@code mastodon:<instance>/<status id>}. Status ids are local to the instance that
     * serves them, so the instance is part of the id.
     */
    public static String mastodon(String instance, String statusId) {
        return "mastodon:" + requireId(instance).toLowerCase(java.util.Locale.ROOT) + "/" + requireId(statusId);
    }

    /** An id for a source that gives its own unique id, e.g. {@code simulated:42}. */
    public static String of(String source, String sourceId) {
        return requireId(source) + ":" + requireId(sourceId);
    }

    static String sha256Prefix(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    private static String requireId(String value) {
        Post.requireText(value, "id part");
        return value.strip();
    }
}
