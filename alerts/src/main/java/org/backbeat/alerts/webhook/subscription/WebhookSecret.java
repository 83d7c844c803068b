package org.backbeat.alerts.webhook.subscription;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * A subscription's signing secret, as Standard Webhooks writes it: {@code whsec_} then the base64 of the key
 * bytes. Backbeat generates it (32 bytes from {@link SecureRandom}), shows it once when the subscription is
 * created, and afterwards only its last {@value #HINT_LENGTH} characters.
 */
public final class WebhookSecret {

    public static final String PREFIX = "whsec_";
    public static final int KEY_BYTES = 32;
    public static final int HINT_LENGTH = 4;

    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSecret() {
    }

    /** A new secret: {@code whsec_} + base64 of {@value #KEY_BYTES} random bytes. */
    public static String generate() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The HMAC key: the base64-decoded part after {@code whsec_} (the prefix is optional, as in the spec's libraries). */
    public static byte[] keyBytes(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("a webhook secret is required");
        }
        String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        try {
            return Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a webhook secret is " + PREFIX + " followed by base64; this one is not valid base64", e);
        }
    }

    /** What may be shown after creation: {@code …} and the last {@value #HINT_LENGTH} characters. */
    public static String hint(String secret) {
        if (secret == null || secret.length() <= HINT_LENGTH) {
            return "…";
        }
        return "…" + secret.substring(secret.length() - HINT_LENGTH);
    }
}
