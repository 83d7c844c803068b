package org.backbeat.nlp.sentiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tweet-aware normalisation before CoreNLP, which knows no emoji, URL, @mention or #hashtag and is
 * case-sensitive. Turns a post's text into a {@link NormalisedText}:
 * <ul>
 *   <li>URLs (and the {@code {link}} placeholder of some corpora) are removed and counted;</li>
 *   <li>@mentions that open the text (reply prefixes, {@code RT @x:}) are removed, others become "someone";</li>
 *   <li>#hashtags are split into words at camelCase and underscores ({@code #SoHappy} reads "So Happy");</li>
 *   <li>elongated words are shortened: runs of three or more letters to two, or to one when only that
 *       spelling is a known word ({@code sooooo} reads "so", {@code goooood} "good");</li>
 *   <li>ALL-CAPS words are lower-cased for the model and counted;</li>
 *   <li>emoji and emoticons are removed from the model text and kept as features;</li>
 *   <li>{@code &amp;}, {@code &lt;}, {@code &gt;}, {@code &quot;} entities are decoded.</li>
 * </ul>
 * Thread-safe and stateless but for the vocabulary it is given.
 */
public final class TextNormaliser {

    private static final Pattern TOKEN = Pattern.compile(String.join("|",
            "(?<url>(?:https?://|www\\.)\\S+|\\{link\\})",
            "(?<mention>@\\w+)",
            "(?<hashtag>#[\\p{L}\\p{N}_]+)",
            "(?<entity>&(?:amp|lt|gt|quot|#39);)",
            // Western emoticons, both directions, and hearts; only where no word character touches them.
            "(?<emoticon>(?<![\\p{L}\\p{N}])(?:[<>]?[:;=][-o*'^]?[)\\](\\[dDpPoO/\\\\|*3$@]+|[)(\\]\\[][-o*']?[:;=]|<3+|</3|\\^_*\\^|[xX][dD]+)(?![\\p{L}\\p{N}]))",
            "(?<sarcasm>(?<=\\s)/s$)",
            "(?<word>[\\p{L}\\p{M}\\p{N}]+(?:['\u2019][\\p{L}\\p{M}]+)*)",
            "(?<space>\\s+)"));
    private static final Pattern CAMEL = Pattern.compile("(?<=\\p{Ll})(?=\\p{Lu})|(?<=\\p{L})(?=\\p{N})|(?<=\\p{N})(?=\\p{L})|_+");
    private static final Pattern RUN = Pattern.compile("(\\p{L})\\1{2,}");

    private final Predicate<String> known;

    /** @param known whether a lower-cased word is a known word; decides how elongations are shortened */
    public TextNormaliser(Predicate<String> known) {
        this.known = known;
    }

    /** A normaliser that knows the words of {@code vocabulary} (lower-cased). */
    public static TextNormaliser withVocabulary(Set<String> vocabulary) {
        return new TextNormaliser(vocabulary::contains);
    }

