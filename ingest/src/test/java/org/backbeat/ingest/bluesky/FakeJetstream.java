package org.backbeat.ingest.bluesky;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import org.backbeat.ingest.social.LocalHttpServer;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A real WebSocket server (Java-WebSocket) on 127.0.0.1 playing Jetstream: on each connection it sends the
 * events whose {@code time_us} is after the {@code cursor} parameter, oldest first, then closes; how many it
 * sends on the n-th connection is up to the test, so a test can drop a connection mid-stream.
 */
final class FakeJetstream extends WebSocketServer {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The raw event lines, sorted by time_us. */
    final List<String> events;
    final List<String> resources = Collections.synchronizedList(new ArrayList<>());
    private final IntUnaryOperator eventsOnConnection;
    private final java.util.function.IntPredicate closeAfterSending;
    private final CountDownLatch started = new CountDownLatch(1);
    private int connections;

    /** @param eventsOnConnection connection number (1, 2...) to how many events it sends before closing */
    FakeJetstream(List<String> lines, IntUnaryOperator eventsOnConnection) throws Exception {
        this(lines, eventsOnConnection, connection -> true);
    }

    /** @param closeAfterSending false for a connection that then stays open and silent */
    FakeJetstream(List<String> lines, IntUnaryOperator eventsOnConnection, java.util.function.IntPredicate closeAfterSending) throws Exception {
        super(new InetSocketAddress("127.0.0.1", 0));
        this.closeAfterSending = closeAfterSending;
        this.events = lines.stream().sorted(Comparator.comparingLong(FakeJetstream::timeUs)).toList();
        this.eventsOnConnection = eventsOnConnection;
        setReuseAddr(true);
        start();
        if (!started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("fake Jetstream did not start");
        }
    }

    static long timeUs(String line) {
        try {
            return JSON.readTree(line).path("time_us").asLong(Long.MAX_VALUE);
        } catch (Exception e) {
            return Long.MAX_VALUE;
        }
    }

    String url() {
        return "ws://127.0.0.1:" + getPort() + "/subscribe";
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        String resource = handshake.getResourceDescriptor();
        resources.add(resource);
        int connection;
        synchronized (this) {
            connection = ++connections;
        }
        String query = resource.contains("?") ? resource.substring(resource.indexOf('?') + 1) : "";
        Map<String, String> params = LocalHttpServer.parse(query);
        long cursor = Long.parseLong(params.getOrDefault("cursor", "0"));
        List<String> due = events.stream().filter(e -> timeUs(e) > cursor).toList();
        int count = Math.min(eventsOnConnection.applyAsInt(connection), due.size());
        for (String event : due.subList(0, count)) {
            conn.send(event);
        }
        if (closeAfterSending.test(connection)) {
            conn.close(1011, "going away");
        }
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
    }

    @Override
    public void onStart() {
        started.countDown();
    }
}
