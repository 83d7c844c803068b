package org.backbeat.nlp.entities;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.backbeat.core.EntityMatch;
import org.backbeat.core.EntitySentiment;
import org.backbeat.core.Json;
import org.backbeat.core.Mention;
import org.backbeat.core.Sentiment;
import org.backbeat.core.SentimentLabel;
import org.backbeat.core.TextToken;
import org.backbeat.core.TextTokens;
import org.backbeat.nlp.sentiment.Scorer;
import org.backbeat.nlp.sentiment.SentenceSentiment;
import org.backbeat.nlp.sentiment.TextSentiment;

/**
 * Sentiment towards each entity of a post, from the clauses that mention it rather than the whole post,
 * so "I love Spotify but Pandora keeps crashing" is positive for Spotify and negative for Pandora.
 *
 * <p>The text is cut into clauses: at the scorer's sentence boundaries, at sentence-final punctuation,
 * and before a contrast marker ("but", "while", ";" ... from {@code targeting.json}). A post about one
 * thing (no other, unrelated entity in other clauses) gives it the post's sentiment: measured on the
 * CrowdFlower SXSW set, scoring fragments of single-subject posts loses accuracy. When several entities
 * sit in different clauses, each gets the sentiment of its own clauses: a whole sentence takes the
 * scorer's sentence sentiment (no extra scoring), part of a sentence is scored on its own (one extra
 * scorer call per clause); clauses combine weighted by length. In a clause "X beats Y" / "X better than
 * Y" the entity after the comparative gets the opposite polarity, and a clause the scorer reads as
 * neutral takes the comparative's own direction (X positive, Y negative).
 */
public final class TargetedSentiment {

    private static final String RULES_RESOURCE = "targeting.json";

    /** A comparative phrase; {@code left} is the polarity it gives the entity before it, or null for none. */
    public record Comparative(String phrase, SentimentLabel left) {
    }

    /**
     * @param targetOnlyAmongSeveral clause-level sentiment only for posts that name several unrelated entities in
     *                               different clauses; a post about one thing gives it the post's sentiment
     * @param contrastMarkers        words (and ";") that start a new clause
     * @param comparatives           comparative phrases
     */
    public record Rules(boolean targetOnlyAmongSeveral, List<String> contrastMarkers, List<Comparative> comparatives) {
    }

    /** A piece of the text and the analysed sentence it lies in. */
    private record Clause(int begin, int end, int sentence) {
        int length() {
            return end - begin;
        }
    }

    private final Rules rules;
    private final List<List<String>> comparativeTokens = new ArrayList<>();

    public TargetedSentiment(Rules rules) {
        this.rules = rules;
        for (Comparative c : rules.comparatives()) {
            comparativeTokens.add(TextTokens.tokenize(c.phrase()).stream().map(TextToken::lower).toList());
        }
    }

    /** The rules in use. */
    public Rules rules() {
        return rules;
    }

