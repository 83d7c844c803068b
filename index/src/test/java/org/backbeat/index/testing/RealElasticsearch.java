package org.backbeat.index.testing;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.backbeat.index.schema.EsClients;
import org.backbeat.infra.LocalElasticsearch;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The real Elasticsearch server for this module's tests: started once per test JVM (stored in the root
 * {@link ExtensionContext.Store}, closed when the whole run ends) and shared by every class that uses
 * {@code @ExtendWith(RealElasticsearch.class)}. Test methods and {@code @BeforeAll} methods may ask for the
 * shared {@link ElasticsearchClient} or the server's {@link URI} as parameters. Classes use their own index names.
 */
public final class RealElasticsearch implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealElasticsearch.class);

    /** The server, its work directory and the one client: closed together. */
    static final class Server implements AutoCloseable {
        final Path workDir;
        final LocalElasticsearch es;
        final ElasticsearchClient client;

        Server() {
            try {
                workDir = Files.createTempDirectory("backbeat-dashboard-es-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            es = LocalElasticsearch.start(LocalElasticsearch.Settings.of(LocalElasticsearch.defaultHome(), workDir)
                    .withHeapMb(256)
                    // a machine shared by many builds may need longer: -Dbackbeat.test.esStartSeconds=300
                    .withStartTimeout(java.time.Duration.ofSeconds(Long.getLong("backbeat.test.esStartSeconds", 90))));
            client = EsClients.create(es.httpUri());
        }

        @Override
        public void close() throws IOException {
            try {
                client.close();
            } finally {
                es.close();
                try (Stream<Path> files = Files.walk(workDir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server(context);
    }

    static Server server(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("server", k -> new Server(), Server.class);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == ElasticsearchClient.class || type == URI.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Server server = server(context);
        return parameter.getParameter().getType() == URI.class ? server.es.httpUri() : server.client;
    }
}
