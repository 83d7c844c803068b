package org.backbeat.nlp.sentiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Turns a normalised text and CoreNLP's sentence distributions into the classifier's features (name to
 * value). Dense features:
 * <ul>
 *   <li>{@code cn:p0..p4}: CoreNLP's token-weighted 5-class distribution, {@code cn:min}/{@code cn:max} the
 *       lowest and highest sentence polarity, {@code cn:none} when CoreNLP had no words to read;</li>
 *   <li>{@code lex:*}: VADER lexicon evidence — sums of positive and negative valences (a word in a
 *       negation scope counts {@value #NEGATION_SCALAR} times its valence, VADER's published constant), their
 *       compound {@code s / sqrt(s^2 + 15)}, and emoji (valence of the words of the emoji's Unicode name,
 *       e.g. FACE WITH TEARS OF JOY) and emoticon valences;</li>
 *   <li>intensity: {@code !}, {@code ?}, ALL-CAPS and elongated words, each capped at 3 and scaled to [0, 1],
 *       and their products with the lexicon's positive and negative evidence;</li>
 *   <li>form: URL, inline mention, hashtags, length.</li>
 * </ul>
 * Sparse features: {@code w:} unigrams (a word in a negation scope gets {@code NOT_}), {@code b:} bigrams,
 * {@code e:} each emoji, {@code ew:} the words of its Unicode name, {@code o:} each emoticon.
 * A sarcasm marker ({@code #sarcasm}, {@code #not}, {@code /s}) swaps positive and negative evidence of
 * the lexicon and of CoreNLP: the text means the opposite of what it says.
 */
public final class SentimentFeatures {

    /** VADER's negation scalar (Hutto and Gilbert 2014): a negated word's valence is multiplied by it. */
    public static final double NEGATION_SCALAR = -0.74;

    private static final Set<String> NEGATORS = Set.of("not", "no", "never", "nothing", "nobody", "none", "neither",
            "nor", "nowhere", "cannot", "without", "dont", "cant", "wont", "isnt", "arent", "wasnt", "werent", "didnt",
            "doesnt", "hasnt", "havent", "hadnt", "couldnt", "shouldnt", "wouldnt", "aint", "mustnt", "neednt");
    private static final Set<String> SCOPE_ENDS = Set.of(".", ",", "!", "?", ";", ":", "but", "however");

    private final Lexicon lexicon;

    public SentimentFeatures(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    /** The features of one text (or one sentence) and the CoreNLP distributions of its model text. */
    public Map<String, Double> extract(NormalisedText text, List<SentenceDistribution> sentences) {
        Map<String, Double> f = new LinkedHashMap<>();
        boolean flip = text.sarcasm();

        // CoreNLP
        double[] p = SentenceDistribution.tokenWeighted(sentences);
        if (sentences.isEmpty()) {
            f.put("cn:none", 1.0);
        } else {
            double min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
            for (SentenceDistribution s : sentences) {
                min = Math.min(min, s.score());
                max = Math.max(max, s.score());
            }
            for (int c = 0; c < 5; c++) {
                f.put("cn:p" + c, flip ? p[4 - c] : p[c]);
            }
            f.put("cn:min", flip ? -max : min);
            f.put("cn:max", flip ? -min : max);
        }

        // Words: negation scope, lexicon, unigrams and bigrams
        List<String> tokens = text.tokens();
        double pos = 0, neg = 0;
        int posWords = 0, negWords = 0;
        boolean negated = false;
        List<String> marked = new ArrayList<>(tokens.size());
        for (String t : tokens) {
            if (SCOPE_ENDS.contains(t)) {
                negated = false;
                marked.add(t);
                continue;
            }
            OptionalDouble v = lexicon.valence(t);
            if (v.isPresent() && !NEGATORS.contains(t)) {
                double valence = (negated ? NEGATION_SCALAR : 1) * v.getAsDouble();
                if (valence > 0) {
                    pos += valence;
                    posWords++;
                } else if (valence < 0) {
                    neg -= valence;
                    negWords++;
                }
            }
            marked.add(negated ? "NOT_" + t : t);
            if (isNegator(t)) {
                negated = true;
            }
        }
        for (String t : marked) {
            add(f, "w:" + t, 1);
        }
        for (int i = 1; i < tokens.size(); i++) {
            add(f, "b:" + tokens.get(i - 1) + "_" + tokens.get(i), 1);
        }

        // Emoji and emoticons
        double emojiPos = 0, emojiNeg = 0;
        for (String e : text.emoji()) {
            add(f, "e:" + e, 1);
            double v = 0;
            for (String w : emojiNameWords(e)) {
                add(f, "ew:" + w, 1);
                v += lexicon.valence(w).orElse(lexicon.valence(stem(w)).orElse(0));
            }
            emojiPos += Math.max(v, 0);
            emojiNeg += Math.max(-v, 0);
        }
        double emoticonPos = 0, emoticonNeg = 0;
        for (String o : text.emoticons()) {
            add(f, "o:" + o, 1);
            double v = lexicon.valence(o).orElse(0);
            emoticonPos += Math.max(v, 0);
            emoticonNeg += Math.max(-v, 0);
        }
        if (flip) {
            double t = pos; pos = neg; neg = t;
            t = emojiPos; emojiPos = emojiNeg; emojiNeg = t;
            t = emoticonPos; emoticonPos = emoticonNeg; emoticonNeg = t;
            int n = posWords; posWords = negWords; negWords = n;
        }
        // Emoji and emoticons are lexicon evidence too: their valences join the words' (they are rare in the
        // training corpora, so their own learned weights alone say little).
        pos += emojiPos + emoticonPos;
        neg += emojiNeg + emoticonNeg;
        posWords += (emojiPos > 0 ? 1 : 0) + (emoticonPos > 0 ? 1 : 0);
        negWords += (emojiNeg > 0 ? 1 : 0) + (emoticonNeg > 0 ? 1 : 0);
        double lexPos = Math.log1p(pos), lexNeg = Math.log1p(neg);
        f.put("lex:pos", lexPos);
        f.put("lex:neg", lexNeg);
        f.put("lex:posWords", cap(posWords));
        f.put("lex:negWords", cap(negWords));
        double sum = pos - neg;
        f.put("lex:compound", sum / Math.sqrt(sum * sum + 15));
        f.put("lex:none", posWords + negWords == 0 ? 1.0 : 0.0);
        f.put("emoji:pos", Math.log1p(emojiPos));
        f.put("emoji:neg", Math.log1p(emojiNeg));
        f.put("emoticon:pos", Math.log1p(emoticonPos));
        f.put("emoticon:neg", Math.log1p(emoticonNeg));

        // Intensity and form
        double excl = cap(text.exclamations()), caps = cap(text.capsWords()), elong = cap(text.elongated());
        f.put("int:excl", excl);
        f.put("int:quest", cap(text.questions()));
        f.put("int:caps", caps);
        f.put("int:elong", elong);
        // A fixed order (not Map.of's, which varies between runs) keeps training sums, and so the model, reproducible.
        String[] names = {"excl", "caps", "elong"};
        double[] values = {excl, caps, elong};
        for (int i = 0; i < names.length; i++) {
            f.put("int:" + names[i] + "*pos", values[i] * lexPos);
            f.put("int:" + names[i] + "*neg", values[i] * lexNeg);
        }
        f.put("form:url", text.urls() > 0 ? 1.0 : 0.0);
        f.put("form:hashtags", cap(text.hashtags()));
        f.put("form:length", Math.min(1.0, Math.log1p(tokens.size()) / 5));
        if (flip) {
            f.put("sarcasm", 1.0);
        }
        return f;
    }

    /** The lower-cased words of an emoji's Unicode name ({@code 😡} gives pouting, face). */
    static List<String> emojiNameWords(String emoji) {
        String name = Character.getName(emoji.codePointAt(0));
        if (name == null) {
            return List.of();
        }
        List<String> words = new ArrayList<>();
        for (String w : name.toLowerCase(Locale.ROOT).split("[ -]+")) {
            if (!w.isEmpty() && !w.equals("with") && !w.equals("of") && !w.equals("and") && !w.equals("sign")) {
                words.add(w);
            }
        }
        return words;
    }

    /** A crude stem for emoji name words the lexicon lacks: {@code pouting} to {@code pout}, {@code hearts} to {@code heart}. */
    static String stem(String word) {
        for (String suffix : new String[] {"ing", "ed", "s"}) {
            if (word.length() > suffix.length() + 2 && word.endsWith(suffix)) {
                return word.substring(0, word.length() - suffix.length());
            }
        }
        return word;
    }

    static boolean isNegator(String token) {
        return NEGATORS.contains(token) || token.endsWith("n't");
    }

    private static double cap(int count) {
        return Math.min(count, 3) / 3.0;
    }

    private static void add(Map<String, Double> f, String name, double value) {
        f.merge(name, value, Double::sum);
    }
}
