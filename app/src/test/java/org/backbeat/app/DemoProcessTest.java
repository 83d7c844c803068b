package org.backbeat.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.backbeat.infra.PortCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backbeat demo} as a user runs it, in its own JVM: it comes up healthy, and when it is told to stop
 * (SIGTERM, what Ctrl-C also triggers) while posts are still being scored, it exits and leaves no process
 * and no bound port behind.
 */
class DemoProcessTest {

    private static final Pattern KAFKA = Pattern.compile("Kafka broker ready at 127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern ELASTICSEARCH = Pattern.compile("Elasticsearch ready at http://127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    @Test
    void demo_comes_up_healthy_and_stops_without_leaving_anything_behind() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        int port = PortCheck.freePort();
        Path workDir = dir.resolve("work");
        JavaProcess launched = JavaProcess.backbeat("demo", "--port", String.valueOf(port), "--work-dir", workDir.toString());
        Process demo = launched.process();
        List<String> output = launched.output();
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/health"))
                    .timeout(Duration.ofSeconds(5)).build();
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> {
                        assertThat(demo.isAlive()).as("demo exited early: %s", output).isTrue();
                        return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    });
            assertThat(output).anyMatch(line -> line.equals("Backbeat is running: http://127.0.0.1:" + port + "/"));
            int kafkaPort = port(KAFKA, output);
            int esPort = port(ELASTICSEARCH, output);
            List<ProcessHandle> tree = demo.descendants().toList();
            assertThat(tree).as("Elasticsearch runs as a child process").isNotEmpty();

            demo.destroy(); // SIGTERM

            assertThat(demo.waitFor(60, TimeUnit.SECONDS)).as("demo exits").isTrue();
            assertThat(tree).noneMatch(ProcessHandle::isAlive);
            assertThat(Processes.mentioning(workDir.toString())).isEmpty();
            assertThat(PortCheck.isBound(port)).as("dashboard port").isFalse();
            assertThat(PortCheck.isBound(kafkaPort)).as("kafka port").isFalse();
            assertThat(PortCheck.isBound(esPort)).as("elasticsearch port").isFalse();
        } finally {
            launched.close();
        }
    }

    private static int port(Pattern pattern, List<String> output) {
        return output.stream().map(pattern::matcher).filter(Matcher::find).findFirst()
                .map(m -> Integer.parseInt(m.group(1)))
                .orElseThrow(() -> new AssertionError("no line matching " + pattern + " in " + output));
    }
}
