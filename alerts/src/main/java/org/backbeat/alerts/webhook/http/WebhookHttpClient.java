package org.backbeat.alerts.webhook.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.backbeat.alerts.webhook.ssrf.WebhookTarget;

/**
 * Sends one webhook POST over HTTP/1.1 to an address the {@link org.backbeat.alerts.webhook.ssrf.TargetGuard}
 * checked, and reads the status line and headers. Nothing else is needed from a receiver, so this is a small,
 * complete client rather than a general one.
 *
 * <p><b>Why not {@code java.net.http.HttpClient} or {@code HttpURLConnection}.</b> Both resolve the host name
 * themselves when they connect, so the address that was checked is not necessarily the one connected to (DNS
 * rebinding: a short-TTL name answers a public address to the check, then 169.254.169.254 to the client).
 * Neither lets a caller pin the address without giving up TLS name checks: connecting to the IP literal with a
 * {@code Host} header (a restricted header in both) makes SNI and certificate verification use the IP. Here:
 * <ul>
 *   <li>the TCP connection goes to one of {@link WebhookTarget#addresses()} (tried in order), never to a name;</li>
 *   <li>for https, the socket is layered with {@link SSLSocketFactory#createSocket(Socket, String, int, boolean)}
 *       with the <em>original host name</em>, SNI set to it and endpoint identification {@code HTTPS}, so the
 *       certificate is verified against the name the subscriber wrote, against the JDK's default trust store;</li>
 *   <li>the request is sent with {@code Connection: close}; redirects are never followed (a 3xx is just an answer);</li>
 *   <li>the whole attempt (connect, TLS, write, status and headers) has one deadline: a watchdog closes the socket
 *       when it passes, so a receiver that trickles bytes cannot hold a worker beyond it. Only the DNS lookup,
 *       done by the guard before this client runs, is outside it.</li>
 * </ul>
 */
public final class WebhookHttpClient implements AutoCloseable {

    public static final int SNIPPET_BYTES = 512;
    private static final int MAX_HEADER_BYTES = 64 * 1024;

