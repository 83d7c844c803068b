package org.backbeat.alerts.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.backbeat.alerts.AlertTopics;
import org.backbeat.core.Alert;
import org.backbeat.core.KafkaProps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the {@code alerts} topic (committed records only) into {@link AlertHistory}, committing offsets after
 * each batch is indexed: at least once, and the alert id as document id makes a repeat harmless. An unreadable
 * record is logged and skipped (the dispatcher dead-letters it); an Elasticsearch failure is retried with backoff.
 */
public final class AlertHistoryWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AlertHistoryWriter.class);
    public static final String DEFAULT_GROUP = "backbeat-alert-history";

    private final KafkaConsumer<String, byte[]> consumer;
    private final AlertTopics topics;
    private final AlertHistory history;
    private final Thread thread;
    private volatile boolean running = true;

    public AlertHistoryWriter(String bootstrapServers, String group, AlertTopics topics, AlertHistory history) {
        this.consumer = new KafkaConsumer<>(KafkaProps.consumer(bootstrapServers, group), new StringDeserializer(),
                new ByteArrayDeserializer());
        this.topics = topics;
        this.history = history;
        this.thread = new Thread(this::run, "alert-history-writer");
        thread.setDaemon(true);
    }

    public AlertHistoryWriter start() {
        thread.start();
        return this;
    }

    private void run() {
        consumer.subscribe(List.of(topics.alerts().name()));
        long backoff = 500;
        try {
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                List<Alert> alerts = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> r : records) {
                    if (r.value() == null) {
                        continue;
                    }
                    try {
                        alerts.add(topics.alerts().valueSerde().deserializer().deserialize(r.topic(), r.value()));
                    } catch (RuntimeException e) {
                        log.error("Alert record {} at {}-{}@{} is not an alert, not indexed: {}", r.key(), r.topic(),
                                r.partition(), r.offset(), e.getMessage());
                    }
                }
                while (running) {
                    try {
                        history.indexAll(alerts);
                        consumer.commitSync();
                        backoff = 500;
                        break;
                    } catch (StoreUnavailableException e) {
                        log.warn("Alert history not written, retrying in {} ms: {}", backoff, e.getMessage());
                        Thread.sleep(backoff);
                        backoff = Math.min(backoff * 2, 30_000);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
