package org.backbeat.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.backbeat.core.Catalogue;
import org.backbeat.core.Json;
import org.backbeat.core.KafkaProps;
import org.backbeat.core.TopicAdmin;
import org.backbeat.core.metrics.ConsumerLag;
import org.backbeat.core.metrics.ProcessMetrics;
import org.backbeat.core.metrics.PrometheusText;
import org.backbeat.dashboard.events.AdminToken;
import org.backbeat.index.schema.ElasticsearchHealthCheck;
import org.backbeat.index.schema.PostIndex;
import org.backbeat.index.testing.RealElasticsearch;
import org.backbeat.infra.LocalKafka;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What the web tier adds for operating it: security headers on every answer, {@code /metrics}, and per-stage lag. */
@ExtendWith(RealElasticsearch.class)
class WebTierOpsTest {

    private static final String INDEX = "test-ops";
    private static PostQueries queries;
    private static ElasticsearchClient client;

    @TempDir
    Path dir;

    @BeforeAll
    static void createTheIndex(ElasticsearchClient esClient) {
        client = esClient;
        PostIndex index = new PostIndex(client, INDEX, 0);
        index.ensureCreated();
        queries = new PostQueries(index);
    }

    private static DashboardApp app(DashboardApp.Parts parts) {
        return new DashboardApp(DashboardConfig.defaults().withIndex(INDEX), Catalogue.defaults(), queries,
                DashboardAppTest.events(client), AdminToken.none(), List.of(new ElasticsearchHealthCheck(client)), parts);
    }

    @Test
    void pages_scripts_json_and_errors_all_carry_the_security_headers() {
        JavalinTest.test(app(DashboardApp.Parts.none()).javalin(), (server, http) -> {
            for (String path : List.of("/", "/app.js", "/health.js", "/api/health", "/api/entities", "/api-docs",
                    "/api/no-such-route", "/metrics")) {
                Response response = http.get(path);
                assertThat(header(response, "Content-Security-Policy")).as(path)
                        .contains("script-src 'self'", "frame-ancestors 'none'", "object-src 'none'")
                        .doesNotContain("unsafe-eval").doesNotContain("script-src 'self' 'unsafe-inline'");
                assertThat(header(response, "X-Content-Type-Options")).as(path).isEqualTo("nosniff");
                assertThat(header(response, "X-Frame-Options")).as(path).isEqualTo("DENY");
                assertThat(header(response, "Referrer-Policy")).as(path).isEqualTo("strict-origin-when-cross-origin");
            }
        });
    }

