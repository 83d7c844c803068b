package org.backbeat.index.schema;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.backbeat.core.Engagement;
import org.backbeat.core.EntitySentiment;
import org.backbeat.core.ScoredPost;
import org.backbeat.core.Sentiment;
import org.backbeat.core.SentimentLabel;
import org.backbeat.core.TopicMatch;

/**
 * One post as indexed: flat where it can be, its {@code _id} is {@link #id()} (the post id), so a replay or a
 * redelivered Kafka record overwrites instead of duplicating. It lives in the monthly index of its
 * {@link #publishedAt()} (see {@link PostIndex}). The fields match {@link PostIndex}'s strict mapping.
 *
 * <p>{@link #entitySentiments()} (a {@code nested} field) holds one entry per entity of {@link #entities()}:
 * the sentiment towards that entity when the NLP stage gave one ({@code targeted = true}), else the post's
 * own sentiment ({@code targeted = false}), or no score at all when the post was not scored.
 *
 * @param engagementTotal the sum of the known engagement counts: what "most engaged" sorts on
 * @param scored          whether the post has a sentiment (unscored posts count in volume, not in means)
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
        Engagement engagement,
        long engagementTotal,
        String replyTo,
        String repostOf,
        String quoteOf,
        String declaredEntity,
        String declaredLabel,
        List<String> entities,
        List<EntityScore> entitySentiments,
        List<String> topics,
        List<TopicMatch> topicMatches,
        Sentiment sentiment,
        boolean scored,
        String unscoredReason,
        String model,
        String taxonomyVersion,
        Instant scoredAt) {

    /**
     * Sentiment towards one entity as indexed; {@code label} and {@code score} are null when the post was not scored.
     *
     * @param targeted    true when the sentiment is the NLP stage's sentiment towards the entity, false when it is
     *                    the post's overall sentiment standing in for it
     * @param publishedAt the post's publication time, repeated here so that an entity's series aggregates the
     *                    nested entries directly (one nested aggregation instead of one per time bucket)
     */
    public record EntityScore(String entity, SentimentLabel label, Double score, Double confidence, boolean targeted,
                              List<String> mentions, Instant publishedAt) {
        public EntityScore {
            mentions = mentions == null ? List.of() : List.copyOf(mentions);
        }
    }

    public PostDocument {
        entities = entities == null ? List.of() : List.copyOf(entities);
        entitySentiments = entitySentiments == null ? List.of() : List.copyOf(entitySentiments);
        topics = topics == null ? List.of() : List.copyOf(topics);
        topicMatches = topicMatches == null ? List.of() : List.copyOf(topicMatches);
    }

    public static PostDocument from(ScoredPost scored) {
        var post = scored.post();
        Map<String, EntitySentiment> targeted = scored.entitySentiments().stream()
                .collect(Collectors.toMap(EntitySentiment::entity, Function.identity(), (a, b) -> a));
        List<String> entities = new ArrayList<>(scored.entities());
        // an entity sentiment for an entity the list lacks still names the entity
        targeted.keySet().stream().filter(e -> !entities.contains(e)).forEach(entities::add);
        List<EntityScore> scores = new ArrayList<>();
        for (String entity : entities) {
            EntitySentiment es = targeted.get(entity);
            Sentiment s = es != null ? es.sentiment() : scored.sentiment();
            scores.add(new EntityScore(entity, s == null ? null : s.label(), s == null ? null : s.score(),
                    s == null ? null : s.confidence(), es != null, es == null ? List.of() : es.mentions(), post.publishedAt()));
        }
        Engagement engagement = post.engagement();
        return new PostDocument(post.id(), post.source(), post.publishedAt(), post.author(), post.headline(),
                post.text(), post.url(), post.lang(), engagement, engagement == null ? 0 : engagement.total(),
                post.replyTo(), post.repostOf(), post.quoteOf(), post.declaredEntity(), post.declaredLabel(),
                entities, scores, scored.topics().stream().map(TopicMatch::topic).distinct().toList(),
                scored.topics(), scored.sentiment(), scored.isScored(), scored.unscoredReason(), scored.model(),
                scored.taxonomyVersion(), scored.scoredAt());
    }
}
