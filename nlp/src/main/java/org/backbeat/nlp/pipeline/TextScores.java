package org.backbeat.nlp.pipeline;

import java.util.List;
import java.util.Objects;
import org.backbeat.core.EntitySentiment;
import org.backbeat.core.Sentiment;

/**
 * What the scorer said about one text: the expensive part of analysing a post, cached by normalised text
 * so a retweet or cross-post is not scored again.
 *
 * @param overall  sentiment of the whole text
 * @param entities sentiment towards each entity the text names
 */
public record TextScores(Sentiment overall, List<EntitySentiment> entities) {

    public TextScores {
        Objects.requireNonNull(overall, "overall");
        entities = entities == null ? List.of() : List.copyOf(entities);
    }

    /** The sentiment towards {@code entity}, or the overall sentiment if these scores do not cover it. */
    public Sentiment towards(String entity) {
        return entities.stream().filter(e -> e.entity().equals(entity)).map(EntitySentiment::sentiment)
                .findFirst().orElse(overall);
    }
}
