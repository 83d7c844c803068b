package org.backbeat.alerts.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.backbeat.alerts.webhook.subscription.WebhookSecret;

/**
 * Signs a webhook request as Standard Webhooks 1.0 does (symmetric, {@code v1}):
 * <pre>
 *   webhook-id:        the message id; Backbeat uses the alert's id, identical on every retry, so a receiver can
 *                      use it to drop duplicates
 *   webhook-timestamp: Unix seconds of this attempt
 *   webhook-signature: v1,base64(HMAC-SHA256(key, id + "." + timestamp + "." + body))
 * </pre>
 * where {@code key} is the base64-decoded part of the secret after {@code whsec_}. The body is signed as the exact
 * bytes sent.
 */
public final class WebhookSigner {

    public static final String ID_HEADER = "webhook-id";
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String SIGNATURE_HEADER = "webhook-signature";

    private WebhookSigner() {
    }

    /** {@code v1,<base64 signature>} of one message. */
    public static String sign(String secret, String messageId, long timestampSeconds, byte[] body) {
        byte[] prefix = (messageId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(WebhookSecret.keyBytes(secret), "HmacSHA256"));
            mac.update(prefix);
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** The three signature headers of one attempt. */
    public static Map<String, String> headers(String secret, String messageId, long timestampSeconds, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ID_HEADER, messageId);
        headers.put(TIMESTAMP_HEADER, Long.toString(timestampSeconds));
        headers.put(SIGNATURE_HEADER, sign(secret, messageId, timestampSeconds, body));
        return headers;
    }
}