    private final SSLSocketFactory tls;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "backbeat-webhook-watchdog");
        t.setDaemon(true);
        return t;
    });

    public WebhookHttpClient(SSLSocketFactory tls) {
        this.tls = tls;
    }

    /** A client trusting the JDK's default trust store. */
    public WebhookHttpClient() {
        this((SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /**
     * POSTs {@code body} to the target.
     *
     * @param headers extra request headers (signature, content type); names and values must not contain CR or LF
     * @param timeout the whole attempt's budget
     * @throws SocketTimeoutException when the budget ran out before the headers were read
     * @throws IOException            when no address accepted the connection, TLS failed, or the answer was not HTTP
     */
    public WebhookResponse post(WebhookTarget target, Map<String, String> headers, byte[] body, Duration timeout) throws IOException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        AtomicBoolean timedOut = new AtomicBoolean();
        AtomicReference<Socket> current = new AtomicReference<>();
        ScheduledFuture<?> alarm = watchdog.schedule(() -> {
            timedOut.set(true);
            Socket open = current.get();
            if (open != null) {
                closeQuietly(open);
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        Socket socket = null;
        try {
            socket = connect(current, target, deadline, timedOut);
            if (target.https()) {
                socket = handshake(socket, target, deadline);
                current.set(socket);
            }
            socket.setSoTimeout(remainingMillis(deadline));
            OutputStream out = socket.getOutputStream();
            out.write(requestHead(target, headers, body.length));
            out.write(body);
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            socket.setSoTimeout(remainingMillis(deadline));
            String statusLine = readLine(in);
            Duration latency = Duration.ofNanos(System.nanoTime() - start);
            int status = parseStatus(statusLine);
            Map<String, List<String>> responseHeaders = readHeaders(in);
            String snippet = status / 100 == 2 ? "" : snippet(in, socket, responseHeaders, deadline);
            return new WebhookResponse(status, responseHeaders, snippet, latency);
        } catch (IOException e) {
            if (timedOut.get() || e instanceof SocketTimeoutException) {
                SocketTimeoutException timeoutException = new SocketTimeoutException("no answer within " + timeout.toMillis() + " ms");
                timeoutException.initCause(e);
                throw timeoutException;
            }
            throw e;
        } finally {
            alarm.cancel(false);
            Socket open = current.get();
            if (open != null) {
                closeQuietly(open);
            }
        }
    }

    /** Connects to the first checked address that accepts, each on a new socket the watchdog can close. */
    private static Socket connect(AtomicReference<Socket> current, WebhookTarget target, long deadline, AtomicBoolean timedOut)
            throws IOException {
        IOException last = null;
        for (InetAddress address : target.addresses()) {
            int remaining = remainingMillis(deadline);
            Socket socket = new Socket();
            current.set(socket);
            if (timedOut.get()) {
                throw new SocketTimeoutException("deadline passed");
            }
            try {
                socket.connect(new InetSocketAddress(address, target.port()), remaining);
                return socket;
            } catch (SocketTimeoutException e) {
                throw e;
            } catch (IOException e) {
                closeQuietly(socket);
                String message = "cannot connect to " + address.getHostAddress() + ":" + target.port() + ": " + e.getMessage();
                last = e instanceof java.net.ConnectException ? new java.net.ConnectException(message) : new IOException(message, e);
            }
        }
        throw last;
    }

    private Socket handshake(Socket raw, WebhookTarget target, long deadline) throws IOException {
        SSLSocket ssl = (SSLSocket) tls.createSocket(raw, target.host(), target.port(), true);
        SSLParameters params = ssl.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS"); // verify the certificate against target.host()
        if (!target.host().contains(":") && !target.host().matches("[0-9.]+")) {
            params.setServerNames(List.of(new SNIHostName(target.host())));
        }
        ssl.setSSLParameters(params);
        ssl.setSoTimeout(remainingMillis(deadline));
        ssl.startHandshake();
        return ssl;
    }

    private static byte[] requestHead(WebhookTarget target, Map<String, String> headers, int contentLength) {
        StringBuilder head = new StringBuilder(512)
                .append("POST ").append(target.requestPath()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(target.hostHeader()).append("\r\n")
                .append("Content-Length: ").append(contentLength).append("\r\n")
                .append("Connection: close\r\n");
        headers.forEach((name, value) -> {
            if (name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("header " + name + " contains a line break");
            }
            head.append(name).append(": ").append(value).append("\r\n");
        });
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    static int parseStatus(String statusLine) throws IOException {
        // HTTP/1.1 200 OK
        String[] parts = statusLine == null ? new String[0] : statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("the receiver did not answer HTTP: '" + abbreviate(statusLine) + "'");
        }
        try {
            int status = Integer.parseInt(parts[1]);
            if (status < 100 || status > 599) {
                throw new NumberFormatException();
            }
            return status;
        } catch (NumberFormatException e) {
            throw new IOException("the receiver answered an invalid status line: '" + abbreviate(statusLine) + "'");
        }
    }

    private static Map<String, List<String>> readHeaders(InputStream in) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        int total = 0;
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
            total += line.length();
            if (total > MAX_HEADER_BYTES) {
                throw new IOException("the receiver's response headers exceed " + MAX_HEADER_BYTES + " bytes");
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(line.substring(colon + 1).strip());
            }
        }
        return headers;
    }

    /** The start of an error body for the log; best effort within the deadline (and at most a second). */
    private static String snippet(InputStream in, Socket socket, Map<String, List<String>> headers, long deadline) {
        if (headers.containsKey("transfer-encoding")) {
            return "";
        }
        try {
            socket.setSoTimeout(Math.min(1000, remainingMillis(deadline)));
            byte[] buffer = in.readNBytes(SNIPPET_BYTES);
            return new String(buffer, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                break;
            }
            if (line.size() > MAX_HEADER_BYTES) {
                throw new IOException("the receiver sent a line longer than " + MAX_HEADER_BYTES + " bytes");
            }
            line.write(c);
        }
        if (c == -1 && line.size() == 0) {
            return null;
        }
        String s = line.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (remaining <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        return (int) Math.min(Integer.MAX_VALUE, remaining);
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "(connection closed)";
        }
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }
}
