package org.backbeat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.backbeat.core.KafkaProps;
import org.backbeat.core.TopicAdmin;
import org.backbeat.core.Topics;
import org.backbeat.infra.LocalKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stages start together and each makes sure the topics exist; none may fail because another was first. */
class TopicAdminTest {

    @TempDir
    Path dir;

    @Test
    void processes_creating_the_topics_at_once_all_succeed() throws Exception {
        Topics topics = Topics.withPartitions(4);
        try (LocalKafka kafka = LocalKafka.start(dir, 0)) {
            CyclicBarrier together = new CyclicBarrier(4);
            List<CompletableFuture<Void>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(CompletableFuture.runAsync(() -> {
                    try {
                        together.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    TopicAdmin.ensureTopics(kafka.bootstrapServers(), topics, Duration.ofSeconds(30));
                }));
            }
            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).join();

            try (Admin admin = Admin.create(KafkaProps.admin(kafka.bootstrapServers(), "test"))) {
                Map<String, TopicDescription> described = admin.describeTopics(
                        List.of("posts.raw", "posts.scored", "posts.dlq")).allTopicNames().get();
                assertThat(described.values()).extracting(d -> d.partitions().size()).containsOnly(4);
            }
        }
    }
}
