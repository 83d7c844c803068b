package org.backbeat.alerts.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real webhook receiver on 127.0.0.1 (the JDK's HttpServer) that checks every request's Standard Webhooks
 * signature with {@link StandardWebhooksVerifier}, records it, and answers as the test scripts: a queue of
 * answers used in order, then a default.
 */
final class Receiver implements AutoCloseable {

    /** A request as received. */
    record Request(Instant at, String path, String id, String timestamp, String signature, String userAgent, String host,
                   String contentType, byte[] body, String signatureProblem, int answered) {
        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        boolean verified() {
            return signatureProblem == null;
        }
    }

    /** How to answer one request. */
    record Answer(int status, Map<String, String> headers, long delayMillis) {
        static Answer status(int status) {
            return new Answer(status, Map.of(), 0);
        }

        static Answer status(int status, Map<String, String> headers) {
            return new Answer(status, headers, 0);
        }

        static Answer slow(long delayMillis) {
            return new Answer(200, Map.of(), delayMillis);
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private volatile Answer fallback = Answer.status(200);
    private volatile String secret;
    private volatile java.util.function.BiConsumer<String, Instant> onArrival = (id, at) -> { };

    Receiver(String secret) throws IOException {
        this(secret, 0);
    }

    /** A receiver on a given port of 127.0.0.1 (0: any free one). */
    Receiver(String secret, int port) throws IOException {
        this.secret = secret;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code http://127.0.0.1:<port><path>} */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    int port() {
        return server.getAddress().getPort();
    }

    void secret(String newSecret) {
        this.secret = newSecret;
    }

    /** Answers used in order, one per request, before the default. */
    Receiver then(Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    Receiver byDefault(Answer answer) {
        this.fallback = answer;
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Requests with a valid signature that were answered with a 2xx. */
    List<Request> successes() {
        return requests.stream().filter(r -> r.verified() && r.answered() / 100 == 2).toList();
    }

    /** Called with the webhook-id and the time a request arrived, before its body is read. */
    Receiver onArrival(java.util.function.BiConsumer<String, Instant> listener) {
        this.onArrival = listener;
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        onArrival.accept(exchange.getRequestHeaders().getFirst("webhook-id"), Instant.now());
        byte[] body = exchange.getRequestBody().readAllBytes();
        var h = exchange.getRequestHeaders();
        String problem = secret == null ? "no secret set" : new StandardWebhooksVerifier(secret).problem(
                h.getFirst("webhook-id"), h.getFirst("webhook-timestamp"), h.getFirst("webhook-signature"), body,
                Instant.now().getEpochSecond());
        Answer answer = script.poll();
        if (answer == null) {
            answer = fallback;
        }
        if (problem != null) {
            answer = Answer.status(401);
        }
        requests.add(new Request(Instant.now(), exchange.getRequestURI().toString(), h.getFirst("webhook-id"),
                h.getFirst("webhook-timestamp"), h.getFirst("webhook-signature"), h.getFirst("User-Agent"), h.getFirst("Host"),
                h.getFirst("Content-Type"), body, problem, answer.status()));
        try {
            if (answer.delayMillis() > 0) {
                Thread.sleep(answer.delayMillis());
            }
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(answer.status(), -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client gave up (timeout): fine
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
