package org.backbeat.core;

import java.util.List;

/**
 * One topic of the taxonomy a post is about, with the words that triggered it.
 *
 * @param topic    taxonomy topic id, e.g. {@code lawsuit}
 * @param evidence the words of the post that matched, as written
 */
public record TopicMatch(String topic, List<String> evidence) {

    public TopicMatch {
        Post.requireText(topic, "topic");
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }
}
