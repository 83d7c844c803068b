package org.backbeat.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A post after NLP: what crosses Kafka on {@code posts.scored} and becomes one Elasticsearch document
 * whose {@code _id} is the post id.
 *
 * @param schemaVersion version of this contract, {@link #SCHEMA_VERSION} when written by this code
 * @param post          the post as ingested
 * @param sentiment     sentiment of the whole post
 * @param entities      ids of the catalogue entities the post is about, in catalogue order, no duplicates
 * @param model         name and version of the scorer that produced {@code sentiment}
 * @param scoredAt      wall-clock time of scoring (processing time, for lag metrics only)
 */
public record ScoredPost(
        int schemaVersion,
        Post post,
        Sentiment sentiment,
        List<String> entities,
        String model,
        Instant scoredAt) {

    public static final int SCHEMA_VERSION = 1;

    public ScoredPost {
        Objects.requireNonNull(post, "post");
        Objects.requireNonNull(sentiment, "sentiment");
        entities = List.copyOf(entities);
        Post.requireText(model, "model");
        Objects.requireNonNull(scoredAt, "scoredAt");
    }

    public static ScoredPost of(Post post, Sentiment sentiment, List<String> entities, String model, Instant scoredAt) {
        return new ScoredPost(SCHEMA_VERSION, post, sentiment, entities, model, scoredAt);
    }

    public String id() {
        return post.id();
    }
}
