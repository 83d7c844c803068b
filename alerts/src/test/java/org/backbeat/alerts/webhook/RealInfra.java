package org.backbeat.alerts.webhook;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.http.HttpHost;
import org.backbeat.core.Json;
import org.backbeat.infra.LocalElasticsearch;
import org.backbeat.infra.LocalKafka;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The real Elasticsearch server and the real in-process Kafka broker for the dispatcher's tests, each started the
 * first time a test asks for it ({@link ElasticsearchClient} or {@link LocalKafka} parameters), shared by the whole
 * test JVM and stopped when the run ends. Tests use their own index and topic names.
 */
final class RealInfra implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealInfra.class);

    static final class Es implements AutoCloseable {
        final Path workDir;
        final LocalElasticsearch es;
        final ElasticsearchClient client;

        Es() {
            workDir = tempDir("backbeat-webhook-es-");
            es = LocalElasticsearch.start(LocalElasticsearch.Settings.of(LocalElasticsearch.defaultHome(), workDir).withHeapMb(256)
                    .withStartTimeout(java.time.Duration.ofMinutes(3))); // a loaded shared machine has needed 170 s
            RestClient rest = RestClient.builder(new HttpHost(es.httpUri().getHost(), es.httpUri().getPort(), "http")).build();
            client = new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper(Json.mapper())));
        }

        @Override
        public void close() throws IOException {
            try {
                client.close();
            } finally {
                es.close();
                delete(workDir);
            }
        }
    }

    static final class Kafka implements AutoCloseable {
        final Path dataDir;
        final LocalKafka kafka;

        Kafka() {
            dataDir = tempDir("backbeat-webhook-kafka-");
            kafka = LocalKafka.start(dataDir, 0);
        }

        @Override
        public void close() {
            kafka.close();
            delete(dataDir);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == ElasticsearchClient.class || type == LocalKafka.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        var store = context.getRoot().getStore(NAMESPACE);
        if (parameter.getParameter().getType() == LocalKafka.class) {
            return store.getOrComputeIfAbsent("kafka", k -> new Kafka(), Kafka.class).kafka;
        }
        return store.getOrComputeIfAbsent("es", k -> new Es(), Es.class).client;
    }

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
