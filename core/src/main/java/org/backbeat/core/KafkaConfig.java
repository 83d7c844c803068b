package org.backbeat.core;

/**
 * How a process reaches Kafka and which topics it uses.
 *
 * @param bootstrapServers {@code host:port,...}
 * @param topics           the pipeline's topics
 */
public record KafkaConfig(String bootstrapServers, Topics topics) {

    public static final String BOOTSTRAP = "kafka";
    public static final String PARTITIONS = "kafka.partitions";

    /** Reads {@code kafka} (env {@code BACKBEAT_KAFKA}) and {@code kafka.partitions}; the bootstrap may be absent. */
    public static KafkaConfig from(Settings settings) {
        return new KafkaConfig(settings.get(BOOTSTRAP, null),
                Topics.withPartitions(settings.getInt(PARTITIONS, Topics.DEFAULT_PARTITIONS)));
    }

    public KafkaConfig withBootstrap(String servers) {
        return new KafkaConfig(servers, topics);
    }
}
