package org.backbeat.alerts.webhook.ssrf;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Which IP addresses a webhook must not reach: anything that is not a public unicast address, because a
 * subscription URL is user input and the dispatcher runs inside the network (SSRF). Refused:
 * <ul>
 *   <li>unspecified {@code 0.0.0.0/8}, {@code ::}; loopback {@code 127.0.0.0/8}, {@code ::1};</li>
 *   <li>private {@code 10/8}, {@code 172.16/12}, {@code 192.168/16}; carrier-grade NAT {@code 100.64/10};</li>
 *   <li>link-local {@code 169.254/16} (cloud metadata {@code 169.254.169.254} among them), {@code fe80::/10};</li>
 *   <li>unique-local {@code fc00::/7}, deprecated site-local {@code fec0::/10};</li>
 *   <li>multicast {@code 224/4}, {@code ff00::/8}; broadcast {@code 255.255.255.255} and the reserved {@code 240/4};</li>
 *   <li>IPv6 addresses that embed an IPv4 address (IPv4-compatible {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::/96},
 *       6to4 {@code 2002::/16}) are judged by the embedded address. (IPv4-mapped {@code ::ffff:a.b.c.d} is turned
 *       into an {@link Inet4Address} by the JDK already.)</li>
 * </ul>
 * Plain logic, no I/O.
 */
public final class AddressPolicy {

    private AddressPolicy() {
    }

    /** Why this address is refused, or empty when it is a public unicast address. */
    public static Optional<String> whyRefused(InetAddress address) {
        if (address instanceof Inet4Address v4) {
            return whyRefused4(v4.getAddress());
        }
        byte[] b = address.getAddress();
        if (address.isAnyLocalAddress()) {
            return Optional.of("unspecified address");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("loopback address");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("multicast address");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("link-local address (fe80::/10)");
        }
        if ((b[0] & 0xfe) == 0xfc) {
            return Optional.of("unique-local address (fc00::/7)");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("site-local address (fec0::/10)");
        }
        byte[] embedded = embeddedIpv4((Inet6Address) address);
        if (embedded != null) {
            return whyRefused4(embedded).map(why -> why + " embedded in an IPv6 address");
        }
        return Optional.empty();
    }

    private static Optional<String> whyRefused4(byte[] a) {
        int b0 = a[0] & 0xff;
        int b1 = a[1] & 0xff;
        if (b0 == 0) {
            return Optional.of("unspecified address (0.0.0.0/8)");
        }
        if (b0 == 127) {
            return Optional.of("loopback address (127.0.0.0/8)");
        }
        if (b0 == 10 || (b0 == 172 && b1 >= 16 && b1 <= 31) || (b0 == 192 && b1 == 168)) {
            return Optional.of("private address (RFC 1918)");
        }
        if (b0 == 100 && b1 >= 64 && b1 <= 127) {
            return Optional.of("carrier-grade NAT address (100.64.0.0/10)");
        }
        if (b0 == 169 && b1 == 254) {
            return Optional.of("link-local address (169.254.0.0/16, cloud metadata among them)");
        }
        if (b0 >= 224 && b0 <= 239) {
            return Optional.of("multicast address (224.0.0.0/4)");
        }
        if (b0 >= 240) {
            return Optional.of("reserved or broadcast address (240.0.0.0/4)");
        }
        return Optional.empty();
    }

    /** The IPv4 address inside an IPv4-compatible, NAT64 or 6to4 IPv6 address, or null. */
    private static byte[] embeddedIpv4(Inet6Address address) {
        byte[] b = address.getAddress();
        boolean zeroPrefix = true;
        for (int i = 0; i < 12; i++) {
            zeroPrefix &= b[i] == 0;
        }
        if (zeroPrefix) { // ::a.b.c.d (:: and ::1 were handled before)
            return new byte[] {b[12], b[13], b[14], b[15]};
        }
        boolean nat64 = b[0] == 0x00 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        for (int i = 4; i < 12 && nat64; i++) {
            nat64 = b[i] == 0;
        }
        if (nat64) {
            return new byte[] {b[12], b[13], b[14], b[15]};
        }
        if (b[0] == 0x20 && b[1] == 0x02) { // 2002:AABB:CCDD::/48
            return new byte[] {b[2], b[3], b[4], b[5]};
        }
        return null;
    }
}
