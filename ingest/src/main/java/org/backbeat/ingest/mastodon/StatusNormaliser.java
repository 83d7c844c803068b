package org.backbeat.ingest.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.backbeat.core.Engagement;
import org.backbeat.core.Post;
import org.backbeat.core.PostIds;
import org.backbeat.ingest.lang.LanguageDetector;
import org.backbeat.ingest.social.Languages;

/**
 * Turns a Mastodon status (REST or streaming JSON) into a {@link Post}: HTML content as text (with the
 * content warning first), boosts linked to the boosted status ({@code repostOf}) and carrying its text,
 * replies ({@code replyTo}), quotes (Mastodon 4.4's {@code quote}), the declared language, and the counts.
 * Ids are {@code mastodon:<instance>/<id>}: status ids are the serving instance's own.
 */
final class StatusNormaliser {

    private final LanguageDetector languages;

    StatusNormaliser(LanguageDetector languages) {
        this.languages = languages;
    }

    /**
     * @param instance the host that served the status (its ids are that instance's), or null to take the
     *                 host of the status's own {@code uri} (right for an instance's own statuses)
     */
    Post normalise(JsonNode status, String instance) {
        String id = text(status.path("id"));
        if (id == null) {
            throw new IllegalArgumentException("status has no id");
        }
        String host = instance != null ? instance : hostOf(status);
        String createdAt = text(status.path("created_at"));
        Instant publishedAt;
        try {
            publishedAt = Instant.parse(createdAt == null ? "" : createdAt);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("status " + id + " has an unreadable created_at '" + createdAt + "'");
        }
        JsonNode reblog = status.path("reblog");
        JsonNode body = reblog.isObject() ? reblog : status;
        String repostOf = reblog.isObject() ? PostIds.mastodon(host, requireId(reblog)) : null;
        if (!body.has("content")) {
            throw new IllegalArgumentException("status " + id + " has no content");
        }
        String content = StatusText.of(body.path("content").asText(""));
        String warning = text(body.path("spoiler_text"));
        String fullText = warning == null ? content : warning + "\n\n" + content;
        String author = author(status.path("account"), host);
        String url = text(status.path("url"));
        if (url == null) {
            url = text(body.path("url"));
        }
        String replyId = text(status.path("in_reply_to_id"));
        String quoted = text(body.path("quote").path("quoted_status").path("id"));
        Engagement engagement = new Engagement(count(body, "favourites_count"), count(body, "reblogs_count"),
                count(body, "replies_count"), count(body, "quotes_count"));
        String lang = Languages.of(text(body.path("language")), fullText, languages);
        return Post.of(PostIds.mastodon(host, id), "mastodon", publishedAt, author, null, fullText, url, lang)
                .withEngagement(engagement)
                .withLinks(replyId == null ? null : PostIds.mastodon(host, replyId), repostOf,
                        quoted == null ? null : PostIds.mastodon(host, quoted));
    }

    /** {@code user@host}: local accounts' {@code acct} has no host. */
    private static String author(JsonNode account, String host) {
        String acct = text(account.path("acct"));
        if (acct == null) {
            return text(account.path("username"));
        }
        return acct.contains("@") ? acct : acct + "@" + host;
    }

    /** The host in the status's {@code uri} ({@code https://host/...} or the 2017 {@code tag:host,date:...} form), else in its url. */
    static String hostOf(JsonNode status) {
        String uri = text(status.path("uri"));
        if (uri != null && uri.startsWith("tag:")) {
            int comma = uri.indexOf(',');
            if (comma > 4) {
                return uri.substring(4, comma);
            }
        }
        for (String candidate : new String[]{uri, text(status.path("url"))}) {
            if (candidate != null) {
                try {
                    String host = URI.create(candidate).getHost();
                    if (host != null) {
                        return host;
                    }
                } catch (IllegalArgumentException ignored) {
                    // try the next
                }
            }
        }
        throw new IllegalArgumentException("status " + text(status.path("id")) + " names no instance (no uri or url)");
    }

    private static String requireId(JsonNode status) {
        String id = text(status.path("id"));
        if (id == null) {
            throw new IllegalArgumentException("boosted status has no id");
        }
        return id;
    }

    private static Long count(JsonNode node, String field) {
        JsonNode n = node.path(field);
        return n.isNumber() ? n.asLong() : null;
    }

    static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        String s = node.asText();
        return s.isBlank() ? null : s;
    }
}
