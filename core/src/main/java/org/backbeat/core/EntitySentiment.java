package org.backbeat.core;

import java.util.List;
import java.util.Objects;

/**
 * Sentiment of a post towards one catalogue entity, from the sentences or clauses that mention it.
 *
 * @param entity    catalogue entity id
 * @param sentiment sentiment towards the entity
 * @param mentions  the words in the post that named the entity (alias, handle or hashtag as written)
 */
public record EntitySentiment(String entity, Sentiment sentiment, List<String> mentions) {

    public EntitySentiment {
        Post.requireText(entity, "entity");
        Objects.requireNonNull(sentiment, "sentiment");
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
    }
}