    /** The rules shipped in the jar. */
    public static TargetedSentiment defaults() {
        try (InputStream in = TargetedSentiment.class.getResourceAsStream(RULES_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("targeting rules resource is missing from the classpath");
            }
            Rules rules = Json.mapper().readValue(in, Rules.class);
            return new TargetedSentiment(new Rules(rules.targetOnlyAmongSeveral(),
                    rules.contrastMarkers().stream().map(m -> m.toLowerCase(Locale.ROOT)).toList(), rules.comparatives()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the targeting rules", e);
        }
    }

    /**
     * Sentiment towards each entity in {@code entities}, same order. {@code whole} is the scorer's analysis
     * of {@code text}; {@code scorer} scores clauses that are parts of sentences.
     */
    public List<EntitySentiment> analyse(String text, List<TextToken> tokens, TextSentiment whole,
                                         List<EntityMatch> entities, Scorer scorer) {
        if (entities.isEmpty()) {
            return List.of();
        }
        List<Clause> clauses = clauses(text, tokens, whole);
        Map<Integer, Sentiment> clauseScores = new HashMap<>();
        List<EntitySentiment> out = new ArrayList<>();
        for (EntityMatch entity : entities) {
            out.add(new EntitySentiment(entity.entity(), towards(entity, entities, clauses, clauseScores, text, tokens, whole, scorer),
                    entity.words()));
        }
        return out;
    }

    private Sentiment towards(EntityMatch entity, List<EntityMatch> all, List<Clause> clauses, Map<Integer, Sentiment> clauseScores,
                              String text, List<TextToken> tokens, TextSentiment whole, Scorer scorer) {
        Set<Integer> mine = clausesOf(entity, clauses);
        if (mine.isEmpty()) {
            return whole.overall();
        }
        Map<Integer, Side> sides = new HashMap<>();
        for (int c : mine) {
            Side side = comparativeSide(entity, all, clauses.get(c), tokens);
            if (side != null) {
                sides.put(c, side);
            }
        }
        if (sides.isEmpty() && (mine.size() == clauses.size() || (rules.targetOnlyAmongSeveral() && !othersElsewhere(entity, all, clauses, mine)))) {
            return whole.overall();
        }
        List<Sentiment> parts = new ArrayList<>();
        List<Integer> weights = new ArrayList<>();
        for (int c : mine) {
            Sentiment s = clauses.size() == 1 ? whole.overall() : clauseSentiment(c, clauses, clauseScores, text, whole, scorer);
            Side side = sides.get(c);
            parts.add(side == null ? s : side.apply(s));
            weights.add(clauses.get(c).length());
        }
        return combine(parts, weights);
    }

    /** True if the post names another entity, not this one's product or company, in other clauses than this one. */
    private static boolean othersElsewhere(EntityMatch entity, List<EntityMatch> all, List<Clause> clauses, Set<Integer> mine) {
        for (EntityMatch other : all) {
            if (!other.entity().equals(entity.entity()) && !related(other, entity) && !clausesOf(other, clauses).equals(mine)) {
                return true;
            }
        }
        return false;
    }

    /** True if the text names two entities that share no mention (not a product and its company). */
    public static boolean severalSubjects(List<EntityMatch> entities) {
        for (EntityMatch a : entities) {
            for (EntityMatch b : entities) {
                if (a != b && !related(a, b)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Set<Integer> clausesOf(EntityMatch entity, List<Clause> clauses) {
        Set<Integer> out = new TreeSet<>();
        for (int c = 0; c < clauses.size(); c++) {
            for (Mention m : entity.mentions()) {
                if (m.begin() >= clauses.get(c).begin() && m.begin() < clauses.get(c).end()) {
                    out.add(c);
                    break;
                }
            }
        }
        return out;
    }

    /** Where an entity stands to a comparative in its clause: before it (left) or after it, and the comparative's direction. */
    private record Side(boolean left, SentimentLabel direction) {

        /** The entity's sentiment from the clause's: the left side keeps it, the right side gets the opposite. */
        Sentiment apply(Sentiment clause) {
            Sentiment leftSide = clause;
            if (clause.label() == SentimentLabel.NEUTRAL) {
                if (direction == null) {
                    return clause;
                }
                leftSide = new Sentiment(direction, direction == SentimentLabel.POSITIVE ? 0.5 : -0.5, clause.confidence());
            }
            return left ? leftSide : flip(leftSide);
        }
    }

    /** A clause's sentiment: its sentence's when it is the whole sentence, else scored on its own (once per post). */
    private Sentiment clauseSentiment(int c, List<Clause> clauses, Map<Integer, Sentiment> scores, String text,
                                      TextSentiment whole, Scorer scorer) {
        Clause clause = clauses.get(c);
        SentenceSentiment sentence = whole.sentences().get(clause.sentence());
        boolean wholeSentence = clauses.stream().filter(o -> o.sentence() == clause.sentence()).count() == 1;
        if (wholeSentence) {
            return sentence.sentiment();
        }
        return scores.computeIfAbsent(c, k -> {
            String piece = text.substring(clause.begin(), clause.end());
            try {
                return scorer.score(piece);
            } catch (IllegalArgumentException e) {
                return sentence.sentiment(); // a clause without words: its sentence speaks for it
            }
        });
    }

    /**
     * The entity's side of a comparative in the clause ("X beats Y"), when another, unrelated entity stands
     * on the other side; null if there is none or the entity is on both sides.
     */
    private Side comparativeSide(EntityMatch entity, List<EntityMatch> all, Clause clause, List<TextToken> tokens) {
        int[] found = findComparative(tokens, clause);
        if (found == null) {
            return null;
        }
        int markerBegin = tokens.get(found[0]).begin();
        int markerEnd = tokens.get(found[0] + found[1] - 1).end();
        boolean before = within(entity, clause.begin(), markerBegin);
        boolean after = within(entity, markerEnd, clause.end());
        if (before == after) {
            return null;
        }
        boolean otherBefore = false;
        boolean otherAfter = false;
        for (EntityMatch other : all) {
            if (!other.entity().equals(entity.entity()) && !related(other, entity)) {
                otherBefore |= within(other, clause.begin(), markerBegin);
                otherAfter |= within(other, markerEnd, clause.end());
            }
        }
        if (before ? !otherAfter : !otherBefore) {
            return null;
        }
        return new Side(before, rules.comparatives().get(found[2]).left());
    }

    /** Position, token length and rule index of the first comparative in the clause, or null. */
    private int[] findComparative(List<TextToken> tokens, Clause clause) {
        for (int i = 0; i < tokens.size(); i++) {
            TextToken t = tokens.get(i);
            if (t.begin() < clause.begin() || t.end() > clause.end()) {
                continue;
            }
            int best = -1;
            for (int r = 0; r < comparativeTokens.size(); r++) {
                List<String> phrase = comparativeTokens.get(r);
                if ((best < 0 || phrase.size() > comparativeTokens.get(best).size()) && matches(tokens, i, phrase, clause)) {
                    best = r;
                }
            }
            if (best >= 0) {
                return new int[] {i, comparativeTokens.get(best).size(), best};
            }
        }
        return null;
    }

    private static boolean matches(List<TextToken> tokens, int i, List<String> phrase, Clause clause) {
        if (i + phrase.size() > tokens.size()) {
            return false;
        }
        for (int k = 0; k < phrase.size(); k++) {
            TextToken t = tokens.get(i + k);
            if (t.end() > clause.end() || !t.lower().equals(phrase.get(k))) {
                return false;
            }
        }
        return true;
    }

    /** True if one entity's mentions are the other's (a product and its company). */
    private static boolean related(EntityMatch a, EntityMatch b) {
        return a.mentions().stream().anyMatch(b.mentions()::contains);
    }

    private static boolean within(EntityMatch e, int begin, int end) {
        return e.mentions().stream().anyMatch(m -> m.begin() >= begin && m.end() <= end);
    }

    /** Cuts the text into clauses inside the scorer's sentences. */
    private List<Clause> clauses(String text, List<TextToken> tokens, TextSentiment whole) {
        List<Clause> out = new ArrayList<>();
        List<SentenceSentiment> sentences = whole.sentences();
        for (int s = 0; s < sentences.size(); s++) {
            int begin = sentences.get(s).begin();
            int end = Math.min(sentences.get(s).end(), text.length());
            int start = begin;
            for (int i = 0; i < tokens.size(); i++) {
                TextToken t = tokens.get(i);
                if (t.begin() <= start || t.end() > end) {
                    continue;
                }
                boolean contrast = rules.contrastMarkers().contains(t.lower()) && (t.isWord() || t.text().equals(";"));
                boolean afterSentenceEnd = i > 0 && isSentenceEnd(tokens.get(i - 1)) && tokens.get(i - 1).begin() >= start
                        && !isSentenceEnd(t);
                if (contrast || afterSentenceEnd) {
                    if (hasWord(tokens, start, t.begin())) {
                        out.add(new Clause(start, t.begin(), s));
                        start = t.begin();
                    }
                }
            }
            out.add(new Clause(start, end, s));
        }
        return out;
    }

    private static boolean isSentenceEnd(TextToken t) {
        return t.kind() == TextToken.Kind.PUNCT && (t.text().equals(".") || t.text().equals("!") || t.text().equals("?"));
    }

    private static boolean hasWord(List<TextToken> tokens, int begin, int end) {
        return tokens.stream().anyMatch(t -> t.begin() >= begin && t.end() <= end && t.kind() != TextToken.Kind.PUNCT);
    }

    static Sentiment flip(Sentiment s) {
        SentimentLabel label = switch (s.label()) {
            case POSITIVE -> SentimentLabel.NEGATIVE;
            case NEGATIVE -> SentimentLabel.POSITIVE;
            case NEUTRAL -> SentimentLabel.NEUTRAL;
        };
        return new Sentiment(label, -s.score(), s.confidence());
    }

    /** Length-weighted: the label with the most weight (length x confidence), the mean score, that label's mean confidence. */
    static Sentiment combine(List<Sentiment> parts, List<Integer> weights) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        double[] labelWeight = new double[SentimentLabel.values().length];
        double score = 0;
        double total = 0;
        for (int i = 0; i < parts.size(); i++) {
            double w = Math.max(1, weights.get(i));
            labelWeight[parts.get(i).label().ordinal()] += w * parts.get(i).confidence();
            score += w * parts.get(i).score();
            total += w;
        }
        SentimentLabel label = SentimentLabel.NEUTRAL;
        for (SentimentLabel l : SentimentLabel.values()) {
            if (labelWeight[l.ordinal()] > labelWeight[label.ordinal()]) {
                label = l;
            }
        }
        double confidence = 0;
        double labelTotal = 0;
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i).label() == label) {
                double w = Math.max(1, weights.get(i));
                confidence += w * parts.get(i).confidence();
                labelTotal += w;
            }
        }
        return new Sentiment(label, Math.max(-1, Math.min(1, score / total)), Math.min(1, confidence / labelTotal));
    }
}
