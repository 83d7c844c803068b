package org.backbeat.core;

/**
 * One token of a text as {@link TextTokens} cut it.
 *
 * @param text  the characters as written
 * @param begin offset of the first character in the text
 * @param end   offset just past the last character
 * @param kind  what the token is
 */
public record TextToken(String text, int begin, int end, Kind kind) {

    /** Token kinds: only words, handles and hashtags can name an entity or a topic. */
    public enum Kind {
        /** Letters, digits and underscores. */
        WORD,
        /** {@code @name} at the start of a word. */
        HANDLE,
        /** {@code #tag} at the start of a word. */
        HASHTAG,
        /** A URL or an {@code @}/{@code #} glued to a word (an e-mail address): never matches anything. */
        OPAQUE,
        /** One punctuation or symbol character. */
        PUNCT
    }

    /** The text in lower case (root locale). */
    public String lower() {
        return text.toLowerCase(java.util.Locale.ROOT);
    }

    public boolean isWord() {
        return kind == Kind.WORD;
    }
}
