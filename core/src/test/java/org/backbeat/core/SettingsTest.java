package org.backbeat.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @Test
    void overrides_win_over_the_file_and_the_file_over_defaults(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("backbeat.properties");
        Files.writeString(file, "kafka=broker:9092\nkafka.partitions=3\n");

        Settings settings = Settings.load(file, Map.of("kafka", "override:9092"));
        KafkaConfig kafka = KafkaConfig.from(settings);

        assertThat(kafka.bootstrapServers()).isEqualTo("override:9092");
        assertThat(kafka.topics().partitions()).isEqualTo(3);
        assertThat(settings.get("dashboard.port", "7070")).isEqualTo("7070");
    }

    @Test
    void env_names_follow_the_key() {
        assertThat(Settings.envName("kafka.partitions")).isEqualTo("BACKBEAT_KAFKA_PARTITIONS");
        assertThat(Settings.envName("es-heap")).isEqualTo("BACKBEAT_ES_HEAP");
    }

    @Test
    void a_bad_number_names_the_setting_and_its_variable() {
        Settings settings = Settings.of(Map.of("kafka.partitions", "six"));

        assertThatThrownBy(() -> KafkaConfig.from(settings))
                .hasMessageContaining("kafka.partitions").hasMessageContaining("BACKBEAT_KAFKA_PARTITIONS");
    }
}
