package org.backbeat.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A post after NLP: what crosses Kafka on {@code posts.scored} and becomes Elasticsearch document(s)
 * whose {@code _id} is the post id. Version 1 records still read: the fields they lack are empty or null.
 * Versions 1 and 2 have no {@code textCluster}: reading one computes it from the post's text.
 *
 * @param schemaVersion    version of this contract, {@link #SCHEMA_VERSION} when written by this code
 * @param post             the post as ingested
 * @param sentiment        sentiment of the whole post, or null when the post was not scored
 *                         ({@code unscoredReason} then says why, e.g. a language the model does not read)
 * @param entities         ids of the catalogue entities the post is about, in catalogue order, no duplicates
 * @param entitySentiments sentiment towards each entity of {@code entities}, in the same order (may be empty
 *                         when the post was not scored)
 * @param topics           topics of the taxonomy the post is about, with evidence
 * @param model            name and version of the scorer that produced {@code sentiment}
 * @param taxonomyVersion  version of the topic taxonomy that produced {@code topics}, or null
 * @param unscoredReason   why the post has no sentiment, or null when it has one
 * @param scoredAt         wall-clock time of scoring (processing time, for lag metrics only)
 * @param textCluster      id of the post's normalised text ({@link TextClusters#of(Post)}): copies and retweets of
 *                         one text share it; when null (older writers) it is computed from the post's text
 */
public record ScoredPost(
        int schemaVersion,
        Post post,
        Sentiment sentiment,
        List<String> entities,
        List<EntitySentiment> entitySentiments,
        List<TopicMatch> topics,
        String model,
        String taxonomyVersion,
        String unscoredReason,
        Instant scoredAt,
        String textCluster) {

    public static final int SCHEMA_VERSION = 3;

    public ScoredPost {
        Objects.requireNonNull(post, "post");
        if (sentiment == null && (unscoredReason == null || unscoredReason.isBlank())) {
            throw new IllegalArgumentException("a post without sentiment needs an unscoredReason");
        }
        entities = entities == null ? List.of() : List.copyOf(entities);
        entitySentiments = entitySentiments == null ? List.of() : List.copyOf(entitySentiments);
        topics = topics == null ? List.of() : List.copyOf(topics);
        Post.requireText(model, "model");
        Objects.requireNonNull(scoredAt, "scoredAt");
        if (textCluster == null || textCluster.isBlank()) {
            textCluster = TextClusters.of(post);
        }
    }

    /** A scored post whose text cluster is computed from the post's text. */
    public ScoredPost(int schemaVersion, Post post, Sentiment sentiment, List<String> entities,
                      List<EntitySentiment> entitySentiments, List<TopicMatch> topics, String model,
                      String taxonomyVersion, String unscoredReason, Instant scoredAt) {
        this(schemaVersion, post, sentiment, entities, entitySentiments, topics, model, taxonomyVersion,
                unscoredReason, scoredAt, null);
    }

    /** This scored post in another text cluster (e.g. its original's, for a repost). */
    public ScoredPost withTextCluster(String cluster) {
        return new ScoredPost(schemaVersion, post, sentiment, entities, entitySentiments, topics, model,
                taxonomyVersion, unscoredReason, scoredAt, cluster);
    }

    /** A scored post with post-level sentiment and entities only (no entity sentiment, no topics). */
    public static ScoredPost of(Post post, Sentiment sentiment, List<String> entities, String model, Instant scoredAt) {
        return new ScoredPost(SCHEMA_VERSION, post, Objects.requireNonNull(sentiment, "sentiment"), entities,
                List.of(), List.of(), model, null, null, scoredAt);
    }

    /** A post kept without a score, e.g. in a language the model does not read. */
    public static ScoredPost unscored(Post post, List<String> entities, List<TopicMatch> topics, String model,
                                      String taxonomyVersion, String reason, Instant scoredAt) {
        return new ScoredPost(SCHEMA_VERSION, post, null, entities, List.of(), topics, model, taxonomyVersion,
                reason, scoredAt);
    }

    public boolean isScored() {
        return sentiment != null;
    }

    public String id() {
        return post.id();
    }
}
