package org.backbeat.core;

import java.util.List;

/**
 * One entity a text is about, with the mentions that make it so. A parent entity carries the mentions of
 * its products ("Cloud Player" is a mention of Amazon too).
 *
 * @param entity   catalogue entity id
 * @param mentions the mentions, in text order
 */
public record EntityMatch(String entity, List<Mention> mentions) {

    public EntityMatch {
        Post.requireText(entity, "entity");
        mentions = List.copyOf(mentions);
    }

    /** The mentions' words as written, each once, in text order. */
    public List<String> words() {
        return mentions.stream().map(Mention::text).distinct().toList();
    }
}
