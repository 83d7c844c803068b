package org.backbeat.ingest.lang;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Language detection with Lingua, limited to the languages the music press and its fans mostly write in
 * ({@link #STANDARD_LANGUAGES}): every language Lingua knows would cost gigabytes of models, these few
 * cost tens of megabytes in low-accuracy mode (trigram models only), which is also several times faster.
 *
 * <p>Before detection URLs, {@code @mentions}, {@code #} signs, digits and emoji are removed: they say
 * nothing about the language and mislead short texts. What remains must hold at least
 * {@code minLetters} letters, else the answer is null ("cannot tell"), as it is when Lingua cannot
 * separate the two likeliest languages.
 */
public final class LinguaLanguageDetector implements LanguageDetector {

    /** English, the large European music markets, and the large Asian and Latin American ones. */
    public static final Set<Language> STANDARD_LANGUAGES = EnumSet.of(
            Language.ENGLISH, Language.GERMAN, Language.FRENCH, Language.SPANISH, Language.PORTUGUESE,
            Language.ITALIAN, Language.DUTCH, Language.SWEDISH, Language.DANISH, Language.BOKMAL, Language.POLISH,
            Language.RUSSIAN, Language.TURKISH, Language.JAPANESE, Language.KOREAN, Language.CHINESE);

    /** Fewer letters than this and the text is too short to tell (e.g. "lol", "ok!!"). */
    public static final int DEFAULT_MIN_LETTERS = 10;

    /** Two likeliest languages closer than this: null rather than a coin toss. */
    public static final double DEFAULT_MIN_RELATIVE_DISTANCE = 0.05;

    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");
    private static final Pattern MENTION = Pattern.compile("@[\\p{L}\\p{N}_.]+");
    private static final Pattern NOT_LETTER = Pattern.compile("[^\\p{L}\\s']+");

    private final com.github.pemistahl.lingua.api.LanguageDetector lingua;
    private final int minLetters;

    /**
     * @param languages    the languages to tell apart (each costs memory)
     * @param lowAccuracy  trigram models only: less memory and faster, a little less accurate on short texts
     * @param minLetters   fewer letters (after cleaning) than this gives null
     */
    public LinguaLanguageDetector(Set<Language> languages, boolean lowAccuracy, int minLetters) {
        this(languages, lowAccuracy, minLetters, 0.0);
    }

    /**
     * @param minRelativeDistance how far apart the two likeliest languages' scores must be (0 to 0.99);
     *                            closer than that gives null
     */
    public LinguaLanguageDetector(Set<Language> languages, boolean lowAccuracy, int minLetters, double minRelativeDistance) {
        if (languages.size() < 2) {
            throw new IllegalArgumentException("language detection needs at least two languages, got " + languages);
        }
        LanguageDetectorBuilder builder = LanguageDetectorBuilder.fromLanguages(languages.toArray(Language[]::new));
        builder = builder.withMinimumRelativeDistance(minRelativeDistance);
        if (lowAccuracy) {
            builder = builder.withLowAccuracyMode();
        }
        this.lingua = builder.build();
        this.minLetters = minLetters;
    }

    /**
     * The standard languages in low-accuracy mode with a minimum relative distance of 0.05. Measured on
     * 3,000 airline tweets (almost all English, see {@code LanguageDetectionBench}): 23 MB of heap,
     * ~3,100 texts/s, 0.9% answered with another language, 6.7% null; high-accuracy mode took 344 MB and ran at
     * ~950 texts/s for 0.3% other languages and 2.5% null.
     */
    public static LinguaLanguageDetector standard() {
        return new LinguaLanguageDetector(STANDARD_LANGUAGES, true, DEFAULT_MIN_LETTERS, DEFAULT_MIN_RELATIVE_DISTANCE);
    }

    @Override
    public String detect(String text) {
        if (text == null) {
            return null;
        }
        String cleaned = clean(text);
        if (cleaned.codePoints().filter(Character::isLetter).count() < minLetters) {
            return null;
        }
        Language language = lingua.detectLanguageOf(cleaned);
        if (language == Language.UNKNOWN) {
            return null;
        }
        IsoCode639_1 code = language.getIsoCode639_1();
        return code.toString();
    }

    /** The text without URLs, mentions, digits, punctuation and emoji, whitespace collapsed. */
    static String clean(String text) {
        String s = URL.matcher(text).replaceAll(" ");
        s = MENTION.matcher(s).replaceAll(" ");
        s = NOT_LETTER.matcher(s).replaceAll(" ");
        return s.replaceAll("\\s+", " ").strip();
    }
}
