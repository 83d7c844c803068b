package org.backbeat.core;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/** A Kafka topic as a typed value: its name and the serdes of its keys and values, always together. */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

    public Topic {
        Post.requireText(name, "topic name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
    }
}
