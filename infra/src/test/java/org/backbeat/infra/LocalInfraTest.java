package org.backbeat.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalInfraTest {

    @Test
    void starts_kafka_and_elasticsearch_together_and_stops_both(@TempDir Path dir) throws Exception {
        LocalInfra.Settings settings = new LocalInfra.Settings(TestDirs.searchable(dir), 0, 0, LocalElasticsearch.defaultHome(), 256);
        int kafkaPort;
        int esPort;

        try (LocalInfra infra = LocalInfra.start(settings)) {
            kafkaPort = Integer.parseInt(infra.bootstrapServers().split(":")[1]);
            esPort = infra.elasticsearchUri().getPort();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()))) {
                assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
            }
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(infra.elasticsearchUri().resolve("/_cluster/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.body()).contains("\"cluster_name\":\"" + LocalElasticsearch.CLUSTER_NAME + "\"");
            assertThat(infra.elasticsearchUri()).isEqualTo(URI.create("http://127.0.0.1:" + esPort));
        }

        assertThat(dir.resolve("kafka").resolve("meta.properties")).exists();
        assertThat(dir.resolve("elasticsearch").resolve("data")).isDirectory();
        assertThat(PortCheck.isBound(kafkaPort)).isFalse();
        assertThat(PortCheck.isBound(esPort)).isFalse();
    }

    @Test
    void when_elasticsearch_cannot_start_the_broker_is_stopped_too(@TempDir Path dir) {
        int kafkaPort = PortCheck.freePort();
        LocalInfra.Settings settings = new LocalInfra.Settings(dir, kafkaPort, 0, dir.resolve("no-such-es"), 256);

        assertThatThrownBy(() -> LocalInfra.start(settings))
                .isInstanceOf(InfraStartException.class)
                .hasMessageContaining("bin/elasticsearch is missing");
        assertThat(PortCheck.isBound(kafkaPort)).isFalse();
    }
}
