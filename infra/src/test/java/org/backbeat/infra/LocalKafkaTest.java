package org.backbeat.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKafkaTest {

    private static final String TOPIC = "posts.raw";

    @Test
    void a_record_goes_through_and_the_topic_survives_a_restart(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("kafka");
        int port;

        // given a fresh broker, when a topic is created and one record produced, then it is consumed back
        try (LocalKafka kafka = LocalKafka.start(dataDir, 0)) {
            port = Integer.parseInt(kafka.bootstrapServers().substring(kafka.bootstrapServers().indexOf(':') + 1));
            assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            try (Admin admin = admin(kafka)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(TOPIC, "twitter:1", "Amazon launches Cloud Player")).get();
            }
            assertThat(consumeAll(kafka)).extracting(ConsumerRecord::key, ConsumerRecord::value)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("twitter:1", "Amazon launches Cloud Player"));
        }

        // then the port is released at once
        assertThat(PortCheck.isBound(port)).isFalse();
        String clusterId = Files.readString(dataDir.resolve("meta.properties"));

        // when restarted on the same directory (and a fixed port), then it was not reformatted: topic and record are there
        try (LocalKafka kafka = LocalKafka.start(dataDir, port)) {
            assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            try (Admin admin = admin(kafka)) {
                assertThat(admin.listTopics().names().get()).contains(TOPIC);
            }
            assertThat(consumeAll(kafka)).hasSize(1);
        }
        assertThat(Files.readString(dataDir.resolve("meta.properties"))).isEqualTo(clusterId);
        assertThat(PortCheck.isBound(port)).isFalse();
    }

    @Test
    void close_twice_is_harmless(@TempDir Path dir) {
        LocalKafka kafka = LocalKafka.start(dir, 0);
        kafka.close();
        kafka.close();
        assertThat(PortCheck.isBound(Integer.parseInt(kafka.bootstrapServers().split(":")[1]))).isFalse();
    }

    @Test
    void a_taken_port_fails_with_a_clear_exception_and_the_jvm_lives_on(@TempDir Path dir) throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> LocalKafka.start(dir, taken.getLocalPort()))
                    .isInstanceOf(InfraStartException.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort());
        }
    }

    private static Admin admin(LocalKafka kafka) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    private static List<ConsumerRecord<String, String>> consumeAll(LocalKafka kafka) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(Set.of(TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }
}
