package org.backbeat.alerts.webhook.ssrf;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;

/**
 * A webhook URL after the guard checked it: the addresses the connection may go to (every one checked) and the
 * host name that TLS must present and verify.
 *
 * @param uri       the subscription's URL
 * @param host      its host as written (a name or an IP literal without brackets), for the {@code Host} header,
 *                  SNI and certificate verification
 * @param port      the port, the scheme's default when the URL has none
 * @param https     whether the connection uses TLS
 * @param addresses the checked addresses, in resolver order; the connection goes to one of these and nowhere else
 */
public record WebhookTarget(URI uri, String host, int port, boolean https, List<InetAddress> addresses) {

    public WebhookTarget {
        addresses = List.copyOf(addresses);
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("a webhook target needs at least one checked address");
        }
    }

    /** The request target: path and query as written, {@code /} when empty. */
    public String requestPath() {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /** The {@code Host} header: the host, and the port when it is not the scheme's default. */
    public String hostHeader() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return port == (https ? 443 : 80) ? h : h + ":" + port;
    }
}
