package org.backbeat.core;

import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The pipeline's topics, all keyed by post id.
 *
 * @param raw        posts as ingested ({@code posts.raw})
 * @param scored     posts after NLP ({@code posts.scored})
 * @param deadLetter records a stage could not process, with the reason ({@code posts.dlq})
 * @param partitions partitions each topic is created with
 */
public record Topics(Topic<String, Post> raw, Topic<String, ScoredPost> scored,
                     Topic<String, DeadLetter> deadLetter, int partitions) {

    public static final String DEFAULT_RAW = "posts.raw";
    public static final String DEFAULT_SCORED = "posts.scored";
    public static final String DEFAULT_DLQ = "posts.dlq";
    public static final int DEFAULT_PARTITIONS = 6;

    public Topics {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
    }

    /** The default topic names with the given partition count. */
    public static Topics withPartitions(int partitions) {
        return named(DEFAULT_RAW, DEFAULT_SCORED, DEFAULT_DLQ, partitions);
    }

    public static Topics named(String raw, String scored, String deadLetter, int partitions) {
        return new Topics(
                new Topic<>(raw, Serdes.String(), new JsonSerde<>(Post.class)),
                new Topic<>(scored, Serdes.String(), new JsonSerde<>(ScoredPost.class)),
                new Topic<>(deadLetter, Serdes.String(), new JsonSerde<>(DeadLetter.class)),
                partitions);
    }

    /** Topic definitions for the admin client; the replication factor is the broker's default. */
    public List<NewTopic> newTopics() {
        return List.of(raw.name(), scored.name(), deadLetter.name()).stream()
                .map(name -> new NewTopic(name, java.util.Optional.of(partitions), java.util.Optional.empty()))
                .toList();
    }
}
