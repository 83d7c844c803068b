package org.backbeat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml cannot be run here (no Docker engine), but Debian's docker-compose validates it without
 * one. The check is required everywhere: {@code ./backbeat test} (and so CI) installs docker-compose, and
 * without it the test fails naming the package.
 */
class DockerComposeFileTest {

    private static final Path COMPOSE = Path.of("..", "docker-compose.yml");

    @Test
    void compose_file_is_valid_and_wires_each_stage_to_kafka_and_elasticsearch() throws Exception {
        boolean installed = Files.isExecutable(Path.of("/usr/bin/docker-compose"));
        assertThat(installed).as("/usr/bin/docker-compose is missing: install Debian's docker-compose "
                + "(apt-get install docker-compose), or run ./backbeat test, which does").isTrue();

        Process check = new ProcessBuilder("docker-compose", "-f", COMPOSE.toString(), "config")
                .redirectErrorStream(true).start();
        String resolved = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(check.exitValue()).as(resolved).isZero();
        assertThat(resolved)
                .contains("image: apache/kafka:", "image: docker.elastic.co/elasticsearch/elasticsearch:8.19.4")
                .contains("BACKBEAT_KAFKA: kafka:9092", "BACKBEAT_ELASTICSEARCH: http://elasticsearch:9200")
                .contains("- ingest", "- nlp", "- index", "- dashboard")
                .contains("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: 1");
    }
}
