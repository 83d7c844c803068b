package org.backbeat.nlp.topics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.backbeat.core.Json;
import org.backbeat.core.TextToken;
import org.backbeat.core.TextTokens;
import org.backbeat.core.TopicMatch;

/**
 * The versioned topic taxonomy ({@code topics.json}: lawsuit, licensing, piracy, pricing, ...) and the
 * matcher that finds its topics in a text. Multi-label: a post can be about a lawsuit and piracy at once.
 *
 * <p>A term is a word or phrase matched on whole tokens in any case. Each word of three letters or more
 * also matches its regular inflections, so {@code sue} finds "sues", "sued" and "suing" ({@link #forms});
 * {@code =word} matches only as written, {@code word*} any ending, {@code <number>} a number. A one-word
 * term also matches the hashtag ({@code #piracy}). The evidence of a match is the words as written.
 */
public final class TopicTaxonomy {

    private static final String DEFAULT_RESOURCE = "topics.json";
    private static final String NUMBER = "<number>";

    /** One topic as the file lists it. */
    record Topic(String id, String name, List<String> terms) {
    }

    record File(String version, List<Topic> topics) {
    }

    /** One term as token alternatives: each position holds the accepted lower-case forms (or a prefix/number rule). */
    private record Term(String topic, List<Set<String>> positions) {

        int matchAt(List<TextToken> tokens, int start) {
            int i = start;
            for (Set<String> forms : positions) {
                if (i >= tokens.size()) {
                    return -1;
                }
                TextToken t = tokens.get(i);
                String word = switch (t.kind()) {
                    case WORD, PUNCT -> t.lower();
                    case HASHTAG -> positions.size() == 1 ? t.lower().substring(1) : null;
                    default -> null;
                };
                if (word == null || !accepts(forms, word)) {
                    return -1;
                }
                i++;
            }
            return i;
        }

        private static boolean accepts(Set<String> forms, String word) {
            if (forms.contains(word)) {
                return true;
            }
            for (String f : forms) {
                if (f.equals(NUMBER) ? isNumber(word) : f.endsWith("*") && word.startsWith(f.substring(0, f.length() - 1))) {
                    return true;
                }
            }
            return false;
        }
    }

    private final String version;
    private final List<String> topicIds;
    /** Terms by the forms their first position accepts ("*" and number rules under their own keys). */
    private final Map<String, List<Term>> byFirstForm = new HashMap<>();
    private final List<Term> wildcardFirst = new ArrayList<>();

    private TopicTaxonomy(File file) {
        if (file.version() == null || file.version().isBlank()) {
            throw new IllegalArgumentException("topic taxonomy has no version");
        }
        if (file.topics() == null || file.topics().isEmpty()) {
            throw new IllegalArgumentException("topic taxonomy " + file.version() + " has no topics");
        }
        this.version = file.version();
        List<String> ids = new ArrayList<>();
        for (Topic topic : file.topics()) {
            if (topic.id() == null || topic.id().isBlank() || ids.contains(topic.id())) {
                throw new IllegalArgumentException("topic id '" + topic.id() + "' is blank or listed twice");
            }
            ids.add(topic.id());
            for (String raw : topic.terms() == null ? List.<String>of() : topic.terms()) {
                Term term = compile(topic.id(), raw);
                Set<String> first = term.positions().get(0);
                if (first.stream().anyMatch(f -> f.endsWith("*") || f.equals(NUMBER))) {
                    wildcardFirst.add(term);
                } else {
                    first.forEach(f -> byFirstForm.computeIfAbsent(f, k -> new ArrayList<>()).add(term));
                }
            }
        }
        this.topicIds = List.copyOf(ids);
        // Longest first, so "copyright infringement" wins over "copyright" at the same place.
        byFirstForm.values().forEach(l -> l.sort((a, b) -> b.positions().size() - a.positions().size()));
    }

