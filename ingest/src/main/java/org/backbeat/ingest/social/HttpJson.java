package org.backbeat.ingest.social;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.backbeat.ingest.source.SourceContext;

/**
 * GETs JSON over {@code java.net.http} the polite way: a 429, or a response saying the window is spent
 * ({@code remaining: 0}), waits until the window resets (through the context's sleeper, logged) before the
 * next call; any other non-2xx fails with an {@link HttpStatusException} for the runner to back off on.
 * Credentials go in headers only, and no header value is ever logged.
 */
public final class HttpJson {

    /** One response: status, body and the headers that matter. */
    public record Response(int status, String body, HttpResponseHeaders headers) {
    }

    /** Header lookup, case-insensitive as HTTP says. */
    public interface HttpResponseHeaders {
        Optional<String> first(String name);
    }

    private final HttpClient client;
    private final String source;
    private final String remainingHeader;
    private final String resetHeader;
    private final int maxRateLimitRetries;

    /**
     * @param source          the source's name, for logs
     * @param remainingHeader e.g. {@code x-rate-limit-remaining}
     * @param resetHeader     e.g. {@code x-rate-limit-reset}
     */
    public HttpJson(HttpClient client, String source, String remainingHeader, String resetHeader) {
        this.client = client;
        this.source = source;
        this.remainingHeader = remainingHeader;
        this.resetHeader = resetHeader;
        this.maxRateLimitRetries = 3;
    }

    /**
     * A client with a connect timeout that follows no redirects: a redirect would resend the
     * {@code Authorization} header to wherever it points, so a 3xx is reported as an error instead.
     */
    public static HttpClient defaultClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** GETs {@code uri}, waiting out rate limits; returns a 2xx response or throws. */
    public Response get(URI uri, Map<String, String> headers, SourceContext context) throws IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET()
                    .header("Accept", "application/json");
            headers.forEach(request::header);
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            HttpResponseHeaders h = name -> response.headers().firstValue(name);
            if (response.statusCode() == 429) {
                if (attempt >= maxRateLimitRetries) {
                    throw new HttpStatusException(429, uri, "still rate-limited after " + attempt + " waits");
                }
                Duration wait = RateLimit.waitUntil(h.first(resetHeader).flatMap(RateLimit::parseReset), context.clock());
                RateLimit.pause(source, "rate-limited (429) on " + uri.getPath(), wait, context.clock(), context.sleeper());
                continue;
            }
            if (response.statusCode() / 100 != 2) {
                throw new HttpStatusException(response.statusCode(), uri, abbreviate(response.body()));
            }
            return new Response(response.statusCode(), response.body(), h);
        }
    }

    /** Waits until the window resets when the response says none is left; call before the next request. */
    public void respectRemaining(Response response, SourceContext context) throws InterruptedException {
        Optional<String> remaining = response.headers().first(remainingHeader);
        if (remaining.isPresent() && remaining.get().strip().equals("0")) {
            Duration wait = RateLimit.waitUntil(response.headers().first(resetHeader).flatMap(RateLimit::parseReset), context.clock());
            RateLimit.pause(source, "rate-limit window spent", wait, context.clock(), context.sleeper());
        }
    }

    static String abbreviate(String body) {
        if (body == null) {
            return "";
        }
        String oneLine = body.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }

    /** A non-2xx answer: the status and a short excerpt of the body (APIs put no secrets in error bodies). */
    public static final class HttpStatusException extends IOException {
        private final int status;

        public HttpStatusException(int status, URI uri, String detail) {
            super("HTTP " + status + " from " + uri.getScheme() + "://" + uri.getAuthority() + uri.getPath() + ": " + detail);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
