package org.backbeat.dashboard;

import java.time.Instant;
import java.util.List;
import org.backbeat.core.ScoredPost;
import org.backbeat.core.Sentiment;

/**
 * One post as indexed: flat, searchable, its {@code _id} is {@link #id()} (the post id), so a replay or a
 * redelivered Kafka record overwrites instead of duplicating. The fields match {@link PostIndex}'s strict mapping.
 */
public record PostDocument(
        String id,
        String source,
        Instant publishedAt,
        String author,
        String headline,
        String text,
        String url,
        String lang,
        List<String> entities,
        Sentiment sentiment,
        String model,
        Instant scoredAt) {

    public PostDocument {
        entities = entities == null ? List.of() : List.copyOf(entities);
    }

    public static PostDocument from(ScoredPost scored) {
        var post = scored.post();
        return new PostDocument(post.id(), post.source(), post.publishedAt(), post.author(), post.headline(),
                post.text(), post.url(), post.lang(), scored.entities(), scored.sentiment(), scored.model(),
                scored.scoredAt());
    }
}
