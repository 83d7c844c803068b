package org.backbeat.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalElasticsearchTest {

    private static final String INDEX = "backbeat-test-posts";
    private static final String DOC = "{\"id\":\"twitter:1\",\"text\":\"Amazon launches Cloud Player without label licences\"}";

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void data_survives_restarts_and_no_process_is_left_running(@TempDir Path dir) throws Exception {
        LocalElasticsearch.Settings settings = LocalElasticsearch.Settings
                .of(LocalElasticsearch.defaultHome(), TestDirs.searchable(dir).resolve("es"))
                .withHeapMb(256);

        // given a fresh node, when an index is created and a document indexed, then it is read back
        LocalElasticsearch es = LocalElasticsearch.start(settings);
        List<ProcessHandle> processes;
        int port = es.httpUri().getPort();
        try {
            assertThat(es.httpUri()).isEqualTo(URI.create("http://127.0.0.1:" + port));
            assertThat(send(es, "PUT", "/" + INDEX, "{\"settings\":{\"number_of_shards\":1,\"number_of_replicas\":0}}"))
                    .contains("\"acknowledged\":true");
            assertThat(send(es, "PUT", "/" + INDEX + "/_doc/twitter:1?refresh=true", DOC)).contains("\"result\":\"created\"");
            assertThat(send(es, "GET", "/" + INDEX + "/_doc/twitter:1", null))
                    .contains("\"found\":true").contains("Cloud Player without label licences");
            processes = Stream.concat(Stream.of(es.process()), es.process().descendants()).toList();
            assertThat(processes).as("the launcher and the server JVM at least").hasSizeGreaterThanOrEqualTo(2);
        } finally {
            es.close();
        }

        // then the whole process tree is gone and the port is free; a second close is harmless
        assertThat(processes).noneMatch(ProcessHandle::isAlive);
        assertThat(PortCheck.isBound(port)).isFalse();
        es.close();

        // when restarted on the same work directory, then the document is still there
        try (LocalElasticsearch again = LocalElasticsearch.start(settings)) {
            assertThat(send(again, "GET", "/" + INDEX + "/_doc/twitter:1", null))
                    .contains("\"found\":true").contains("Cloud Player without label licences");
        }
    }

    private String send(LocalElasticsearch es, String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(es.httpUri().resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isBetween(200, 299);
        return response.body();
    }
}
