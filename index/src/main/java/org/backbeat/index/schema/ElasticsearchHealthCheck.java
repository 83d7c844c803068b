package org.backbeat.index.schema;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.cluster.HealthResponse;
import java.time.Duration;
import org.backbeat.core.health.HealthCheck;
import org.backbeat.core.health.HealthStatus;

/**
 * Elasticsearch is up when cluster health answers green or yellow within a short timeout. (Cluster health,
 * not {@code ping()}/{@code info()}: the minimal distribution answers {@code GET /} with 405.)
 */
public final class ElasticsearchHealthCheck implements HealthCheck {

    private final ElasticsearchClient client;
    private final Duration timeout;

    public ElasticsearchHealthCheck(ElasticsearchClient client, Duration timeout) {
        this.client = EsClients.withTimeout(client, timeout);
        this.timeout = timeout;
    }

    public ElasticsearchHealthCheck(ElasticsearchClient client) {
        this(client, Duration.ofSeconds(2));
    }

    @Override
    public String name() {
        return "elasticsearch";
    }

    @Override
    public HealthStatus check() {
        try {
            HealthResponse health = client.cluster().health(h -> h.timeout(t -> t.time(timeout.toMillis() + "ms")));
            String detail = "cluster " + health.clusterName() + " is " + health.status().jsonValue()
                    + ", " + health.numberOfNodes() + " node(s)";
            return switch (health.status()) {
                case Green, Yellow -> HealthStatus.up(detail);
                default -> HealthStatus.down(detail);
            };
        } catch (Exception e) {
            return HealthStatus.down("unreachable: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }
}
