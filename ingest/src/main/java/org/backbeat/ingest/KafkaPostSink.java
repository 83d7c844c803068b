package org.backbeat.ingest;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.backbeat.core.DeadLetter;
import org.backbeat.core.KafkaConfig;
import org.backbeat.core.KafkaProps;
import org.backbeat.core.Post;
import org.backbeat.core.Topic;

/**
 * Sends posts to {@code posts.raw} keyed by post id, deletions as tombstones there, and rejects to {@code posts.dlq}, through one
 * idempotent producer. A send that fails after the producer's own retries fails the next call loudly
 * rather than being forgotten.
 */
public final class KafkaPostSink implements PostSink {

    private final KafkaProducer<String, byte[]> producer;
    private final Topic<String, Post> raw;
    private final Topic<String, DeadLetter> deadLetters;
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    private final Callback onCompletion = (metadata, e) -> {
        if (e != null) {
            firstFailure.compareAndSet(null, e);
        }
    };

    public KafkaPostSink(KafkaConfig kafka, String clientId) {
        this.producer = new KafkaProducer<>(KafkaProps.producer(kafka.bootstrapServers(), clientId),
                new StringSerializer(), new ByteArraySerializer());
        this.raw = kafka.topics().raw();
        this.deadLetters = kafka.topics().deadLetter();
    }

    @Override
    public void accept(Post post) {
        send(raw.name(), post.id(), raw.valueSerde().serializer().serialize(raw.name(), post));
    }

    @Override
    public void reject(DeadLetter deadLetter) {
        send(deadLetters.name(), deadLetter.key(), deadLetters.valueSerde().serializer().serialize(deadLetters.name(), deadLetter));
    }

    /** A tombstone on {@code posts.raw}: the NLP topology forwards it and the indexer deletes the document. */
    @Override
    public void delete(String postId) {
        send(raw.name(), postId, null);
    }

    private void send(String topic, String key, byte[] value) {
        throwIfFailed();
        producer.send(new ProducerRecord<>(topic, key, value), onCompletion);
    }

    @Override
    public void flush() {
        producer.flush();
        throwIfFailed();
    }

    @Override
    public void close() {
        try {
            flush();
        } finally {
            producer.close(Duration.ofSeconds(10));
        }
    }

    private void throwIfFailed() {
        Exception e = firstFailure.get();
        if (e != null) {
            throw new IllegalStateException("could not write to Kafka: " + e.getMessage(), e);
        }
    }
}
