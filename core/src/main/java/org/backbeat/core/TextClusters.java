package org.backbeat.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The text cluster of a post: the id of its normalised text, so that retweets, cross-posts and copies of
 * one text share one id and a storm of copies counts as one distinct text. Normalising removes the
 * retweet prefix ({@code RT @x:}), URLs, @mentions, case, punctuation-free spacing differences and
 * Unicode compatibility forms; the words, their order and their punctuation otherwise stay.
 *
 * <p>The id is the first 64 bits of SHA-256 of the normalised text, in hex ({@code tc_} + 16 hex digits).
 * It does not depend on the scoring model or any version of Backbeat: changing this normalisation changes
 * every id, so it must bump {@link #VERSION} and be announced as a breaking change of the contract.
 */
public final class TextClusters {

    /** Version of the normalisation, for documentation and migrations; part of no id. */
    public static final int VERSION = 1;

    private static final Pattern RETWEET_PREFIX = Pattern.compile("^(?:\\s*RT\\s*@\\w+\\s*:?\\s*)+", Pattern.CASE_INSENSITIVE);
    private static final Pattern URL = Pattern.compile("(?:https?://|www\\.)\\S+", Pattern.CASE_INSENSITIVE);
    private static final Pattern MENTION = Pattern.compile("(?<![\\p{L}\\p{N}_])@\\w+");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private TextClusters() {
    }

    /** The cluster id of {@code text} (not null). */
    public static String of(String text) {
        String normalised = normalise(text);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8));
            return "tc_" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The cluster id of a post: of its full text (headline and body), as the scorer reads it. */
    public static String of(Post post) {
        return of(post.fullText());
    }

    /**
     * The text as clusters compare it: NFKC, the leading {@code RT @x:} markers, URLs and @mentions removed,
     * lower case, runs of spaces as one, trimmed.
     */
    public static String normalise(String text) {
        String t = Normalizer.normalize(text, Normalizer.Form.NFKC);
        t = RETWEET_PREFIX.matcher(t).replaceFirst("");
        t = URL.matcher(t).replaceAll(" ");
        t = MENTION.matcher(t).replaceAll(" ");
        t = t.toLowerCase(Locale.ROOT);
        return SPACE.matcher(t).replaceAll(" ").strip();
    }
}
