package org.backbeat.index;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.backbeat.core.DeadLetter;
import org.backbeat.core.KafkaProps;
import org.backbeat.core.Topic;

/**
 * The indexer's way to {@code posts.dlq}: its own idempotent producer and the topic. {@link #send} returns only
 * once the broker has acknowledged every letter, so the batch they came from can be committed safely.
 */
final class DeadLetterSink implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final Topic<String, DeadLetter> topic;

    DeadLetterSink(String bootstrapServers, String clientId, Topic<String, DeadLetter> topic) {
        this.producer = new KafkaProducer<>(KafkaProps.producer(bootstrapServers, clientId),
                new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
    }

    /** Kafka did not acknowledge a dead letter: the batch must not be committed. */
    static final class NotSentException extends Exception {
        NotSentException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Sends the letters (keyed by their {@link DeadLetter#key()}), flushes, and waits for every acknowledgement. */
    void send(List<DeadLetter> letters) throws NotSentException, InterruptedException {
        if (letters.isEmpty()) {
            return;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        try {
            for (DeadLetter letter : letters) {
                byte[] value = topic.valueSerde().serializer().serialize(topic.name(), letter);
                acks.add(producer.send(new ProducerRecord<>(topic.name(), letter.key(), value)));
            }
            producer.flush();
        } catch (KafkaException e) {
            throw new NotSentException("cannot write to " + topic.name() + ": " + e.getMessage(), e);
        }
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                throw new NotSentException("cannot write to " + topic.name() + ": " + cause.getMessage(), cause);
            }
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }

    /** Binds this producer's Kafka metrics to the process's registry. */
    void bindMetrics(org.backbeat.core.metrics.ProcessMetrics metrics) {
        metrics.bindClient(producer);
    }
}
