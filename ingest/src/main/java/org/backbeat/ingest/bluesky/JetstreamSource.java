package org.backbeat.ingest.bluesky;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.backbeat.core.DeadLetter;
import org.backbeat.ingest.social.ReconnectBackoff;
import org.backbeat.ingest.source.Source;
import org.backbeat.ingest.source.SourceContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows Bluesky's Jetstream over a WebSocket ({@code ?wantedCollections=app.bsky.feed.post}) with the
 * JDK client, keeping the posts whose text the catalogue (or the configured keywords) matches. The
 * {@code time_us} of the last event read is the cursor: saved to the checkpoint after the sink has
 * flushed (every {@code flushEvery} events and whenever the connection ends), and sent as
 * {@code cursor=} on every reconnect and restart, minus {@code rewind}, so nothing is missed. A delete
 * commit of a post this source kept becomes a tombstone. Drops reconnect with {@link ReconnectBackoff}.
 * Messages are requested one at a time, so a slow sink slows the stream instead of filling memory. A
 * connection silent for a minute (the post firehose never is) is dropped and resumed from the cursor.
 */
public final class JetstreamSource implements Source {

    private static final Logger log = LoggerFactory.getLogger(JetstreamSource.class);
    static final String CURSOR = "cursor";
    /** How many kept post ids are remembered, to know which deletions concern us. */
    private static final int KEPT_IDS = 100_000;

