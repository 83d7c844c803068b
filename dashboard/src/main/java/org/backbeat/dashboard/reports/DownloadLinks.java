package org.backbeat.dashboard.reports;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Expiring download links to a report run's file, for people who hold no admin token (the receiver of a report
 * notice). A link is {@code <public-url>/api/reports/download/<token>}, the token being
 * {@code base64url(name "/" date "/" expiry-seconds) "." base64url(HMAC-SHA256(key, that payload))}: whoever changes
 * the name, the date or the expiry breaks the signature, and past the expiry the link is refused even when intact.
 *
 * <p>The key comes from {@code reports.link-secret} (env {@code BACKBEAT_REPORTS_LINK_SECRET}, at least 32 characters),
 * so links survive restarts and work on every dashboard process; without it each process draws a random key, and its
 * links die with it.
 */
public final class DownloadLinks {

    /** The route the links point at, before the token. */
    public static final String PATH = "/api/reports/download/";

    /** What a link names: a report's run file. */
    public record Target(String name, LocalDate date, Instant expiresAt) {
    }

    /** A link that is malformed, forged or expired. */
    public static final class InvalidLinkException extends RuntimeException {
        InvalidLinkException(String message) {
            super(message);
        }
    }

    private final byte[] key;
    private final String publicUrl;
    private final Duration ttl;
    private final Clock clock;

    DownloadLinks(byte[] key, String publicUrl, Duration ttl, Clock clock) {
        if (key.length < 32) {
            throw new IllegalArgumentException("the link key must have at least 32 bytes");
        }
        this.key = key.clone();
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** Links keyed by {@link ReportsConfig#linkSecret()}, or by a random key when it is not set. */
    public static DownloadLinks from(ReportsConfig config, Clock clock) {
        byte[] key;
        if (config.linkSecret() != null) {
            key = config.linkSecret().getBytes(StandardCharsets.UTF_8);
        } else {
            key = new byte[32];
            new SecureRandom().nextBytes(key);
        }
        return new DownloadLinks(key, config.publicUrl(), config.linkTtl(), clock);
    }

    /** A link to the file of {@code name}'s run on {@code date}, valid for the configured time from now. */
    public Link link(String name, LocalDate date) {
        Instant expires = clock.instant().plus(ttl).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return new Link(publicUrl + PATH + token(name, date, expires), expires);
    }

    /** A download link and when it stops working. */
    public record Link(String url, Instant expiresAt) {
    }

    String token(String name, LocalDate date, Instant expires) {
        String payload = name + "/" + date + "/" + expires.getEpochSecond();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString(mac(payload));
    }

    /**
     * What a token names, when it is intact and not expired.
     *
     * @throws InvalidLinkException saying whether it is malformed, forged or expired
     */
    public Target verify(String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot < 1) {
            throw new InvalidLinkException("this download link is not valid");
        }
        String payload;
        byte[] signature;
        try {
            payload = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw new InvalidLinkException("this download link is not valid");
        }
        if (!MessageDigest.isEqual(mac(payload), signature)) {
            throw new InvalidLinkException("this download link is not valid");
        }
        String[] parts = payload.split("/");
        Target target;
        try {
            target = new Target(parts[0], LocalDate.parse(parts[1]), Instant.ofEpochSecond(Long.parseLong(parts[2])));
        } catch (RuntimeException e) { // signed by us, so only a change of format gets here
            throw new InvalidLinkException("this download link is not valid");
        }
        if (!clock.instant().isBefore(target.expiresAt())) {
            throw new InvalidLinkException("this download link expired at " + target.expiresAt() + "; ask for the report again");
        }
        return target;
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException | DateTimeException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
