package org.backbeat.core;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the pipeline's topics when they are missing; existing topics are left as they are. */
public final class TopicAdmin {

    private static final Logger log = LoggerFactory.getLogger(TopicAdmin.class);

    private TopicAdmin() {
    }

    /** How long a process waits for the broker to list and create topics at start-up. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public static void ensureTopics(String bootstrapServers, Topics topics) {
        ensureTopics(bootstrapServers, topics, DEFAULT_TIMEOUT);
    }

    public static void ensureTopics(String bootstrapServers, Topics topics, Duration timeout) {
        ensureTopics(bootstrapServers, topics.newTopics(), timeout);
    }

    /** Creates the given topics (with their configs, e.g. compaction) when missing; existing ones are left as they are. */
    public static void ensureTopics(String bootstrapServers, List<NewTopic> wanted, Duration timeout) {
        try (Admin admin = Admin.create(KafkaProps.admin(bootstrapServers, "backbeat-topic-admin"))) {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            for (var created : admin.createTopics(missing).values().entrySet()) {
                try {
                    created.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    log.info("Created topic {}", created.getKey());
                } catch (ExecutionException e) {
                    // Another process (ingest, nlp and dashboard start together) created it first: fine.
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create topics on Kafka at " + bootstrapServers
                    + " within " + timeout.toSeconds() + " s: " + e.getMessage()
                    + " (is the broker up, and may this client create topics?)", e);
        }
    }
}