    private final String name;
    private final HttpClient http;
    private final URI endpoint;
    private final Predicate<String> keep;
    private final int flushEvery;
    private final Duration rewind;
    private final Duration idleLimit;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Boolean> kept = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > KEPT_IDS;
        }
    };

    /** A whole message, or the end of the connection. */
    private record Message(String text, String closedBecause) {
    }

    /**
     * @param endpoint e.g. {@code wss://jetstream2.us-east.bsky.network/subscribe}
     * @param keep     true for the texts to keep (the catalogue's or the keywords' matcher)
     */
    public JetstreamSource(String name, HttpClient http, URI endpoint, Predicate<String> keep, int flushEvery, Duration rewind) {
        this(name, http, endpoint, keep, flushEvery, rewind, Duration.ofMinutes(1));
    }

    /** @param idleLimit a connection without any event for this long is dropped and resumed from the cursor */
    public JetstreamSource(String name, HttpClient http, URI endpoint, Predicate<String> keep, int flushEvery, Duration rewind,
                           Duration idleLimit) {
        this.idleLimit = idleLimit;
        this.name = name;
        this.http = http;
        this.endpoint = endpoint;
        this.keep = keep;
        this.flushEvery = flushEvery;
        this.rewind = rewind;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Duration pollInterval() {
        return Duration.ZERO;
    }

    @Override
    public void run(SourceContext context) throws InterruptedException {
        ReconnectBackoff backoff = new ReconnectBackoff();
        JetstreamEvents events = new JetstreamEvents(context.languages());
        long[] cursor = {context.checkpoint().get(CURSOR).map(Long::parseLong).orElse(-1L)};
        while (!context.stopped()) {
            URI uri = subscribeUri(cursor[0]);
            BlockingQueue<Message> queue = new LinkedBlockingQueue<>();
            WebSocket socket;
            Duration wait;
            try {
                socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                        .buildAsync(uri, listener(queue)).get(20, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                boolean limited = cause instanceof WebSocketHandshakeException h && h.getResponse().statusCode() == 429;
                wait = limited ? backoff.rateLimited() : backoff.networkError();
                context.metrics().error(name + ": cannot connect: " + cause.getMessage());
                log.warn("Source {}: cannot connect to {} ({}); retrying in {} ms", name, endpoint.getHost(), cause.getMessage(), wait.toMillis());
                context.sleeper().sleep(wait);
                continue;
            }
            backoff.connected();
            log.info("Source {}: connected to {}{}", name, endpoint.getHost(), cursor[0] < 0 ? " (live tail)" : " from cursor " + cursor[0]);
            String closed = read(socket, queue, events, cursor, context);
            socket.abort();
            saveCursor(cursor[0], context);
            if (context.stopped()) {
                return;
            }
            wait = backoff.networkError();
            log.warn("Source {}: connection ended ({}); resuming from cursor {} in {} ms", name, closed, cursor[0], wait.toMillis());
            context.sleeper().sleep(wait);
        }
    }

    URI subscribeUri(long cursor) {
        String base = endpoint.toString();
        String query = "wantedCollections=" + JetstreamEvents.POST_COLLECTION;
        if (cursor > 0) {
            query += "&cursor=" + Math.max(0, cursor - rewind.toNanos() / 1_000);
        }
        return URI.create(base + (base.contains("?") ? "&" : "?") + query);
    }

    /** Reads until the connection ends or the source is stopped; returns why it ended. */
    private String read(WebSocket socket, BlockingQueue<Message> queue, JetstreamEvents events, long[] cursor, SourceContext context)
            throws InterruptedException {
        long sinceFlush = 0;
        long lastMessage = System.nanoTime();
        long pollMillis = Math.max(10, Math.min(1000, idleLimit.toMillis() / 4));
        while (!context.stopped()) {
            Message message = queue.poll(pollMillis, TimeUnit.MILLISECONDS);
            if (message == null) {
                if (System.nanoTime() - lastMessage > idleLimit.toNanos()) {
                    context.metrics().error(name + ": no event for " + idleLimit.toSeconds() + " s");
                    return "no event for " + idleLimit.toMillis() + " ms (stalled)";
                }
                continue;
            }
            lastMessage = System.nanoTime();
            if (message.text() == null) {
                return message.closedBecause();
            }
            handle(message.text(), events, cursor, context);
            if (++sinceFlush >= flushEvery) {
                saveCursor(cursor[0], context);
                sinceFlush = 0;
            }
            socket.request(1);
        }
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "stopping");
        return "stopped";
    }

    private void handle(String text, JetstreamEvents events, long[] cursor, SourceContext context) {
        context.metrics().fetched(1);
        JetstreamEvents.Event event;
        try {
            JsonNode node = json.readTree(text);
            event = events.read(node);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String reason = name + ": bad event: " + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage());
            log.warn(reason);
            context.metrics().error(reason);
            context.sink().reject(DeadLetter.of("ingest", name, null, text, reason, context.clock().instant()));
            return;
        }
        cursor[0] = Math.max(cursor[0], event.timeUs());
        if (event instanceof JetstreamEvents.Created created) {
            if (keep.test(created.post().text())) {
                context.sink().accept(created.post());
                context.metrics().produced(created.post().publishedAt());
                kept.put(created.post().id(), Boolean.TRUE);
            } else {
                context.metrics().skipped();
            }
        } else if (event instanceof JetstreamEvents.Deleted deleted) {
            if (kept.remove(deleted.postId()) != null) {
                context.sink().delete(deleted.postId());
            } else {
                context.metrics().skipped();
            }
        } else {
            context.metrics().skipped();
        }
    }

    /** Flushes the sink, then saves the cursor: a restart resumes exactly after what is stored. */
    private void saveCursor(long cursor, SourceContext context) {
        context.sink().flush();
        if (cursor > 0) {
            context.checkpoint().put(CURSOR, Long.toString(cursor));
            context.checkpoint().save();
            context.metrics().success();
        }
    }

    private static WebSocket.Listener listener(BlockingQueue<Message> queue) {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public void onOpen(WebSocket webSocket) {
                webSocket.request(1);
            }

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    queue.add(new Message(partial.toString(), null));
                    partial.setLength(0);
                } else {
                    webSocket.request(1);
                }
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                queue.add(new Message(null, "closed " + statusCode + (reason.isEmpty() ? "" : " " + reason)));
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                queue.add(new Message(null, "error: " + error.getMessage()));
            }
        };
    }
}
