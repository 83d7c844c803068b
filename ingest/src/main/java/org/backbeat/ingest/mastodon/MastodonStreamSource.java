package org.backbeat.ingest.mastodon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.backbeat.core.DeadLetter;
import org.backbeat.core.Post;
import org.backbeat.core.PostIds;
import org.backbeat.ingest.social.ReconnectBackoff;
import org.backbeat.ingest.social.ReconnectingStream;
import org.backbeat.ingest.social.StallGuard;
import org.backbeat.ingest.source.Source;
import org.backbeat.ingest.source.SourceContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one hashtag live through Mastodon's streaming API ({@code GET /api/v1/streaming/hashtag?tag=},
 * server-sent events, token required): {@code update} and {@code status.update} events become posts,
 * {@code delete} events tombstones, heartbeats ({@code :thump}) are ignored. Reconnects with
 * {@link ReconnectBackoff} until stopped. The stream has no resume position: the polling
 * {@link MastodonSource} of the same instance closes any gap.
 */
public final class MastodonStreamSource implements Source {

    private static final Logger log = LoggerFactory.getLogger(MastodonStreamSource.class);

    private final String name;
    private final HttpClient http;
    private final URI instance;
    private final String tag;
    private final String token;
    private final Duration stallLimit;
    private final ObjectMapper json = new ObjectMapper();

    /** Mastodon sends a heartbeat comment every few seconds: two minutes of silence means reconnect. */
    public MastodonStreamSource(String name, HttpClient http, URI instance, String tag, String token) {
        this(name, http, instance, tag, token, Duration.ofMinutes(2));
    }

    public MastodonStreamSource(String name, HttpClient http, URI instance, String tag, String token, Duration stallLimit) {
        this.name = name;
        this.http = http;
        this.instance = instance;
        this.tag = tag;
        this.token = token;
        this.stallLimit = stallLimit;
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
        StatusNormaliser normaliser = new StatusNormaliser(context.languages());
        URI uri = URI.create(instance + "/api/v1/streaming/hashtag?tag=" + URLEncoder.encode(tag, StandardCharsets.UTF_8));
        ReconnectingStream.run(name, new ReconnectingStream.Protocol() {
            @Override
            public HttpResponse<InputStream> connect() throws IOException, InterruptedException {
                return http.send(HttpRequest.newBuilder(uri)
                        .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
            }

            @Override
            public void read(InputStream body) throws IOException {
                MastodonStreamSource.this.read(body, normaliser, context);
            }
        }, context);
    }

    /** Server-sent events: {@code event:} and {@code data:} lines, dispatched at each blank line. */
    private void read(InputStream body, StatusNormaliser normaliser, SourceContext context) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
             StallGuard guard = new StallGuard(body, stallLimit)) {
            String event = null;
            StringBuilder data = new StringBuilder();
            String line;
            while (!context.stopped() && (line = guard.readLine(reader)) != null) {
                if (line.isEmpty()) {
                    if (event != null || data.length() > 0) {
                        dispatch(event == null ? "message" : event, data.toString(), normaliser, context);
                    }
                    event = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    continue; // heartbeat / comment
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    if (data.length() > 0) {
                        data.append('\n');
                    }
                    data.append(line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5));
                }
            }
            context.metrics().success();
        }
    }

    private void dispatch(String event, String data, StatusNormaliser normaliser, SourceContext context) {
        switch (event) {
            case "update", "status.update" -> {
                context.metrics().fetched(1);
                try {
                    Post post = normaliser.normalise(json.readTree(data), instance.getHost());
                    context.sink().accept(post);
                    context.metrics().produced(post.publishedAt());
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    String reason = name + ": bad " + event + " event: " + e.getMessage();
                    log.warn(reason);
                    context.metrics().error(reason);
                    context.sink().reject(DeadLetter.of("ingest", name, null, data, reason, context.clock().instant()));
                }
            }
            case "delete" -> {
                if (!data.isBlank()) {
                    context.sink().delete(PostIds.mastodon(instance.getHost(), data.strip()));
                }
            }
            default -> context.metrics().skipped();
        }
    }
}
