package org.backbeat.index.schema;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientOptions;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import java.net.URI;
import java.time.Duration;
import org.apache.http.HttpHost;
import org.apache.http.client.config.RequestConfig;
import org.backbeat.core.Json;
import org.elasticsearch.client.RestClient;

/**
 * Builds the process's one {@link ElasticsearchClient}. The caller owns it and closes it on shutdown
 * ({@link ElasticsearchClient#close()} closes the underlying REST client and its connection pool).
 *
 * <p>Documents go through the event contract's own Jackson configuration ({@link Json#mapper()}), so
 * {@code Instant}s are ISO-8601 strings, which Elasticsearch's {@code date} type reads as they are.
 */
public final class EsClients {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(30);

    private EsClients() {
    }

    /** A client for the server at {@code uri} (e.g. {@code http://127.0.0.1:9200}). */
    public static ElasticsearchClient create(URI uri) {
        return create(uri, DEFAULT_CONNECT_TIMEOUT, DEFAULT_SOCKET_TIMEOUT);
    }

    public static ElasticsearchClient create(URI uri, Duration connectTimeout, Duration socketTimeout) {
        if (uri == null || uri.getHost() == null) {
            throw new IllegalArgumentException("Elasticsearch URI must look like http://host:9200, was " + uri);
        }
        int port = uri.getPort() == -1 ? 9200 : uri.getPort();
        String scheme = uri.getScheme() == null ? "http" : uri.getScheme();
        RestClient rest = RestClient.builder(new HttpHost(uri.getHost(), port, scheme))
                .setRequestConfigCallback(rc -> rc
                        .setConnectTimeout((int) connectTimeout.toMillis())
                        .setSocketTimeout((int) socketTimeout.toMillis()))
                .build();
        return new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper(Json.mapper())));
    }

    /**
     * A view of {@code client} whose requests give up after {@code timeout} (connect and read): for
     * health checks, which must answer quickly. Shares the client's connections; do not close it separately.
     */
    public static ElasticsearchClient withTimeout(ElasticsearchClient client, Duration timeout) {
        if (!(client._transportOptions() instanceof RestClientOptions)) {
            return client;
        }
        int millis = (int) timeout.toMillis();
        return client.withTransportOptions(options -> {
            ((RestClientOptions.Builder) options).restClientRequestOptionsBuilder().setRequestConfig(RequestConfig.custom()
                    .setConnectTimeout(millis)
                    .setConnectionRequestTimeout(millis)
                    .setSocketTimeout(millis)
                    .build());
            return options;
        });
    }
}