    @Test
    void no_page_has_inline_script_or_event_handler_attributes() throws IOException {
        // given every page the app serves
        String index = resource("/public/index.html");
        String apiDocs = new ApiDocsController().pageHtml();

        for (String html : List.of(index, apiDocs)) {
            // then each script has a src, and no element carries an on... handler
            Matcher scripts = Pattern.compile("<script\\b([^>]*)>").matcher(html);
            while (scripts.find()) {
                assertThat(scripts.group(1)).as(scripts.group()).contains("src=");
            }
            assertThat(Pattern.compile("<[^>]+\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE).matcher(html).find()).isFalse();
        }
    }

    @Test
    void metrics_count_each_route_by_its_template_and_the_jvm() {
        ProcessMetrics metrics = ProcessMetrics.create("dashboard");
        try {
            JavalinTest.test(app(DashboardApp.Parts.none().withMetrics(metrics)).javalin(), (server, http) -> {
                // given three answers of /api/entities and two of one post's route (unknown ids: 404)
                for (int i = 0; i < 3; i++) {
                    assertThat(http.get("/api/entities").code()).isEqualTo(200);
                }
                assertThat(http.get("/api/posts/no-such-1").code()).isEqualTo(404);
                assertThat(http.get("/api/posts/no-such-2").code()).isEqualTo(404);

                // when Prometheus scrapes
                Response response = http.get("/metrics");

                // then the counts are per route template, never per id
                assertThat(response.code()).isEqualTo(200);
                assertThat(header(response, "Content-Type")).startsWith("text/plain; version=0.0.4");
                String text = response.body().string();
                assertThat(PrometheusText.sample(text, "backbeat_dashboard_requests_seconds_count", "route=\"/api/entities\"", "status=\"200\""))
                        .isEqualTo(3.0);
                assertThat(PrometheusText.sample(text, "backbeat_dashboard_requests_seconds_count", "route=\"/api/posts/{id}\"", "status=\"404\""))
                        .isEqualTo(2.0);
                assertThat(text).doesNotContain("no-such-1").contains("jvm_memory_used_bytes", "process=\"dashboard\"");
            });
        } finally {
            metrics.close();
        }
    }

    @Test
    void without_metrics_the_route_answers_404() {
        JavalinTest.test(app(DashboardApp.Parts.none()).javalin(), (server, http) ->
                assertThat(http.get("/metrics").code()).isEqualTo(404));
    }

    @Test
    void health_shows_each_stages_lag_from_its_consumer_groups_committed_offsets() throws Exception {
        try (LocalKafka kafka = LocalKafka.start(dir.resolve("kafka"), 0)) {
            // given 7 records on a topic of two partitions (4 on partition 0, 3 on partition 1)
            String topic = "ops-lag";
            TopicAdmin.ensureTopics(kafka.bootstrapServers(), List.of(new NewTopic(topic, 2, (short) 1)), Duration.ofSeconds(30));
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(KafkaProps.producer(kafka.bootstrapServers(), "ops-lag"),
                    new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 7; i++) {
                    producer.send(new ProducerRecord<>(topic, i < 4 ? 0 : 1, "k" + i, "v" + i)).get();
                }
            }
            // and a stage that has committed 1 on partition 0 and 3 on partition 1: 3 + 0 behind
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(KafkaProps.consumer(kafka.bootstrapServers(), "ops-index"),
                    new StringDeserializer(), new StringDeserializer())) {
                consumer.commitSync(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(1),
                        new TopicPartition(topic, 1), new OffsetAndMetadata(3)));
            }
            // and a stage that has not started
            ConsumerLag lag = new ConsumerLag(kafka.bootstrapServers(), List.of(new ConsumerLag.Stage("nlp", "ops-nlp"),
                    new ConsumerLag.Stage("index", "ops-index")), Duration.ofSeconds(10));

            DashboardApp app = app(DashboardApp.Parts.none().withLag(lag));
            JavalinTest.test(app.javalin(), (server, http) -> {
                // when the health is asked
                JsonNode body = Json.mapper().readTree(http.get("/api/health").body().string());

                // then each stage's lag is listed in order, and lag does not make the process unhealthy
                assertThat(body.path("status").asText()).isEqualTo("UP");
                JsonNode stages = body.path("lag");
                assertThat(stages).hasSize(2);
                assertThat(stages.get(0).path("stage").asText()).isEqualTo("nlp");
                assertThat(stages.get(0).path("records").asLong()).isZero();
                assertThat(stages.get(0).path("partitions").asInt()).isZero();
                assertThat(stages.get(1).path("group").asText()).isEqualTo("ops-index");
                assertThat(stages.get(1).path("records").asLong()).isEqualTo(3);
                assertThat(stages.get(1).path("partitions").asInt()).isEqualTo(2);
                assertThat(stages.get(1).path("topics").path(topic).asLong()).isEqualTo(3);
                assertThat(stages.get(1).path("error").isNull()).isTrue();
            });
            app.stop();
        }
    }

    @Test
    void without_kafka_health_has_no_lag() throws Exception {
        JavalinTest.test(app(DashboardApp.Parts.none()).javalin(), (server, http) -> {
            JsonNode body = Json.mapper().readTree(http.get("/api/health").body().string());
            assertThat(body.path("lag").isNull() || body.path("lag").isMissingNode()).as(body.toString()).isTrue();
        });
    }

    /** The one value of a response header. */
    private static String header(Response response, String name) {
        List<String> values = response.headers().get(name);
        assertThat(values).as(name).hasSize(1);
        return values.get(0);
    }

    private static String resource(String path) throws IOException {
        try (var in = WebTierOpsTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
