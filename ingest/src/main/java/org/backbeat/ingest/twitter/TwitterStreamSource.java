package org.backbeat.ingest.twitter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.backbeat.ingest.social.DumpReader;
import org.backbeat.ingest.social.ReconnectBackoff;
import org.backbeat.ingest.social.ReconnectingStream;
import org.backbeat.ingest.social.StallGuard;
import org.backbeat.ingest.source.Source;
import org.backbeat.ingest.source.SourceContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the v1.1 filtered stream ({@code POST statuses/filter.json}, {@code track} = the catalogue's
 * terms), one JSON message per line: statuses become posts, delete notices tombstones, limit and warning
 * notices are skipped, a malformed line is a dead letter and the stream goes on. A stream silent for
 * 90 s (X sends a keep-alive every 30 s) is closed and reconnected. When the connection drops
 * or is refused it reconnects after {@link ReconnectBackoff}'s wait, until the runner stops it. The stream
 * has no resume position, so there is no checkpoint; search covers gaps.
 */
public final class TwitterStreamSource implements Source {

    private static final Logger log = LoggerFactory.getLogger(TwitterStreamSource.class);
    /** Flush the sink at least every this many messages, and whenever the connection ends. */
    private static final int FLUSH_EVERY = 500;

    private final String name;
    private final HttpClient http;
    private final URI filterUri;
    private final List<String> track;
    private final OAuth1Signer signer;
    private final Duration stallLimit;
    private final ObjectMapper json = new ObjectMapper();

    /** With X's stall rule: no data (not even a keep-alive) for 90 s means reconnect. */
    TwitterStreamSource(String name, HttpClient http, String streamBaseUrl, List<String> track, OAuth1Signer signer) {
        this(name, http, streamBaseUrl, track, signer, Duration.ofSeconds(90));
    }

    TwitterStreamSource(String name, HttpClient http, String streamBaseUrl, List<String> track, OAuth1Signer signer, Duration stallLimit) {
        if (track.isEmpty()) {
            throw new IllegalArgumentException(name + ": nothing to track (the catalogue has no terms)");
        }
        this.name = name;
        this.http = http;
        this.filterUri = URI.create(TwitterClients.withSlash(streamBaseUrl) + "statuses/filter.json");
        this.track = List.copyOf(track);
        this.signer = signer;
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
        TwitterRecords records = new TwitterRecords(context.sink(), new TweetNormaliser(context.languages()),
                post -> context.metrics().produced(post.publishedAt()));
        DumpReader.Tally tally = new DumpReader.Tally(context.sink(), context.clock(), name);
        ReconnectingStream.run(name, new ReconnectingStream.Protocol() {
            @Override
            public HttpResponse<InputStream> connect() throws IOException, InterruptedException {
                return TwitterStreamSource.this.connect();
            }

            @Override
            public boolean rateLimited(int status) {
                return status == 420 || status == 429; // 420 "Enhance Your Calm" is v1.1's own
            }

            @Override
            public void read(InputStream body) throws IOException {
                log.info("Source {}: connected, tracking {} terms", name, track.size());
                TwitterStreamSource.this.read(body, records, tally, context);
            }
        }, context);
    }

    private HttpResponse<InputStream> connect() throws IOException, InterruptedException {
        String form = "track=" + OAuth1Signer.encode(String.join(",", track));
        HttpRequest request = HttpRequest.newBuilder(filterUri)
                .header("Authorization", signer.authorization("POST", filterUri, Map.of("track", String.join(",", track))))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    }

    private void read(InputStream body, TwitterRecords records, DumpReader.Tally tally, SourceContext context) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
             StallGuard guard = new StallGuard(body, stallLimit)) {
            String line;
            long messages = 0;
            while (!context.stopped() && (line = guard.readLine(reader)) != null) {
                if (line.isBlank()) {
                    continue; // keep-alive
                }
                messages++;
                context.metrics().fetched(1);
                long rejectedBefore = tally.rejectedCount();
                try {
                    JsonNode node = json.readTree(line);
                    records.handle(node, "message " + messages, tally);
                } catch (JsonProcessingException e) {
                    tally.reject("message " + messages, line, "not JSON: " + e.getOriginalMessage());
                } catch (IllegalArgumentException e) {
                    tally.reject("message " + messages, line, e.getMessage());
                }
                if (tally.rejectedCount() > rejectedBefore) {
                    context.metrics().error(name + ": bad stream message " + messages);
                }
                if (messages % FLUSH_EVERY == 0) {
                    context.sink().flush();
                }
            }
            context.metrics().success();
        }
    }
}
