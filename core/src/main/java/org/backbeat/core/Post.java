package org.backbeat.core;

import java.time.Instant;
import java.util.Objects;

/**
 * A post as an ingester saw it: one tweet, press item, toot or skeet, normalised. It crosses Kafka on
 * {@code posts.raw} as JSON, keyed by {@link #id()}.
 *
 * @param schemaVersion version of this contract, {@link #SCHEMA_VERSION} when written by this code
 * @param id            stable id ({@code twitter:<id>}, {@code rss:<hash>}, ...), see {@link PostIds}
 * @param source        where the post came from ({@code twitter}, {@code rss}, {@code replay}, {@code simulated}, ...)
 * @param publishedAt   publication time: the event time of every chart, window and alert
 * @param author        author handle or name, or null when the source gives none
 * @param headline      press headline, or null for social posts
 * @param text          body text (for press: the summary), never null
 * @param url           link to the original, or null
 * @param lang          ISO 639-1 language code if known, else null
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
        String lang) {

    public static final int SCHEMA_VERSION = 1;

    public Post {
        requireText(id, "id");
        requireText(source, "source");
        Objects.requireNonNull(publishedAt, "publishedAt");
        Objects.requireNonNull(text, "text");
    }

    /** A post of the current schema version. */
    public static Post of(String id, String source, Instant publishedAt, String author, String headline,
                          String text, String url, String lang) {
        return new Post(SCHEMA_VERSION, id, source, publishedAt, author, headline, text, url, lang);
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
