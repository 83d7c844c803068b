package org.backbeat.ingest.feed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Fetches a feed with a conditional GET: the ETag and Last-Modified of the previous answer go out as
 * {@code If-None-Match} and {@code If-Modified-Since}, so an unchanged feed costs a 304 and no body.
 * Accepts gzip; refuses bodies over {@link #MAX_BYTES}. One {@link HttpClient} serves every feed.
 */
public final class FeedFetcher {

    /** A feed larger than this is refused (a misconfigured URL pointing at a large file). */
    static final int MAX_BYTES = 10 * 1024 * 1024;
    static final String ACCEPT = "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
            + "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5";

    /**
     * One answer.
     *
     * @param status       HTTP status
     * @param body         the body (empty on 304)
     * @param etag         the ETag header, or null
     * @param lastModified the Last-Modified header, or null
     * @param charset      the charset of the Content-Type header, or null
     */
    record Response(int status, byte[] body, String etag, String lastModified, String charset) {
    }

    private final HttpClient client;
    private final String userAgent;

    public FeedFetcher(HttpClient client, String userAgent) {
        this.client = client;
        this.userAgent = userAgent;
    }

    /** A client for feeds: HTTP/1.1, redirects followed (not from https to http). */
    public static HttpClient defaultClient(Duration connectTimeout) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    Response fetch(URI url, String etag, String lastModified, Duration timeout) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout).GET()
                .header("User-Agent", userAgent)
                .header("Accept", ACCEPT)
                .header("Accept-Encoding", "gzip");
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        if (lastModified != null) {
            request.header("If-Modified-Since", lastModified);
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new IOException("no answer from " + url + " within " + timeout.toSeconds() + " s", e);
        }
        byte[] body;
        try (InputStream raw = response.body();
             InputStream in = isGzip(response) ? new GZIPInputStream(raw) : raw) {
            body = readLimited(in, url);
        }
        return new Response(response.statusCode(), body,
                response.headers().firstValue("ETag").orElse(null),
                response.headers().firstValue("Last-Modified").orElse(null),
                charset(response.headers().firstValue("Content-Type").orElse(null)));
    }

    private static boolean isGzip(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Encoding").map(v -> v.toLowerCase(Locale.ROOT).contains("gzip")).orElse(false);
    }

    private static byte[] readLimited(InputStream in, URI url) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        int n;
        while ((n = in.read(buffer)) != -1) {
            out.write(buffer, 0, n);
            if (out.size() > MAX_BYTES) {
                throw new IOException(url + " sent more than " + MAX_BYTES / (1024 * 1024) + " MB: not a feed");
            }
        }
        return out.toByteArray();
    }

    /** The {@code charset} parameter of a Content-Type value, or null. */
    static String charset(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String part : contentType.split(";")) {
            String p = part.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                return p.substring(8).replace("\"", "").strip();
            }
        }
        return null;
    }
}
