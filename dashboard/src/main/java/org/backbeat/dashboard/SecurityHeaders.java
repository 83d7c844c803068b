package org.backbeat.dashboard;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headers every answer of the web tier carries, pages, scripts and JSON alike.
 *
 * <ul>
 *   <li>{@code Content-Security-Policy}: scripts, styles, images, fonts and requests from this origin only; no
 *       inline script (the pages attach their handlers from their own files), no plugins, no framing
 *       ({@code frame-ancestors 'none'}), forms post only here. Style <em>attributes</em> are allowed
 *       ({@code style-src-attr 'unsafe-inline'}): ECharts writes its tooltips as markup with inline styles, and
 *       swagger-ui sets some; style attributes cannot run code. {@code data:} images are swagger-ui's icons.</li>
 *   <li>{@code X-Frame-Options: DENY}: the same refusal to be framed, for browsers that predate CSP 2.</li>
 *   <li>{@code X-Content-Type-Options: nosniff}: a JSON or CSV answer is never run as script or rendered as HTML.</li>
 *   <li>{@code Referrer-Policy: strict-origin-when-cross-origin}: links out (a post's URL) reveal the host, never
 *       the dashboard's query (the entity and time range being looked at).</li>
 * </ul>
 */
final class SecurityHeaders {

    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "style-src-attr 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    static final Map<String, String> HEADERS = headers();

    private SecurityHeaders() {
    }

    private static Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        h.put("X-Frame-Options", "DENY");
        h.put("X-Content-Type-Options", "nosniff");
        h.put("Referrer-Policy", "strict-origin-when-cross-origin");
        return Map.copyOf(h);
    }

    /** Sets the headers on the answer (a before-handler: static files get them too). */
    static void apply(Context ctx) {
        HEADERS.forEach(ctx::header);
    }
}
