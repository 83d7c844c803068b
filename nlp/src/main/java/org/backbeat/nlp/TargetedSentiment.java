package org.backbeat.nlp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.backbeat.core.EntityMatch;
import org.backbeat.core.EntitySentiment;
import org.backbeat.core.Json;
import org.backbeat.core.Mention;
import org.backbeat.core.Sentiment;
import org.backbeat.core.SentimentLabel;
import org.backbeat.core.TextToken;
import org.backbeat.core.TextTokens;

/**
 * Sentiment towards each entity of a post, from the clauses that mention it rather than the whole post,
 * so "I love Spotify but Pandora keeps crashing" is positive for Spotify and negative for Pandora.
 *
 * <p>The text is cut into clauses: at the scorer's sentence boundaries, at sentence-final punctuation,
 * and before a contrast marker ("but", "while", ";" ... from {@code targeting.json}). An entity named in
 * every clause gets the post's sentiment; one named in whole sentences only gets those sentences'
 * sentiment (no extra scoring); one named in part of a sentence gets its clauses scored on their own
 * (an extra scorer call per clause). Clauses are combined weighted by their length. In a clause
 * "X beats Y" / "X better than Y" the entity after the comparative gets the opposite polarity, and a
 * clause the scorer reads as neutral takes the comparative's own direction (X positive, Y negative).
 */
public final class TargetedSentiment {

    private static final String RULES_RESOURCE = "targeting.json";

    /** A comparative phrase; {@code left} is the polarity it gives the entity before it, or null for none. */
    public record Comparative(String phrase, SentimentLabel left) {
    }

    public record Rules(List<String> contrastMarkers, List<Comparative> comparatives) {
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
            return new TargetedSentiment(new Rules(
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
        List<Integer> mine = new ArrayList<>();
        for (int c = 0; c < clauses.size(); c++) {
            for (Mention m : entity.mentions()) {
                if (m.begin() >= clauses.get(c).begin() && m.begin() < clauses.get(c).end()) {
                    mine.add(c);
                    break;
                }
            }
        }
        if (mine.isEmpty()) {
            return whole.overall();
        }
        boolean comparative = false;
        List<Sentiment> parts = new ArrayList<>();
        List<Integer> weights = new ArrayList<>();
        for (int c : mine) {
            Clause clause = clauses.get(c);
            Sentiment s = clauseSentiment(c, clauses, clauseScores, text, whole, scorer);
            Sentiment directed = comparative(entity, all, clause, tokens, s);
            comparative |= directed != s;
            parts.add(directed);
            weights.add(clause.length());
        }
        if (mine.size() == clauses.size() && !comparative) {
            return whole.overall();
        }
        return combine(parts, weights);
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
     * Applies a comparative in the clause: an entity after "beats"/"better than" while another entity
     * stands before it gets the opposite polarity; a neutral clause takes the comparative's direction.
     */
    private Sentiment comparative(EntityMatch entity, List<EntityMatch> all, Clause clause, List<TextToken> tokens, Sentiment s) {
        int[] found = findComparative(tokens, clause);
        if (found == null) {
            return s;
        }
        int markerBegin = tokens.get(found[0]).begin();
        int markerEnd = tokens.get(found[0] + found[1] - 1).end();
        boolean before = within(entity, clause.begin(), markerBegin);
        boolean after = within(entity, markerEnd, clause.end());
        if (before == after) {
            return s; // on both sides, or neither: the comparative says nothing about this entity
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
            return s; // nothing on the other side to compare with
        }
        SentimentLabel direction = rules.comparatives().get(found[2]).left();
        Sentiment leftSide = s;
        if (s.label() == SentimentLabel.NEUTRAL) {
            if (direction == null) {
                return s;
            }
            double score = direction == SentimentLabel.POSITIVE ? 0.5 : -0.5;
            leftSide = new Sentiment(direction, score, s.confidence());
        }
        return before ? leftSide : flip(leftSide);
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