    public static TopicTaxonomy defaults() {
        try (InputStream in = TopicTaxonomy.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("default topic taxonomy resource is missing from the classpath");
            }
            return new TopicTaxonomy(Json.mapper().readValue(in, File.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the default topic taxonomy", e);
        }
    }

    public static TopicTaxonomy load(Path file) {
        try {
            return new TopicTaxonomy(Json.mapper().readValue(Files.readAllBytes(file), File.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read topic taxonomy " + file + ": " + e.getMessage(), e);
        }
    }

    /** The taxonomy's version, recorded on every scored post. */
    public String version() {
        return version;
    }

    public List<String> topicIds() {
        return topicIds;
    }

    /** The topics a text is about, in taxonomy order, each with its evidence (distinct, in text order). */
    public List<TopicMatch> tag(String text) {
        return tag(TextTokens.tokenize(text), text);
    }

    /** The topics of an already tokenized text. */
    public List<TopicMatch> tag(List<TextToken> tokens, String text) {
        Map<String, Set<String>> evidence = new HashMap<>();
        // Per topic, the token a match ended at: "copyright infringement" is not also "infringement".
        Map<String, Integer> coveredUntil = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            TextToken t = tokens.get(i);
            String key = t.kind() == TextToken.Kind.HASHTAG ? t.lower().substring(1) : t.lower();
            // At each start, every topic's longest term counts once; different topics may share words.
            Map<String, Integer> bestEnd = new LinkedHashMap<>();
            for (List<Term> terms : List.of(byFirstForm.getOrDefault(key, List.of()), wildcardFirst)) {
                for (Term term : terms) {
                    if (coveredUntil.getOrDefault(term.topic(), 0) > i) {
                        continue;
                    }
                    int end = term.matchAt(tokens, i);
                    if (end > 0 && end > bestEnd.getOrDefault(term.topic(), -1)) {
                        bestEnd.put(term.topic(), end);
                    }
                }
            }
            bestEnd.forEach(coveredUntil::put);
            bestEnd.forEach((topic, end) -> evidence.computeIfAbsent(topic, k -> new LinkedHashSet<>())
                    .add(text.substring(t.begin(), tokens.get(end - 1).end())));
        }
        List<TopicMatch> out = new ArrayList<>();
        for (String id : topicIds) {
            if (evidence.containsKey(id)) {
                out.add(new TopicMatch(id, List.copyOf(evidence.get(id))));
            }
        }
        return out;
    }

    private static Term compile(String topic, String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("topic '" + topic + "' has a blank term");
        }
        boolean exact = raw.startsWith("=");
        String text = (exact ? raw.substring(1) : raw).strip().toLowerCase(Locale.ROOT);
        List<Set<String>> positions = new ArrayList<>();
        for (String part : text.split("\\s+")) {
            if (part.equals(NUMBER)) {
                positions.add(Set.of(NUMBER));
                continue;
            }
            if (part.endsWith("*")) {
                positions.add(Set.of(part));
                continue;
            }
            List<TextToken> tokens = TextTokens.tokenize(part);
            for (TextToken token : tokens) {
                positions.add(exact || !token.isWord() ? Set.of(token.lower()) : forms(token.lower()));
            }
        }
        if (positions.isEmpty()) {
            throw new IllegalArgumentException("topic '" + topic + "' has a term without words: '" + raw + "'");
        }
        return new Term(topic, positions);
    }

    /**
     * A word and its regular English inflections: -s/-es, -ed/-d, -ing, with a final e dropped
     * (settle: settling), y to ie (royalty: royalties) and a final consonant doubled (ban: banned).
     * Over-generation is harmless: forms that are not words never occur. Words under three letters are kept as they are.
     */
    static Set<String> forms(String word) {
        Set<String> out = new LinkedHashSet<>();
        out.add(word);
        if (word.length() < 3 || !word.chars().allMatch(Character::isLetter)) {
            return out;
        }
        char last = word.charAt(word.length() - 1);
        String stem = word.substring(0, word.length() - 1);
        out.add(word + "s");
        out.add(word + "es");
        out.add(word + "ed");
        out.add(word + "ing");
        if (last == 'e') {
            out.add(word + "d");
            out.add(stem + "ing");
        } else if (last == 'y' && !isVowel(word.charAt(word.length() - 2))) {
            out.add(stem + "ies");
            out.add(stem + "ied");
        } else if (!isVowel(last) && last != 'w' && last != 'x' && last != 'y' && isVowel(word.charAt(word.length() - 2))) {
            out.add(word + last + "ed");
            out.add(word + last + "ing");
        }
        return out;
    }

    private static boolean isVowel(char c) {
        return "aeiou".indexOf(c) >= 0;
    }

    private static boolean isNumber(String word) {
        return !word.isEmpty() && Character.isDigit(word.charAt(0)) && word.chars().allMatch(c -> Character.isDigit(c) || c == '_');
    }
}
