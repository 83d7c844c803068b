package org.backbeat.dashboard.export;

import java.time.Instant;
import java.util.List;
import org.backbeat.core.SentimentLabel;

/**
 * The fields of an indexed post that the posts export reads (a {@code _source} filter asks for just these; the
 * rest of the document, e.g. topic evidence, never crosses the wire). Names follow the posts index mapping.
 */
public record ExportedPost(String id, Instant publishedAt, String source, String author, String headline, String text,
                           String url, String lang, Score sentiment, List<EntityScore> entitySentiments,
                           List<String> entities, List<String> topics, Long engagementTotal) {

    /** The fields to ask Elasticsearch for. */
    public static final List<String> FIELDS = List.of("id", "publishedAt", "source", "author", "headline", "text", "url",
            "lang", "sentiment", "entitySentiments.entity", "entitySentiments.label", "entitySentiments.score",
            "entitySentiments.confidence", "entitySentiments.targeted", "entities", "topics", "engagementTotal");

    public ExportedPost {
        entitySentiments = entitySentiments == null ? List.of() : entitySentiments;
        entities = entities == null ? List.of() : entities;
        topics = topics == null ? List.of() : topics;
    }

    /** A post's overall sentiment; fields null when the post was not scored. */
    public record Score(SentimentLabel label, Double score, Double confidence) {
    }

    /** Sentiment towards one entity: targeted by the NLP stage, or the post's own standing in for it. */
    public record EntityScore(String entity, SentimentLabel label, Double score, Double confidence, boolean targeted) {
    }

    /** The entry of {@code entity}, if the post has one. */
    public EntityScore towards(String entity) {
        for (EntityScore e : entitySentiments) {
            if (e.entity().equals(entity)) {
                return e;
            }
        }
        return null;
    }
}