    /** Normalises {@code text} (not null). */
    public NormalisedText normalise(String text) {
        Builder out = new Builder();
        List<String> tokens = new ArrayList<>();
        List<String> emoji = new ArrayList<>();
        List<String> emoticons = new ArrayList<>();
        int caps = 0, elongated = 0, exclamations = 0, questions = 0, urls = 0, mentions = 0, hashtags = 0;
        boolean sarcasm = false;
        boolean opening = true; // still in the leading run of mentions / RT markers

        Matcher m = TOKEN.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        int pos = 0;
        while (pos < text.length()) {
            m.region(pos, text.length());
            if (m.lookingAt()) {
                String t = m.group();
                if (m.group("url") != null) {
                    urls++;
                } else if (m.group("mention") != null) {
                    mentions++;
                    if (!opening) {
                        out.append("someone", pos, t.length());
                        tokens.add("someone");
                    }
                } else if (m.group("hashtag") != null) {
                    hashtags++;
                    String body = t.substring(1);
                    String lower = body.toLowerCase(Locale.ROOT);
                    if (lower.equals("sarcasm") || lower.equals("sarcastic") || lower.equals("not")) {
                        sarcasm = true;
                    } else {
                        for (String part : CAMEL.split(body)) {
                            if (!part.isEmpty()) {
                                Word w = word(part);
                                out.space(pos).append(w.model, pos, t.length()).space(pos + t.length() - 1);
                                tokens.add(w.model.toLowerCase(Locale.ROOT));
                            }
                        }
                    }
                    opening = false;
                } else if (m.group("entity") != null) {
                    String decoded = switch (t) {
                        case "&amp;" -> "&";
                        case "&lt;" -> "<";
                        case "&gt;" -> ">";
                        case "&quot;" -> "\"";
                        default -> "'";
                    };
                    out.append(decoded, pos, t.length());
                    opening = false;
                } else if (m.group("emoticon") != null) {
                    emoticons.add(t);
                    opening = false;
                } else if (m.group("sarcasm") != null) {
                    sarcasm = true;
                } else if (m.group("word") != null) {
                    if (opening && t.equals("RT")) {
                        pos = m.end();
                        continue;
                    }
                    Word w = word(t);
                    caps += w.caps ? 1 : 0;
                    elongated += w.elongated ? 1 : 0;
                    out.append(w.model, pos, t.length());
                    tokens.add(w.model.toLowerCase(Locale.ROOT).replace('\u2019', '\''));
                    opening = false;
                } else {
                    out.space(pos);
                }
                pos = m.end();
                continue;
            }
            int cp = text.codePointAt(pos);
            int width = Character.charCount(cp);
            if (isEmoji(cp)) {
                emoji.add(new String(Character.toChars(cp)));
                opening = false;
            } else if (isEmojiGlue(cp)) {
                // skin tones, joiners, variation selectors: part of the emoji before
            } else if (opening && cp == ':') {
                // "RT @x:" or "@x:" before the text
            } else {
                exclamations += cp == '!' ? 1 : 0;
                questions += cp == '?' ? 1 : 0;
                out.append(new String(Character.toChars(cp)), pos, width);
                if (!Character.isWhitespace(cp) && Character.getType(cp) != Character.CONTROL) {
                    tokens.add(new String(Character.toChars(cp)));
                }
                opening = opening && Character.isWhitespace(cp);
            }
            pos += width;
        }
        return new NormalisedText(out.text(), out.origin(), text.length(), tokens, emoji, emoticons,
                caps, elongated, exclamations, questions, urls, mentions, hashtags, sarcasm);
    }

    private record Word(String model, boolean caps, boolean elongated) {
    }

    private Word word(String written) {
        int letters = 0, upper = 0;
        for (int i = 0; i < written.length(); i++) {
            char c = written.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
                upper += Character.isUpperCase(c) ? 1 : 0;
            }
        }
        boolean caps = letters >= 2 && upper == letters;
        String model = caps ? written.toLowerCase(Locale.ROOT) : written;
        boolean elongated = RUN.matcher(model).find();
        if (elongated) {
            String two = RUN.matcher(model).replaceAll("$1$1");
            String one = RUN.matcher(model).replaceAll("$1");
            model = !known.test(two.toLowerCase(Locale.ROOT)) && known.test(one.toLowerCase(Locale.ROOT)) ? one : two;
        }
        return new Word(model, caps, elongated);
    }

    /** Pictographic symbols: the emoji blocks and the older symbol blocks emoji come from. */
    static boolean isEmoji(int cp) {
        if (cp >= 0x1F3FB && cp <= 0x1F3FF) {
            return false;
        }
        return (cp >= 0x1F000 && cp <= 0x1FAFF)
                || (cp >= 0x2600 && cp <= 0x27BF)
                || (cp >= 0x2B00 && cp <= 0x2BFF)
                || (cp >= 0x2190 && cp <= 0x21FF)
                || (cp >= 0x2300 && cp <= 0x23FF)
                || cp == 0x2122 || cp == 0x00A9 || cp == 0x00AE || cp == 0x3030 || cp == 0x303D;
    }

    private static boolean isEmojiGlue(int cp) {
        return cp == 0x200D || cp == 0xFE0F || cp == 0xFE0E || cp == 0x20E3 || (cp >= 0x1F3FB && cp <= 0x1F3FF);
    }

    /** Builds the model text and, per character, the original offset it came from. */
    private static final class Builder {
        private final StringBuilder text = new StringBuilder();
        private int[] origin = new int[64];

        Builder append(String piece, int from, int length) {
            if (piece.isEmpty()) {
                return this;
            }
            if (Character.isWhitespace(piece.charAt(0)) && (text.isEmpty() || endsWithSpace())) {
                return this;
            }
            for (int i = 0; i < piece.length(); i++) {
                if (text.length() == origin.length) {
                    origin = java.util.Arrays.copyOf(origin, origin.length * 2);
                }
                origin[text.length()] = from + Math.min(i, Math.max(0, length - 1));
                text.append(piece.charAt(i));
            }
            return this;
        }

        Builder space(int from) {
            return text.isEmpty() || endsWithSpace() ? this : append(" ", from, 1);
        }

        private boolean endsWithSpace() {
            return Character.isWhitespace(text.charAt(text.length() - 1));
        }

        String text() {
            return text.toString();
        }

        int[] origin() {
            return java.util.Arrays.copyOf(origin, text.length());
        }
    }
}
