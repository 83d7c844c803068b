package org.backbeat.index;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.backbeat.core.KafkaProps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The indexer's Kafka consumer on one topic, batch by batch: poll a batch (read_committed, values left as
 * bytes so that an unreadable one is the indexer's to report), then either commit exactly that batch's
 * offsets or rewind to its first ones so that the next poll returns it again. Offsets are committed by hand
 * only. Like {@link KafkaConsumer}, used by one thread, except {@link #wakeup()}.
 */
final class BatchConsumer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BatchConsumer.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    /** The offset this consumer last committed per partition, so an idle poll commits only what moved. */
    private final Map<TopicPartition, Long> committed = new HashMap<>();

    BatchConsumer(String bootstrapServers, String groupId, String topic, int maxPollRecords) {
        Properties props = KafkaProps.consumer(bootstrapServers, groupId);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
    }

    void subscribe() {
        consumer.subscribe(List.of(topic));
    }

    /** The next batch, possibly empty. Throws {@link WakeupException} after {@link #wakeup()}. */
    ConsumerRecords<String, byte[]> poll(Duration timeout) {
        return consumer.poll(timeout);
    }

    /**
     * Commits the offsets after the batch's last record of each partition. A failed commit is logged, not
     * thrown: the batch was already handled and will come again, harmlessly, after a restart.
     */
    void commit(ConsumerRecords<String, byte[]> batch) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : batch.partitions()) {
            List<ConsumerRecord<String, byte[]>> part = batch.records(tp);
            offsets.put(tp, new OffsetAndMetadata(part.get(part.size() - 1).offset() + 1));
        }
        commitQuietly(offsets);
    }

    /**
     * After a poll that returned nothing, every record before each partition's position has been handled (a batch
     * is committed or rewound before the next poll), so the position may be committed. It differs from the last
     * batch's end only by what a read_committed consumer skips: the commit marker of each producer transaction (the
     * scoring stage writes exactly-once). Without this, an idle indexer looks one record behind per partition.
     */
    void commitIdlePositions() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : consumer.assignment()) {
            Long last = committed.get(tp);
            if (last == null) {
                continue; // nothing handled here yet: nothing of this process's to move past
            }
            long position;
            try {
                position = consumer.position(tp, Duration.ofSeconds(1));
            } catch (KafkaException e) {
                continue; // not known yet (a partition just assigned): the next idle poll tries again
            }
            if (position > last) {
                offsets.put(tp, new OffsetAndMetadata(position));
            }
        }
        if (!offsets.isEmpty()) {
            commitQuietly(offsets);
        }
    }

    private void commitQuietly(Map<TopicPartition, OffsetAndMetadata> offsets) {
        try {
            consumer.commitSync(offsets);
            offsets.forEach((tp, offset) -> committed.put(tp, offset.offset()));
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            // The documents are in Elasticsearch; the records will come again and overwrite them harmlessly.
            log.warn("Committing offsets {} failed (already indexed; they will be indexed again): {}", offsets, e.toString());
        }
    }

    /** Seeks back to the batch's first record of each partition: the next poll returns the batch again. */
    void rewind(ConsumerRecords<String, byte[]> batch) {
        for (TopicPartition tp : batch.partitions()) {
            consumer.seek(tp, batch.records(tp).get(0).offset());
        }
    }

    /** From any thread: makes a blocking {@link #poll} or {@link #commit} throw {@link WakeupException}. */
    void wakeup() {
        consumer.wakeup();
    }

    /** Closes the consumer; a failure to do so is only logged. */
    @Override
    public void close() {
        try {
            consumer.close();
        } catch (RuntimeException e) {
            log.warn("Closing the indexer's Kafka consumer failed", e);
        }
    }

    /** Binds this consumer's Kafka metrics (fetch rate, {@code records-lag}) to the process's registry. */
    void bindMetrics(org.backbeat.core.metrics.ProcessMetrics metrics) {
        metrics.bindClient(consumer);
    }
}
