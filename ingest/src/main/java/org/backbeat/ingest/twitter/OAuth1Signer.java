package org.backbeat.ingest.twitter;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a request with OAuth 1.0a HMAC-SHA1 (RFC 5849), as API v1.1 user context wants, for the filtered
 * stream, which is read with {@code java.net.http} so that the source controls reconnection (Twitter4J's
 * request type is package-private, so its signer cannot be reused from here).
 */
final class OAuth1Signer {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final TwitterCredentials credentials;
    private final Supplier<String> nonces;
    private final LongSupplier epochSeconds;

    OAuth1Signer(TwitterCredentials credentials) {
        this(credentials, OAuth1Signer::randomNonce, () -> System.currentTimeMillis() / 1000);
    }

    OAuth1Signer(TwitterCredentials credentials, Supplier<String> nonces, LongSupplier epochSeconds) {
        this.credentials = credentials;
        this.nonces = nonces;
        this.epochSeconds = epochSeconds;
    }

    /** The {@code Authorization} header for {@code method uri} with these query and form parameters. */
    String authorization(String method, URI uri, Map<String, String> parameters) {
        Map<String, String> oauth = new TreeMap<>();
        oauth.put("oauth_consumer_key", credentials.consumerKey());
        oauth.put("oauth_nonce", nonces.get());
        oauth.put("oauth_signature_method", "HMAC-SHA1");
        oauth.put("oauth_timestamp", Long.toString(epochSeconds.getAsLong()));
        oauth.put("oauth_token", credentials.accessToken());
        oauth.put("oauth_version", "1.0");
        List<String> pairs = new ArrayList<>();
        parameters.forEach((k, v) -> pairs.add(encode(k) + "=" + encode(v)));
        oauth.forEach((k, v) -> pairs.add(encode(k) + "=" + encode(v)));
        pairs.sort(null);
        String base = method.toUpperCase() + "&" + encode(baseUrl(uri)) + "&" + encode(String.join("&", pairs));
        oauth.put("oauth_signature", sign(base));
        StringBuilder header = new StringBuilder("OAuth ");
        oauth.forEach((k, v) -> header.append(encode(k)).append("=\"").append(encode(v)).append("\", "));
        return header.substring(0, header.length() - 2);
    }

    private String sign(String base) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            String key = encode(credentials.consumerSecret()) + "&" + encode(credentials.accessTokenSecret());
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(base.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is required by every JVM", e);
        }
    }

    /** Scheme and host in lower case, the port only when not the default, the path, no query. */
    static String baseUrl(URI uri) {
        String scheme = uri.getScheme().toLowerCase();
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + uri.getHost().toLowerCase() + (defaultPort ? "" : ":" + port) + uri.getRawPath();
    }

    /** RFC 3986 percent-encoding: unreserved characters stay, everything else is encoded, spaces as %20. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    private static String randomNonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
