package org.backbeat.alerts.webhook.ssrf;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Resolves a webhook URL and decides whether the dispatcher may connect to it: http or https only, and every
 * A/AAAA record of the host must pass {@link AddressPolicy}, unless the host name or the address is
 * allow-listed ({@code BACKBEAT_WEBHOOK_ALLOWED_HOSTS}). The caller then connects to the returned addresses
 * only, so a second DNS answer (rebinding) can never redirect the request.
 *
 * <p>One refused record refuses the whole host: an attacker's name answering with a public and a private
 * address would otherwise win whenever the private one is tried.
 */
public final class TargetGuard {

    /** How host names become addresses; {@link InetAddress#getAllByName} in production. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Set<String> allowed;
    private final Resolver resolver;

    /**
     * @param allowedHosts host names or IP addresses exempt from the address rules (case-insensitive; IPv6
     *                     with or without brackets)
     */
    public TargetGuard(Set<String> allowedHosts, Resolver resolver) {
        this.allowed = allowedHosts.stream().map(TargetGuard::normalise).collect(Collectors.toUnmodifiableSet());
        this.resolver = resolver;
    }

    public TargetGuard(Set<String> allowedHosts) {
        this(allowedHosts, InetAddress::getAllByName);
    }

    /**
     * Checks the URL and returns where to connect.
     *
     * @throws BlockedTargetException when the scheme is not http(s) or an address is refused
     * @throws UnknownHostException   when the host does not resolve (a retryable failure)
     */
    public WebhookTarget check(URI uri) throws BlockedTargetException, UnknownHostException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new BlockedTargetException("only http and https webhooks are allowed, not '" + scheme + "'");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new BlockedTargetException("the webhook URL names no host");
        }
        host = stripBrackets(host);
        boolean https = scheme.equals("https");
        int port = uri.getPort() == -1 ? (https ? 443 : 80) : uri.getPort();
        InetAddress[] resolved = resolver.resolve(host);
        if (resolved == null || resolved.length == 0) {
            throw new UnknownHostException(host + " has no address");
        }
        boolean hostAllowed = allowed.contains(normalise(host));
        List<InetAddress> addresses = new ArrayList<>(Arrays.asList(resolved));
        if (!hostAllowed) {
            for (InetAddress address : addresses) {
                Optional<String> why = AddressPolicy.whyRefused(address);
                if (why.isPresent() && !allowed.contains(normalise(address.getHostAddress()))) {
                    throw new BlockedTargetException("webhook host " + host + " resolves to " + address.getHostAddress()
                            + ", a " + why.get() + ", which webhooks may not reach; if this receiver is meant to be internal,"
                            + " add " + host + " to BACKBEAT_WEBHOOK_ALLOWED_HOSTS");
                }
            }
        }
        return new WebhookTarget(uri, host, port, https, addresses);
    }

    /**
     * The check that needs no DNS, for validating a URL when it is saved: an IP literal host that is refused.
     * Host names are only resolved at delivery time (the answer may change).
     */
    public Optional<String> literalProblem(URI uri) {
        String host = uri.getHost() == null ? null : stripBrackets(uri.getHost());
        if (host == null || !looksLikeIpLiteral(host) || allowed.contains(normalise(host))) {
            return Optional.empty();
        }
        try {
            InetAddress address = InetAddress.getByName(host); // a literal: no lookup
            return AddressPolicy.whyRefused(address).filter(why -> !allowed.contains(normalise(address.getHostAddress())))
                    .map(why -> "url points at " + host + ", a " + why + ", which webhooks may not reach"
                            + " (an operator can allow it with BACKBEAT_WEBHOOK_ALLOWED_HOSTS)");
        } catch (UnknownHostException e) {
            return Optional.of("url host " + host + " is not a valid IP address");
        }
    }

    private static boolean looksLikeIpLiteral(String host) {
        return host.contains(":") || host.matches("[0-9.]+");
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static String normalise(String hostOrAddress) {
        String h = stripBrackets(hostOrAddress.strip().toLowerCase(Locale.ROOT));
        if (looksLikeIpLiteral(h)) {
            try {
                return InetAddress.getByName(h).getHostAddress(); // one spelling per address (::1 vs 0:0:..:1)
            } catch (UnknownHostException e) {
                return h;
            }
        }
        return h;
    }
}
