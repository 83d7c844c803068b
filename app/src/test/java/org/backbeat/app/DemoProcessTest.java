package org.backbeat.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.backbeat.core.Json;
import org.backbeat.core.JsonSerde;
import org.backbeat.core.KafkaProps;
import org.backbeat.core.Post;
import org.backbeat.infra.PortCheck;
import org.backbeat.ingest.sim.Scenarios;
import org.backbeat.ingest.sim.SimulatedPosts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backbeat demo} as a user runs it, in its own JVM: it comes up healthy; told to stop (SIGTERM, what
 * Ctrl-C also triggers) it exits and leaves no process and no bound port behind; started again on the same
 * work directory it still has its data, and replaying the same posts again duplicates nothing.
 */
class DemoProcessTest {

    private static final Pattern KAFKA = Pattern.compile("Kafka broker ready at 127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern ELASTICSEARCH = Pattern.compile("Elasticsearch ready at http://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern INDEXED = Pattern.compile("indexed (\\d+)");
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    private Path workDir;
    private int port;

    @BeforeEach
    void workDirNobodyCanEnter() throws Exception {
        // JUnit makes temp dirs rwx------; as root, Elasticsearch runs as nobody, who must get through it.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        workDir = dir.resolve("work");
        port = PortCheck.freePort();
    }

    @Test
    void demo_comes_up_healthy_and_stops_mid_scoring_without_leaving_anything_behind() throws Exception {
        try (JavaProcess demo = startDemo()) {
            // Health can be up a moment before the replay is sent and the URL printed.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(demo.output())
                    .anyMatch(line -> line.equals("Backbeat is running: http://127.0.0.1:" + port + "/")));

            stopAndAssertNothingLeft(demo);
        }
    }

    @Test
    void a_restart_keeps_the_data_and_replaying_the_same_posts_duplicates_nothing() throws Exception {
        List<Post> posts = new SimulatedPosts(Scenarios.cloudLockers2011()).generate(3).subList(0, 80);
        JsonSerde<Post> serde = new JsonSerde<>(Post.class);
        Path replay = dir.resolve("posts.jsonl");
        Files.write(replay, posts.stream().map(p -> new String(serde.write(p), StandardCharsets.UTF_8)).toList());

        try (JavaProcess first = startDemo("--replay", replay.toString())) {
            await().atMost(Duration.ofMinutes(2)).ignoreExceptions().until(() -> total() == posts.size());
            stopAndAssertNothingLeft(first);
        }

        try (JavaProcess second = startDemo("--replay", replay.toString())) {
            // Elasticsearch's data survived the restart: every post is there before anything is re-scored.
            assertThat(total()).isEqualTo(posts.size());
            // The replay reaches the NLP stage again, which drops every post as an identical re-send (its
            // seen-posts store survived the restart): nothing is re-scored, re-indexed or added.
            String bootstrap = "127.0.0.1:" + port(KAFKA, second.output());
            await().atMost(Duration.ofMinutes(2)).ignoreExceptions()
                    .until(() -> nlpHasConsumed(bootstrap) == 2L * posts.size());
            assertThat(total()).isEqualTo(posts.size());
            assertThat(indexedThisRun()).isZero();
            stopAndAssertNothingLeft(second);
        }
    }

    private JavaProcess startDemo(String... extra) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("demo", "--port", String.valueOf(port), "--work-dir", workDir.toString()));
        args.addAll(List.of(extra));
        // Streams does not leave its group when it closes, and the restarted broker keeps the group: the second
        // demo's scoring waits for the first one's members to expire, 6 s here instead of Kafka's 45 s.
        JavaProcess demo = JavaProcess.backbeat(java.util.Map.of(KafkaProps.SESSION_TIMEOUT_ENV, "6000"), args.toArray(String[]::new));
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> {
                    assertThat(demo.process().isAlive()).as("demo exited early: %s", demo.output()).isTrue();
                    return get("/api/health").statusCode() == 200;
                });
        return demo;
    }

    private void stopAndAssertNothingLeft(JavaProcess demo) throws Exception {
        int kafkaPort = port(KAFKA, demo.output());
        int esPort = port(ELASTICSEARCH, demo.output());
        List<ProcessHandle> tree = demo.process().descendants().toList();
        assertThat(tree).as("Elasticsearch runs as a child process").isNotEmpty();

        assertThat(demo.stop(60)).as("demo exits on SIGTERM").isTrue();

        assertThat(tree).noneMatch(ProcessHandle::isAlive);
        assertThat(Processes.mentioning(workDir.toString())).isEmpty();
        assertThat(PortCheck.isBound(port)).as("dashboard port").isFalse();
        assertThat(PortCheck.isBound(kafkaPort)).as("kafka port").isFalse();
        assertThat(PortCheck.isBound(esPort)).as("elasticsearch port").isFalse();
    }

    private long total() throws Exception {
        long total = 0;
        for (JsonNode bucket : Json.mapper().readTree(get("/api/series?interval=week").body()).path("buckets")) {
            total += bucket.path("count").asLong();
        }
        return total;
    }

    /** Records of posts.raw the NLP stage has committed as processed (its consumer group's offsets). */
    private static long nlpHasConsumed(String bootstrap) throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                java.util.Map.of("bootstrap.servers", bootstrap))) {
            return admin.listConsumerGroupOffsets("backbeat-nlp").partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .filter(e -> e.getKey().topic().equals("posts.raw") && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        }
    }

    /** The indexer's count of documents written since this process started, from /api/health. */
    private long indexedThisRun() throws Exception {
        String detail = Json.mapper().readTree(get("/api/health").body()).path("components").path("indexer").path("detail").asText();
        Matcher m = INDEXED.matcher(detail);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int port(Pattern pattern, List<String> output) {
        return output.stream().map(pattern::matcher).filter(Matcher::find).reduce((a, b) -> b)
                .map(m -> Integer.parseInt(m.group(1)))
                .orElseThrow(() -> new AssertionError("no line matching " + pattern + " in " + output));
    }
}
