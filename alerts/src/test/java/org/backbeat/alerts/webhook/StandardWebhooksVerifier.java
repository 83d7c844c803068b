package org.backbeat.alerts.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An independent implementation of the receiving side of Standard Webhooks 1.0 (symmetric signatures), written
 * from the specification, not from Backbeat's signer: the secret is {@code whsec_} + base64 key; the signed content
 * is {@code id.timestamp.body}; the header holds space-separated {@code v1,<base64>} signatures; timestamps more than
 * five minutes from now are refused; signatures are compared in constant time. Shared through the alerts test-jar
 * with the app's and the dashboard's receivers.
 */
public final class StandardWebhooksVerifier {

    public static final long TOLERANCE_SECONDS = 5 * 60;

    private final byte[] key;

    public StandardWebhooksVerifier(String secret) {
        String base64 = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
        this.key = Base64.getDecoder().decode(base64);
    }

    /** Null when the message is authentic and fresh, else why not. */
    public String problem(String id, String timestamp, String signatureHeader, byte[] body, long nowSeconds) {
        if (id == null || timestamp == null || signatureHeader == null) {
            return "missing webhook-id, webhook-timestamp or webhook-signature";
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return "timestamp is not a number";
        }
        if (Math.abs(nowSeconds - ts) > TOLERANCE_SECONDS) {
            return "timestamp outside the tolerance";
        }
        byte[] expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] content = new byte[0];
            String prefix = id + "." + timestamp + ".";
            byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
            content = new byte[p.length + body.length];
            System.arraycopy(p, 0, content, 0, p.length);
            System.arraycopy(body, 0, content, p.length, body.length);
            expected = mac.doFinal(content);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        for (String candidate : signatureHeader.split(" ")) {
            int comma = candidate.indexOf(',');
            if (comma < 0 || !candidate.substring(0, comma).equals("v1")) {
                continue;
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(candidate.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (MessageDigest.isEqual(expected, given)) {
                return null;
            }
        }
        return "no matching v1 signature";
    }
}
