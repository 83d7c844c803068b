package org.backbeat.ingest.social;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 standing in for an API: the test gives a function from request to
 * response (a status, headers and a body it builds from the real payloads); the server records every request.
 */
public final class LocalHttpServer implements AutoCloseable {

    /** A request as the server saw it: method, path, decoded query parameters (and form body), headers. */
    public record Request(String method, String path, Map<String, String> params, Map<String, List<String>> headers) {
        public String header(String name) {
            for (var e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    /** What to answer; a {@code streamer} writes a streaming body instead (chunked, e.g. server-sent events). */
    public record Response(int status, Map<String, String> headers, String body, Streamer streamer) {
        public static Response json(String body) {
            return new Response(200, Map.of("Content-Type", "application/json"), body, null);
        }

        public static Response of(int status, Map<String, String> headers, String body) {
            return new Response(status, headers, body, null);
        }

        public static Response stream(String contentType, Streamer streamer) {
            return new Response(200, Map.of("Content-Type", contentType), null, streamer);
        }
    }

    @FunctionalInterface
    public interface Streamer {
        void write(OutputStream out) throws IOException;
    }

    @FunctionalInterface
    public interface Handler {
        Response handle(Request request) throws Exception;
    }

    private final HttpServer server;
    public final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

    public LocalHttpServer(Handler handler) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> serve(exchange, handler));
        server.start();
    }

    /** {@code http://127.0.0.1:<port>} without a trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void serve(HttpExchange exchange, Handler handler) throws IOException {
        try (exchange) {
            Map<String, String> params = new LinkedHashMap<>(parse(exchange.getRequestURI().getRawQuery()));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type != null && type.startsWith("application/x-www-form-urlencoded")) {
                params.putAll(parse(body));
            }
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), params,
                    Map.copyOf(exchange.getRequestHeaders()));
            requests.add(request);
            Response response;
            try {
                response = handler.handle(request);
            } catch (Exception e) {
                response = Response.of(500, Map.of(), "test handler failed: " + e);
            }
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            if (response.streamer() != null) {
                exchange.sendResponseHeaders(response.status(), 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    response.streamer().write(out);
                } catch (IOException ignored) {
                    // the client went away
                }
                return;
            }
            byte[] bytes = response.body() == null ? new byte[0] : response.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        }
    }

    public static Map<String, String> parse(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return params;
    }

    public static URI uri(String s) {
        return URI.create(s);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
