package org.backbeat.ingest.feed;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The canonical form of an article link, so the same article gets the same post id however a feed links
 * it: relative links resolved against the feed's page; scheme and host lower-cased; default port and
 * fragment dropped; Google redirect links ({@code google.com/url?url=...}) unwrapped; tracking parameters
 * removed — {@code utm_*}, the click ids ({@code fbclid}, {@code gclid}, {@code dclid}, {@code gbraid},
 * {@code wbraid}, {@code msclkid}, {@code yclid}, {@code igshid}, {@code twclid}), mail-campaign ids
 * ({@code mc_cid}, {@code mc_eid}, {@code _hsenc}, {@code _hsmi}, {@code mkt_tok}, {@code vero_id},
 * {@code oly_enc_id}, {@code oly_anon_id}), {@code ncid}, {@code cmpid}, {@code ref_src}, and
 * {@code source}/{@code src}/{@code ref}/{@code rss} when their value names a feed ({@code ?source=rss-...}).
 * Other parameters keep their order and encoding: they may pick the article.
 */
final class CanonicalLinks {

    private static final Set<String> TRACKING = Set.of("fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid",
            "yclid", "igshid", "twclid", "mc_cid", "mc_eid", "_hsenc", "_hsmi", "mkt_tok", "vero_id", "oly_enc_id",
            "oly_anon_id", "ncid", "cmpid", "ref_src");
    private static final Set<String> FEED_MARKERS = Set.of("source", "src", "ref", "rss", "from");

    private CanonicalLinks() {
    }

    /**
     * @param link the item's link as the feed gives it
     * @param base the feed's own page, to resolve relative links; may be null
     * @return the canonical link, or {@code link} stripped when it is not an http(s) URL
     */
    static String canonical(String link, String base) {
        String trimmed = link.strip();
        URI uri;
        try {
            uri = new URI(trimmed.replace(" ", "%20"));
            if (!uri.isAbsolute() && base != null) {
                uri = new URI(base.strip()).resolve(uri);
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            return trimmed;
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme) || uri.getRawAuthority() == null || uri.getHost() == null) {
            return uri.toString();
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String unwrapped = googleRedirectTarget(host, uri);
        if (unwrapped != null) {
            return canonical(unwrapped, null);
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = keptQuery(uri.getRawQuery());
        StringBuilder out = new StringBuilder(scheme).append("://");
        if (uri.getRawUserInfo() != null) {
            out.append(uri.getRawUserInfo()).append('@');
        }
        out.append(host);
        if (!defaultPort) {
            out.append(':').append(port);
        }
        out.append(path);
        if (query != null) {
            out.append('?').append(query);
        }
        return out.toString();
    }

    private static String googleRedirectTarget(String host, URI uri) {
        if (!(host.equals("www.google.com") || host.equals("google.com")) || !"/url".equals(uri.getRawPath())) {
            return null;
        }
        for (String pair : params(uri.getRawQuery())) {
            String name = name(pair);
            if (name.equals("url") || name.equals("q")) {
                String target = decode(pair.substring(Math.min(pair.length(), name.length() + 1)));
                if (target.matches("(?i)https?://.+")) {
                    return target;
                }
            }
        }
        return null;
    }

    private static String keptQuery(String rawQuery) {
        List<String> kept = new ArrayList<>();
        for (String pair : params(rawQuery)) {
            String name = decode(name(pair)).toLowerCase(Locale.ROOT);
            String value = pair.contains("=") ? decode(pair.substring(pair.indexOf('=') + 1)).toLowerCase(Locale.ROOT) : "";
            boolean tracking = name.startsWith("utm_") || TRACKING.contains(name)
                    || FEED_MARKERS.contains(name) && (value.startsWith("rss") || value.startsWith("feed") || value.equals("1") && name.equals("rss"));
            if (!tracking && !pair.isEmpty()) {
                kept.add(pair);
            }
        }
        return kept.isEmpty() ? null : String.join("&", kept);
    }

    private static List<String> params(String rawQuery) {
        return rawQuery == null || rawQuery.isEmpty() ? List.of() : List.of(rawQuery.split("&"));
    }

    private static String name(String pair) {
        int eq = pair.indexOf('=');
        return eq < 0 ? pair : pair.substring(0, eq);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
