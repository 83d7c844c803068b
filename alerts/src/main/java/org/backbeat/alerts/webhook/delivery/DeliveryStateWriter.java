package org.backbeat.alerts.webhook.delivery;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.backbeat.core.KafkaProps;
import org.backbeat.core.Topic;

/**
 * Writes delivery states to the deliveries topic from outside the dispatcher (the dashboard's resend), waiting
 * for Kafka's acknowledgement. The dispatcher follows the topic and picks the state up.
 */
public final class DeliveryStateWriter implements AutoCloseable {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(15);

    private final KafkaProducer<String, DeliveryState> producer;
    private final Topic<String, DeliveryState> topic;

    public DeliveryStateWriter(String bootstrapServers, String clientId, Topic<String, DeliveryState> topic) {
        this.topic = topic;
        this.producer = new KafkaProducer<>(KafkaProps.producer(bootstrapServers, clientId),
                topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    /** @throws IllegalStateException when Kafka does not acknowledge within 15 s */
    public void write(DeliveryState state) {
        try {
            producer.send(new ProducerRecord<>(topic.name(), state.key(), state)).get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing delivery " + state.key(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge delivery " + state.key() + " on " + topic.name() + ": " + e, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
