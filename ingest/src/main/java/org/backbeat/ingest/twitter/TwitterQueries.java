package org.backbeat.ingest.twitter;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.backbeat.core.Catalogue;
import org.backbeat.core.TrackedEntity;

/**
 * What to ask Twitter for, from the catalogue: every entity's aliases (quoted when they have spaces),
 * {@code @handles} and {@code #hashtags}, joined with {@code OR} into as few search queries as fit the
 * endpoint's length limit, and the same terms as filtered-stream {@code track} keywords.
 */
final class TwitterQueries {

    /** The filtered stream accepts at most 400 track keywords of at most 60 bytes each. */
    static final int MAX_TRACK_TERMS = 400;
    static final int MAX_TRACK_BYTES = 60;

    private TwitterQueries() {
    }

    /** Search terms of the catalogue, each once (case-insensitively), in catalogue order. */
    static List<String> searchTerms(Catalogue catalogue) {
        Map<String, String> terms = new LinkedHashMap<>();
        for (TrackedEntity entity : catalogue.entities()) {
            for (String alias : entity.aliases()) {
                String a = alias.strip().replaceAll("\\s+", " ");
                add(terms, a.contains(" ") ? "\"" + a.replace("\"", "") + "\"" : a);
            }
            entity.handles().forEach(h -> add(terms, "@" + h.strip()));
            entity.hashtags().forEach(h -> add(terms, "#" + h.strip()));
        }
        return List.copyOf(terms.values());
    }

    /** Packs by plain length: what v2 search counts (512 characters for self-serve recent search). */
    static List<String> pack(List<String> terms, int limit, String suffix) {
        return pack(terms, limit, suffix, String::length);
    }

    /**
     * Packs by URL-encoded length: v1.1 standard search takes "a UTF-8, URL-encoded search query of 500
     * characters maximum, including operators", so {@code "Universal Music" OR #UMG} counts as its encoding.
     */
    static List<String> packEncoded(List<String> terms, int limit, String suffix) {
        return pack(terms, limit, suffix, q -> URLEncoder.encode(q, StandardCharsets.UTF_8).length());
    }

    /**
     * Packs {@code terms} into {@code t1 OR t2 OR ...} queries whose {@code length} is at most {@code limit},
     * each followed by {@code suffix} (e.g. {@code -filter:retweets}) when it is not empty.
     *
     * @throws IllegalArgumentException when one term with the suffix is already longer than the limit
     */
    static List<String> pack(List<String> terms, int limit, String suffix, ToIntFunction<String> length) {
        String tail = suffix == null || suffix.isBlank() ? "" : " " + suffix.strip();
        List<String> queries = new ArrayList<>();
        String current = null;
        for (String term : terms) {
            if (length.applyAsInt(term + tail) > limit) {
                throw new IllegalArgumentException("search term " + term + " does not fit the query limit of " + limit + " characters");
            }
            String grown = current == null ? term : current + " OR " + term;
            if (length.applyAsInt(grown + tail) > limit) {
                queries.add(current + tail);
                grown = term;
            }
            current = grown;
        }
        if (current != null) {
            queries.add(current + tail);
        }
        return List.copyOf(queries);
    }

    /** Filtered-stream track keywords: quotes dropped (a space means AND there), too long ones and extras refused. */
    static List<String> trackTerms(Catalogue catalogue) {
        List<String> track = new ArrayList<>();
        for (String term : searchTerms(catalogue)) {
            String t = term.replace("\"", "").replace(",", " ");
            if (t.getBytes(StandardCharsets.UTF_8).length > MAX_TRACK_BYTES) {
                throw new IllegalArgumentException("track keyword '" + t + "' is longer than " + MAX_TRACK_BYTES + " bytes");
            }
            track.add(t);
        }
        if (track.size() > MAX_TRACK_TERMS) {
            throw new IllegalArgumentException("the catalogue gives " + track.size() + " track keywords; the stream takes at most "
                    + MAX_TRACK_TERMS + ": narrow the catalogue or use search");
        }
        return track;
    }

    private static void add(Map<String, String> terms, String term) {
        if (!term.isBlank()) {
            terms.putIfAbsent(term.toLowerCase(Locale.ROOT), term);
        }
    }
}
