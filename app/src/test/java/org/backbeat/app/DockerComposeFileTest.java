package org.backbeat.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.backbeat.index.IndexConfig;
import org.backbeat.nlp.pipeline.NlpConfig;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml cannot be run here (no Docker engine), but Debian's docker-compose validates it without
 * one. The check is required everywhere: {@code ./backbeat test} (and so CI) installs docker-compose, and
 * without it the test fails naming the package. The resolved file is then read back to check what the deployment
 * promises: every service probed and restarted, nlp scalable, Kafka and Elasticsearch data on volumes.
 */
class DockerComposeFileTest {

    private static final Path COMPOSE = Path.of("..", "docker-compose.yml");
    private static final List<String> STAGES = List.of("ingest", "nlp", "index", "alerts", "dashboard");

    @Test
    void compose_file_is_valid_and_wires_each_stage_to_kafka_and_elasticsearch() throws Exception {
        String resolved = resolve();

        assertThat(resolved)
                .contains("image: apache/kafka:", "image: docker.elastic.co/elasticsearch/elasticsearch:8.19.4")
                .contains("BACKBEAT_KAFKA: kafka:9092", "BACKBEAT_ELASTICSEARCH: http://elasticsearch:9200")
                .contains("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: 1");
        JsonNode services = new ObjectMapper(new YAMLFactory()).readTree(resolved).path("services");
        assertThat(services.fieldNames()).toIterable().containsAll(STAGES).contains("kafka", "elasticsearch", "kibana");
    }

    @Test
    void every_service_is_probed_restarted_and_started_after_what_it_needs() throws Exception {
        JsonNode services = new ObjectMapper(new YAMLFactory()).readTree(resolve()).path("services");

        services.fields().forEachRemaining(service -> {
            JsonNode s = service.getValue();
            assertThat(s.path("healthcheck").path("test").isArray()).as(service.getKey() + " has a healthcheck").isTrue();
            assertThat(s.path("restart").asText()).as(service.getKey() + " restarts").isEqualTo("unless-stopped");
            s.path("depends_on").forEach(dependency ->
                    assertThat(dependency.path("condition").asText()).as(service.getKey()).isEqualTo("service_healthy"));
        });
        for (String stage : STAGES) {
            assertThat(services.path(stage).path("depends_on").has("kafka")).as(stage + " waits for Kafka").isTrue();
            assertThat(services.path(stage).path("environment").path("JAVA_TOOL_OPTIONS").asText()).as(stage + " heap")
                    .contains("-Xmx");
        }
        assertThat(services.path("kibana").path("profiles").get(0).asText()).isEqualTo("kibana");
        // Kafka's and Elasticsearch's data outlive their containers
        assertThat(services.path("kafka").path("volumes").get(0).asText())
                .startsWith("kafka-data:" + services.path("kafka").path("environment").path("KAFKA_LOG_DIRS").asText() + ":");
        assertThat(services.path("elasticsearch").path("volumes").get(0).asText()).startsWith("es-data:/usr/share/elasticsearch/data");
    }

    @Test
    void nlp_scales_without_a_host_port_with_static_membership_and_one_application_id() throws Exception {
        JsonNode services = new ObjectMapper(new YAMLFactory()).readTree(resolve()).path("services");
        JsonNode nlp = services.path("nlp");
        JsonNode env = nlp.path("environment");

        assertThat(nlp.has("ports")).as("a fixed host port would stop --scale nlp=3").isFalse();
        assertThat(nlp.has("container_name")).isFalse();
        assertThat(env.path("BACKBEAT_INSTANCE_ID").asText()).isEqualTo(NlpConfig.HOSTNAME);
        assertThat(env.path("BACKBEAT_NLP_APPLICATION_ID").asText()).isEqualTo(NlpConfig.DEFAULT_APPLICATION_ID);
        assertThat(env.has("BACKBEAT_NLP_STANDBY_REPLICAS")).isTrue();
        // its state directory is a volume of its own (one per replica)
        assertThat(nlp.path("volumes").toString()).contains(env.path("BACKBEAT_NLP_STATE_DIR").asText());
        assertThat(nlp.path("healthcheck").path("test").toString())
                .contains("/" + env.path("BACKBEAT_NLP_HEALTH_PORT").asText(), "/health");
        assertThat(env.path("BACKBEAT_NLP_HEALTH_PORT").asInt()).isEqualTo(NlpConfig.COMPOSE_HEALTH_PORT);
        // enough partitions for the largest scale the file documents: 6 replicas x 2 threads
        int partitions = env.path("BACKBEAT_KAFKA_PARTITIONS").asInt();
        assertThat(partitions).isGreaterThanOrEqualTo(6 * env.path("BACKBEAT_NLP_THREADS").asInt());
        // the index and dashboard probes are the ports their configs default to
        assertThat(services.path("index").path("healthcheck").path("test").toString())
                .contains("/" + IndexConfig.DEFAULT_HEALTH_PORT);
        assertThat(services.path("dashboard").path("ports").toString()).contains("7070");
    }

    /** {@code docker-compose config}: the file validated, with its anchors, merges and defaults resolved. */
    private static String resolve() throws Exception {
        boolean installed = Files.isExecutable(Path.of("/usr/bin/docker-compose"));
        assertThat(installed).as("/usr/bin/docker-compose is missing: install Debian's docker-compose "
                + "(apt-get install docker-compose), or run ./backbeat test, which does").isTrue();
        ProcessBuilder builder = new ProcessBuilder("docker-compose", "-f", COMPOSE.toString(), "config").redirectErrorStream(true);
        // The file's own defaults, not whatever the machine running the test has set or keeps in an .env file.
        builder.environment().keySet().removeIf(k -> k.startsWith("BACKBEAT_") || k.startsWith("TWITTER_") || k.startsWith("MASTODON_"));
        Process check = builder.start();
        String resolved = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(resolved).isZero();
        return resolved;
    }
}
