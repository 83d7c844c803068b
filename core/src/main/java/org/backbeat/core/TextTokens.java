package org.backbeat.core;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts a text into tokens for catalogue and topic matching: runs of letters, digits and underscores are
 * words, so "Spotify's" is {@code Spotify ' s} and "Spotifyish" one word; {@code @name} and {@code #tag}
 * at the start of a word are handles and hashtags; URLs and e-mail addresses are opaque (a link to
 * spotify.com is not a mention of Spotify); every other non-space character is a punctuation token.
 * Whitespace only separates.
 */
public final class TextTokens {

    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");

    private TextTokens() {
    }

    public static List<TextToken> tokenize(String text) {
        List<TextToken> tokens = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return tokens;
        }
        Matcher url = URL.matcher(text);
        int nextUrl = url.find() ? url.start() : -1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            if (i == nextUrl) {
                tokens.add(new TextToken(text.substring(i, url.end()), i, url.end(), TextToken.Kind.OPAQUE));
                i = url.end();
                nextUrl = url.find(i) ? url.start() : -1;
                continue;
            }
            int cp = text.codePointAt(i);
            int len = Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                i += len;
            } else if (isWordChar(cp)) {
                int end = wordEnd(text, i);
                tokens.add(new TextToken(text.substring(i, end), i, end, TextToken.Kind.WORD));
                i = end;
            } else if ((cp == '@' || cp == '#') && i + 1 < n && isWordChar(text.codePointAt(i + 1))) {
                int end = wordEnd(text, i + 1);
                boolean glued = i > 0 && isWordChar(text.codePointBefore(i));
                TextToken.Kind kind = glued ? TextToken.Kind.OPAQUE : cp == '@' ? TextToken.Kind.HANDLE : TextToken.Kind.HASHTAG;
                if (glued) {
                    // bob@spotify.example: swallow the rest of the address too
                    while (end < n && !Character.isWhitespace(text.charAt(end))) {
                        end++;
                    }
                }
                tokens.add(new TextToken(text.substring(i, end), i, end, kind));
                i = end;
            } else {
                tokens.add(new TextToken(text.substring(i, i + len), i, i + len, TextToken.Kind.PUNCT));
                i += len;
            }
        }
        return tokens;
    }

    static boolean isWordChar(int cp) {
        return Character.isLetterOrDigit(cp) || cp == '_' || Character.getType(cp) == Character.NON_SPACING_MARK;
    }

    private static int wordEnd(String text, int from) {
        int i = from;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (!isWordChar(cp)) {
                break;
            }
            i += Character.charCount(cp);
        }
        return i;
    }
}
