package org.backbeat.ingest.feed;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A feed server on 127.0.0.1 (the JDK's HttpServer) for tests: serves documents with an ETag and a
 * Last-Modified date and answers a matching conditional GET with 304, like a well-behaved publisher;
 * can be told to answer the next requests with an error status; records each request's conditional headers.
 */
public final class FeedServer implements AutoCloseable {

    /** What one path serves. */
    private record Document(byte[] body, String contentType, String etag, String lastModified, boolean honoursConditional) {
    }

    /** The conditional headers of one request (null when absent). */
    public record Request(String path, String ifNoneMatch, String ifModifiedSince, int status) {
    }

    private final HttpServer server;
    private final Map<String, Document> documents = new ConcurrentHashMap<>();
    private final Map<String, Deque<Integer>> failures = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Long> delays = new ConcurrentHashMap<>();

    private FeedServer(HttpServer server) {
        this.server = server;
    }

    public static FeedServer start() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        FeedServer feeds = new FeedServer(http);
        http.createContext("/", feeds::handle);
        http.start();
        return feeds;
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Serves {@code body} at {@code path}, honouring If-None-Match / If-Modified-Since. */
    public void serve(String path, byte[] body, String etag, String lastModified) {
        documents.put(path, new Document(body, "application/rss+xml", etag, lastModified, true));
    }

    /** Serves {@code body} at {@code path} with a 200 every time, whatever the request says. */
    public void serveIgnoringConditionals(String path, byte[] body) {
        documents.put(path, new Document(body, "application/rss+xml", null, null, false));
    }

    /** The next {@code times} requests for {@code path} get {@code status}. */
    public void failNext(String path, int status, int times) {
        Deque<Integer> queue = failures.computeIfAbsent(path, p -> new ArrayDeque<>());
        synchronized (queue) {
            for (int i = 0; i < times; i++) {
                queue.add(status);
            }
        }
    }

    /** Every answer for {@code path} waits this long first (a slow or hung publisher). */
    public void delay(String path, long millis) {
        delays.put(path, millis);
    }

    public List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Long delay = delays.get(path);
        if (delay != null) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
        String ifModifiedSince = exchange.getRequestHeaders().getFirst("If-Modified-Since");
        Integer failure = null;
        Deque<Integer> queue = failures.get(path);
        if (queue != null) {
            synchronized (queue) {
                failure = queue.poll();
            }
        }
        Document document = documents.get(path);
        int status;
        byte[] body = new byte[0];
        if (failure != null) {
            status = failure;
            body = ("<html><body>Error " + failure + "</body></html>").getBytes();
        } else if (document == null) {
            status = 404;
        } else if (document.honoursConditional()
                && (document.etag() != null && document.etag().equals(ifNoneMatch)
                || ifNoneMatch == null && document.lastModified() != null && document.lastModified().equals(ifModifiedSince))) {
            status = 304;
        } else {
            status = 200;
            body = document.body();
            exchange.getResponseHeaders().set("Content-Type", document.contentType());
            if (document.etag() != null) {
                exchange.getResponseHeaders().set("ETag", document.etag());
            }
            if (document.lastModified() != null) {
                exchange.getResponseHeaders().set("Last-Modified", document.lastModified());
            }
        }
        requests.add(new Request(path, ifNoneMatch, ifModifiedSince, status));
        exchange.sendResponseHeaders(status, status == 304 || body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
