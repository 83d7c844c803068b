package org.backbeat.alerts;

import java.time.Instant;
import java.util.List;
import org.backbeat.core.Alert;
import org.backbeat.core.SentimentLabel;

/**
 * What the rules need of one post for one series (an entity, or {@code "*"} for all posts): the slim record
 * on the repartition topic between the fan-out and the evaluation.
 *
 * @param postId      the post id
 * @param publishedAt event time
 * @param source      the post's source
 * @param lang        its language, or null
 * @param topics      its taxonomy topics
 * @param textCluster its text cluster
 * @param sentiment   sentiment towards the entity (for {@code "*"}: of the post), or null when unscored
 * @param negative    whether that sentiment is labelled negative
 * @param author      for the alert's samples
 * @param text        the post's text, cut to {@value #MAX_TEXT} characters, for drivers and samples
 * @param url         link to the post, or null
 * @param partition   the posts.scored partition the post was read from (for the event-time watermark), -1 unknown
 */
public record Observation(String postId, Instant publishedAt, String source, String lang, List<String> topics,
                          String textCluster, Double sentiment, boolean negative, String author, String text, String url,
                          int partition) {

    public static final int MAX_TEXT = 280;

    public Observation {
        topics = topics == null ? List.of() : List.copyOf(topics);
    }

    /** The post as seen in the series of {@code entity}. */
    public static Observation of(ScoredView scored, String entity, int partition) {
        return of(scored, scored.topicIds(), entity, partition);
    }

    /** The same, with the post's topic ids already listed. */
    public static Observation of(ScoredView scored, List<String> topics, String entity, int partition) {
        Double sentiment = null;
        boolean negative = false;
        if (!Alert.ALL_ENTITIES.equals(entity)) {
            for (ScoredView.EntityScore es : scored.entitySentiments()) {
                if (es.entity().equals(entity) && es.sentiment() != null) {
                    sentiment = es.sentiment().score();
                    negative = es.sentiment().label() == SentimentLabel.NEGATIVE;
                }
            }
        }
        if (sentiment == null && scored.sentiment() != null) {
            sentiment = scored.sentiment().score();
            negative = scored.sentiment().label() == SentimentLabel.NEGATIVE;
        }
        String text = scored.post().fullText();
        if (text.length() > MAX_TEXT) {
            text = text.substring(0, MAX_TEXT - 1) + "…";
        }
        return new Observation(scored.post().id(), scored.post().publishedAt(), scored.post().source(), scored.post().lang(),
                topics, scored.textCluster(), sentiment, negative,
                scored.post().author(), text, scored.post().url(), partition);
    }

    public Alert.Sample sample() {
        return new Alert.Sample(postId, publishedAt, author, text, url, sentiment);
    }
}
