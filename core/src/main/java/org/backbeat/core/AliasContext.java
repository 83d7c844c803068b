package org.backbeat.core;

import java.util.List;
import java.util.Locale;

/**
 * Context rules for an alias that is also an ordinary word or another thing's name ("Amazon" the river,
 * "Apple" the fruit, "Universal" in general use). Context words are compared in lower case against the
 * words around the alias; a trailing {@code *} matches any ending ({@code deforest*}).
 *
 * @param alias     the alias these rules apply to, exactly as listed in the entity's aliases
 * @param near      if not empty, at least one of these words must occur within {@code window} words
 * @param notNear   none of these words may occur within {@code window} words
 * @param notBefore the word right before the alias must not be one of these ("Big" Apple)
 * @param notAfter  the word right after the alias (a possessive 's skipped) must not be one of these (Apple "pie")
 * @param window    how many words on each side count as near; 8 when not given
 */
public record AliasContext(String alias, List<String> near, List<String> notNear, List<String> notBefore,
                           List<String> notAfter, int window) {

    public static final int DEFAULT_WINDOW = 8;

    public AliasContext {
        Post.requireText(alias, "context alias");
        near = lower(near);
        notNear = lower(notNear);
        notBefore = lower(notBefore);
        notAfter = lower(notAfter);
        window = window <= 0 ? DEFAULT_WINDOW : window;
    }

    /** True if {@code word} (lower case) is one of {@code words}, allowing trailing-{@code *} prefixes. */
    static boolean contains(List<String> words, String word) {
        for (String w : words) {
            if (w.endsWith("*") ? word.startsWith(w.substring(0, w.length() - 1)) : word.equals(w)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> lower(List<String> words) {
        return words == null ? List.of() : words.stream().map(w -> w.strip().toLowerCase(Locale.ROOT)).toList();
    }
}
