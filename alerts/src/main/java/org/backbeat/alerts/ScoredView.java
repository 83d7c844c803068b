package org.backbeat.alerts;

import java.time.Instant;
import java.util.List;
import org.backbeat.core.ScoredPost;
import org.backbeat.core.SentimentLabel;
import org.backbeat.core.TextClusters;

/**
 * What the alerts stage reads of a {@code posts.scored} record: the fields the rules and the alerts use, decoded
 * by Jackson from the {@link ScoredPost} JSON with everything else skipped (evidence, mentions, engagement, links,
 * model details). It checks what {@link ScoredPost}'s constructor checks, so a record the scoring contract refuses
 * is refused here too (a dead letter), and it computes the text cluster of records written before it existed the
 * same way.
 *
 * @param schemaVersion    the writer's {@link ScoredPost#SCHEMA_VERSION}
 * @param post             the post's own fields the rules need
 * @param sentiment        of the whole post, or null when unscored
 * @param entities         catalogue entities the post is about
 * @param entitySentiments sentiment towards each of them
 * @param topics           taxonomy topics
 * @param model            the scorer (required, as in the contract)
 * @param unscoredReason   why there is no sentiment
 * @param scoredAt         when it was scored (required, as in the contract; not read otherwise)
 * @param textCluster      its text cluster (computed from the text when absent)
 */
public record ScoredView(int schemaVersion, PostView post, Score sentiment, List<String> entities,
                         List<EntityScore> entitySentiments, List<TopicId> topics, String model, String unscoredReason,
                         String scoredAt, String textCluster) {

    /** The post's fields the alerts use. */
    public record PostView(String id, String source, Instant publishedAt, String author, String headline, String text,
                           String url, String lang) {

        public PostView {
            require(id, "post.id");
            require(source, "post.source");
            if (publishedAt == null) {
                throw new IllegalArgumentException("post.publishedAt must be set");
            }
            if (text == null) {
                throw new IllegalArgumentException("post.text must be set");
            }
        }

        /** Headline and text, as {@link org.backbeat.core.Post#fullText()}. */
        public String fullText() {
            return headline == null || headline.isBlank() ? text : headline + ". " + text;
        }
    }

    /** A sentiment's label and score. */
    public record Score(SentimentLabel label, double score) {
    }

    /** Sentiment towards one entity. */
    public record EntityScore(String entity, Score sentiment) {
    }

    /** A topic match, by its id. */
    public record TopicId(String topic) {
    }

    public ScoredView {
        if (post == null) {
            throw new IllegalArgumentException("post must be set");
        }
        if (sentiment == null && (unscoredReason == null || unscoredReason.isBlank())) {
            throw new IllegalArgumentException("a post without sentiment needs an unscoredReason");
        }
        entities = entities == null ? List.of() : entities;
        entitySentiments = entitySentiments == null ? List.of() : entitySentiments;
        topics = topics == null ? List.of() : topics;
        require(model, "model");
        if (scoredAt == null) {
            throw new IllegalArgumentException("scoredAt must be set");
        }
        if (textCluster == null || textCluster.isBlank()) {
            textCluster = TextClusters.of(post.fullText());
        }
    }

    /** The topic ids. */
    public List<String> topicIds() {
        return topics.stream().map(TopicId::topic).toList();
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
