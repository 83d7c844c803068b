package org.backbeat.core.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.backbeat.core.Json;
import org.backbeat.core.metrics.ProcessMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health and metrics endpoint of a process that serves no web app (index, nlp, alerts): {@code GET /health}
 * answers 200 when every check is up, 503 otherwise, with the same body as the dashboard's {@code /api/health}:
 * {@code {"status":"UP","components":{"indexer":{"status":"UP","detail":"indexed 12, ..."}}}}; {@code GET /metrics}
 * answers the process's meters for Prometheus ({@link ProcessMetrics}), when given. The JDK's HTTP server, one
 * thread: a probe, not an API. Each check bounds its own time (Elasticsearch's has a timeout).
 */
public final class HealthServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HealthServer.class);

    /** One component in the response. */
    record Component(String status, String detail) {
    }

    /** The response body. */
    record Report(String status, Map<String, Component> components) {
    }

    private final HttpServer http;
    private final List<HealthCheck> checks;

    private HealthServer(HttpServer http, List<HealthCheck> checks) {
        this.http = http;
        this.checks = List.copyOf(checks);
    }

    /** Serves {@code /health} on {@code host:port} (port 0: any free one). */
    public static HealthServer start(String host, int port, List<HealthCheck> checks) {
        return start(host, port, checks, null);
    }

    /**
     * Serves {@code /health} and, unless {@code metrics} is null, {@code /metrics} on {@code host:port} (port 0: any
     * free one).
     */
    public static HealthServer start(String host, int port, List<HealthCheck> checks, ProcessMetrics metrics) {
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the health endpoint on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        HealthServer server = new HealthServer(http, checks);
        http.createContext("/health", server::health);
        if (metrics != null) {
            http.createContext("/metrics", metrics.httpHandler());
        }
        http.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "backbeat-health-http");
            t.setDaemon(true);
            return t;
        }));
        http.start();
        log.info("Health at http://{}:{}/health{}", host, server.port(), metrics == null ? "" : ", metrics at /metrics");
        return server;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** Runs every check now. */
    Report report() {
        Map<String, Component> components = new LinkedHashMap<>();
        boolean up = true;
        for (HealthCheck check : checks) {
            HealthStatus status;
            try {
                status = check.check();
            } catch (RuntimeException e) {
                status = HealthStatus.down("check failed: " + e);
            }
            up &= status.up();
            components.put(check.name(), new Component(status.up() ? "UP" : "DOWN", status.detail()));
        }
        return new Report(up ? "UP" : "DOWN", components);
    }

    private void health(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) || !"/health".equals(exchange.getRequestURI().getPath())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            Report report = report();
            byte[] body = Json.mapper().writeValueAsString(report).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders("UP".equals(report.status()) ? 200 : 503, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        http.stop(0);
        ((java.util.concurrent.ExecutorService) http.getExecutor()).shutdownNow();
    }
}
