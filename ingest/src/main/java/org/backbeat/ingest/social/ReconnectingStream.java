package org.backbeat.ingest.social;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.backbeat.ingest.source.SourceContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconnect loop of a long-lived HTTP stream (X's filtered stream, Mastodon's streaming API): connect;
 * on 200 read until the stream ends, on a refusal back off by its kind, on a network error back off
 * linearly ({@link ReconnectBackoff}); flush the sink whenever a connection ends; sleep; again, until the
 * runner stops the source. What differs between the streams — how to connect, which statuses mean "rate
 * limited", how to read the messages — is the {@link Protocol} passed in.
 */
public final class ReconnectingStream {

    private static final Logger log = LoggerFactory.getLogger(ReconnectingStream.class);

    /** One streaming protocol. */
    public interface Protocol {

        /** Opens the stream (the body is read only on 200, else closed). */
        HttpResponse<InputStream> connect() throws IOException, InterruptedException;

        /** Whether a refusal with this HTTP status is rate limiting (backs off from a minute), not an error. */
        default boolean rateLimited(int status) {
            return status == 429;
        }

        /** Reads an open stream until it ends, the source is stopped, or it fails. */
        void read(InputStream body) throws IOException;
    }

    private ReconnectingStream() {
    }

    /** Runs {@code protocol} with reconnects until {@code context} is stopped. */
    public static void run(String name, Protocol protocol, SourceContext context) throws InterruptedException {
        ReconnectBackoff backoff = new ReconnectBackoff();
        while (!context.stopped()) {
            Duration wait;
            try {
                HttpResponse<InputStream> response = protocol.connect();
                int status = response.statusCode();
                if (status == 200) {
                    backoff.connected();
                    protocol.read(response.body());
                    wait = backoff.networkError();
                    log.warn("Source {}: stream ended; reconnecting in {} ms", name, wait.toMillis());
                } else {
                    response.body().close();
                    wait = protocol.rateLimited(status) ? backoff.rateLimited() : backoff.httpError();
                    context.metrics().error(name + ": stream refused with HTTP " + status);
                    log.warn("Source {}: stream refused with HTTP {}; reconnecting in {} s", name, status, wait.toSeconds());
                }
            } catch (IOException e) {
                wait = backoff.networkError();
                context.metrics().error(name + ": " + e.getMessage());
                log.warn("Source {}: stream failed ({}); reconnecting in {} ms", name, e.getMessage(), wait.toMillis());
            } finally {
                context.sink().flush();
            }
            if (!context.stopped()) {
                context.sleeper().sleep(wait);
            }
        }
    }
}
