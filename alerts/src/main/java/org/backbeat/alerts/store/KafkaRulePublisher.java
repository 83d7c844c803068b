package org.backbeat.alerts.store;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.backbeat.alerts.rules.AlertRule;
import org.backbeat.core.KafkaProps;
import org.backbeat.core.Topic;

/** Publishes rule changes to the compacted rules topic and waits for the broker's acknowledgement. */
public final class KafkaRulePublisher implements RuleStore.Publisher, AutoCloseable {

    private final KafkaProducer<String, AlertRule> producer;
    private final Topic<String, AlertRule> topic;

    public KafkaRulePublisher(String bootstrapServers, Topic<String, AlertRule> topic, String clientId) {
        this.producer = new KafkaProducer<>(KafkaProps.producer(bootstrapServers, clientId), new StringSerializer(),
                topic.valueSerde().serializer());
        this.topic = topic;
    }

    @Override
    public void publish(String id, AlertRule rule) {
        try {
            producer.send(new ProducerRecord<>(topic.name(), id, rule)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while publishing rule " + id, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new StoreUnavailableException("cannot publish rule " + id + " to Kafka topic " + topic.name() + ": "
                    + e.getMessage() + " (is the broker up?)", e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
