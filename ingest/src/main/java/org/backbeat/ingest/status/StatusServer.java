package org.backbeat.ingest.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.backbeat.core.Json;
import org.backbeat.ingest.source.SourceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest process's small read-only HTTP endpoint (the JDK's HttpServer, one thread):
 * {@code GET /status} answers the JSON list of {@link SourceStatus}, {@code GET /metrics} the Micrometer
 * meters in Prometheus text format (404 when no scrape is configured). It binds to one address,
 * 127.0.0.1 by default: it shows no secrets and changes nothing, but it is not meant for the internet.
 */
public final class StatusServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StatusServer.class);
    static final String PROMETHEUS_TEXT = org.backbeat.core.metrics.ProcessMetrics.CONTENT_TYPE;

    private final HttpServer server;
    private final ExecutorService executor;
    private final Supplier<List<SourceStatus>> statuses;
    private final Supplier<String> metrics;
    private final ObjectMapper json = Json.mapper();

    private StatusServer(HttpServer server, ExecutorService executor, Supplier<List<SourceStatus>> statuses,
                         Supplier<String> metrics) {
        this.server = server;
        this.executor = executor;
        this.statuses = statuses;
        this.metrics = metrics;
    }

    /**
     * Starts serving on {@code host:port} (port 0: a free one).
     *
     * @param metrics the Prometheus text of the meters, or null to answer {@code /metrics} with 404
     */
    public static StatusServer start(String host, int port, Supplier<List<SourceStatus>> statuses, Supplier<String> metrics)
            throws IOException {
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (java.net.BindException e) {
            throw new IOException("status port " + port + " on " + host + " is in use: choose another with --status-port "
                    + "(0 picks a free one)", e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ingest-status-http");
            t.setDaemon(true);
            return t;
        });
        StatusServer status = new StatusServer(http, executor, statuses, metrics);
        http.setExecutor(executor);
        http.createContext("/status", status::status);
        http.createContext("/metrics", status::metrics);
        http.createContext("/", exchange -> status.send(exchange, 404, "text/plain; charset=utf-8", "not found: try /status or /metrics\n"));
        http.start();
        log.info("Ingest status on http://{}:{}/status", host, http.getAddress().getPort());
        return status;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void status(HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            send(exchange, 405, "text/plain; charset=utf-8", "GET only\n");
            return;
        }
        send(exchange, 200, "application/json", json.writeValueAsString(statuses.get()));
    }

    private void metrics(HttpExchange exchange) throws IOException {
        if (metrics == null) {
            send(exchange, 404, "text/plain; charset=utf-8", "no metrics registry configured\n");
            return;
        }
        send(exchange, 200, PROMETHEUS_TEXT, metrics.get());
    }

    private void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
