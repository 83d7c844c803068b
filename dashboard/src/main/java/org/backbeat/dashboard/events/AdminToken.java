package org.backbeat.dashboard.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.backbeat.core.Settings;

/**
 * The secret that admin requests ({@code Authorization: Bearer <token>}) must present. Read from the setting
 * {@value #KEY} (env {@code BACKBEAT_ADMIN_TOKEN}) or from the file named by {@value #FILE_KEY}
 * (env {@code BACKBEAT_ADMIN_TOKEN_FILE}, for Docker/Kubernetes secrets). Never logged: {@link #toString()}
 * says only whether one is set. Compared in constant time (SHA-256 digests compared with
 * {@link MessageDigest#isEqual}, so neither content nor length leaks through timing).
 */
public final class AdminToken {

    public static final String KEY = "admin.token";
    public static final String FILE_KEY = "admin.token-file";
    /** The message for writes when no token is configured. */
    public static final String HOW_TO_SET = "admin writes are disabled: no admin token is configured; set the environment variable "
            + Settings.envName(KEY) + " (at least 16 characters) or " + Settings.envName(FILE_KEY) + " (a file holding it) and restart";
    public static final int MIN_LENGTH = 16;
    private static final String BEARER = "Bearer ";

    private final byte[] digest;

    private AdminToken(byte[] digest) {
        this.digest = digest;
    }

    /** A configured token; it must be at least {@value #MIN_LENGTH} characters. */
    public static AdminToken of(String token) {
        if (token == null || token.strip().length() < MIN_LENGTH) {
            throw new IllegalArgumentException("the admin token (" + Settings.envName(KEY) + ") must be at least "
                    + MIN_LENGTH + " characters");
        }
        return new AdminToken(sha256(token.strip()));
    }

    /** No token: every admin request is refused with {@link #HOW_TO_SET}. */
    public static AdminToken none() {
        return new AdminToken(null);
    }

    /** The token from {@value #KEY}, else from the file named by {@value #FILE_KEY}, else {@link #none()}. */
    public static AdminToken from(Settings settings) {
        Optional<String> direct = settings.get(KEY);
        if (direct.isPresent()) {
            return of(direct.get());
        }
        Optional<String> file = settings.get(FILE_KEY);
        if (file.isEmpty()) {
            return none();
        }
        try {
            String content = Files.readString(Path.of(file.get()), StandardCharsets.UTF_8).strip();
            return content.isEmpty() ? none() : of(content);
        } catch (IOException e) {
            throw new UncheckedIOException(Settings.envName(FILE_KEY) + " names " + file.get() + ", which cannot be read: " + e.getMessage(), e);
        }
    }

    public boolean isConfigured() {
        return digest != null;
    }

    /** Whether an {@code Authorization} header value is {@code Bearer <the token>}; false when none is configured. */
    public boolean accepts(String authorizationHeader) {
        if (digest == null || authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(authorizationHeader.substring(BEARER.length()).strip()));
    }

    /**
     * Refuses a request that lacks this token: 403 saying how to set one when none is configured, else 401 with
     * {@code WWW-Authenticate: Bearer}.
     */
    public void require(io.javalin.http.Context ctx) {
        if (!isConfigured()) {
            throw new io.javalin.http.ForbiddenResponse(HOW_TO_SET);
        }
        if (!accepts(ctx.header(io.javalin.http.Header.AUTHORIZATION))) {
            ctx.header(io.javalin.http.Header.WWW_AUTHENTICATE, "Bearer");
            throw new io.javalin.http.UnauthorizedResponse("this needs the admin token: send the header 'Authorization: Bearer <token>'");
        }
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return digest == null ? "AdminToken[not set]" : "AdminToken[set]";
    }
}
