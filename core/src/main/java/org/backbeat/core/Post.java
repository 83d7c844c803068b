package org.backbeat.core;

import java.time.Instant;
import java.util.Objects;

/**
 * A post as an ingester saw it: one tweet, press item, toot or skeet, normalised. It crosses Kafka on
 * {@code posts.raw} as JSON, keyed by {@link #id()}. Version 1 posts (without the fields after
 * {@code lang}) still read: the missing fields are null.
 *
 * @param schemaVersion   version of this contract, {@link #SCHEMA_VERSION} when written by this code
 * @param id              stable id ({@code twitter:<id>}, {@code rss:<hash>}, ...), see {@link PostIds}
 * @param source          where the post came from ({@code twitter}, {@code rss}, {@code mastodon}, {@code bluesky},
 *                        {@code replay}, {@code csv}, {@code simulated}, ...)
 * @param publishedAt     publication time: the event time of every chart, window and alert
 * @param author          author handle or name, or null when the source gives none
 * @param headline        press headline, or null for social posts
 * @param text            body text (for press: the summary), never null
 * @param url             link to the original, or null
 * @param lang            ISO 639-1 language code (from the source or detected), or null if unknown
 * @param engagement      engagement counts, or null when the source gives none
 * @param replyTo         post id this post replies to, or null
 * @param repostOf        post id of the original when this is a retweet / boost / repost, or null
 * @param quoteOf         post id of the quoted post, or null
 * @param declaredEntity  the entity a labelled import file names for this post (e.g. a CSV entity column), or null
 * @param declaredLabel   the sentiment label a labelled import file gives this post, or null
 */
public record Post(
        int schemaVersion,
        String id,
        String source,
        Instant publishedAt,
        String author,
        String headline,
        String text,
        String url,
        String lang,
        Engagement engagement,
        String replyTo,
        String repostOf,
        String quoteOf,
        String declaredEntity,
        String declaredLabel) {

    public static final int SCHEMA_VERSION = 2;

    public Post {
        requireText(id, "id");
        requireText(source, "source");
        Objects.requireNonNull(publishedAt, "publishedAt");
        Objects.requireNonNull(text, "text");
    }

    /** A post of the current schema version without engagement, links or declared labels. */
    public static Post of(String id, String source, Instant publishedAt, String author, String headline,
                          String text, String url, String lang) {
        return new Post(SCHEMA_VERSION, id, source, publishedAt, author, headline, text, url, lang,
                null, null, null, null, null, null);
    }

    /** This post with the language set (e.g. after detection). */
    public Post withLang(String language) {
        return new Post(schemaVersion, id, source, publishedAt, author, headline, text, url, language,
                engagement, replyTo, repostOf, quoteOf, declaredEntity, declaredLabel);
    }

    /** This post with engagement counts. */
    public Post withEngagement(Engagement counts) {
        return new Post(schemaVersion, id, source, publishedAt, author, headline, text, url, lang,
                counts, replyTo, repostOf, quoteOf, declaredEntity, declaredLabel);
    }

    /** This post with its reply, repost and quote links (post ids, each may be null). */
    public Post withLinks(String replyToId, String repostOfId, String quoteOfId) {
        return new Post(schemaVersion, id, source, publishedAt, author, headline, text, url, lang,
                engagement, replyToId, repostOfId, quoteOfId, declaredEntity, declaredLabel);
    }

    /** This post with the entity and label a labelled import file declares (each may be null). */
    public Post withDeclared(String entity, String label) {
        return new Post(schemaVersion, id, source, publishedAt, author, headline, text, url, lang,
                engagement, replyTo, repostOf, quoteOf, entity, label);
    }

    /** Headline and body as one text, the headline first: what the scorer reads. */
    public String fullText() {
        return headline == null || headline.isBlank() ? text : headline + ". " + text;
    }

    static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
