package org.backbeat.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tracked entities: one data file drives both what ingesters ask for and what NLP tags. The default
 * ships in the jar ({@code catalogue.json}); users point {@code --catalogue} at their own file.
 *
 * <p>Matching is on tokens ({@link TextTokens}): "Spotify's" matches Spotify, "Spotifyish" does not, a
 * link to spotify.com does not. All-caps aliases and those the file lists under {@code exactCase} match
 * only as written, so "EMI" is not "emi"; the others match in any case; handles and hashtags match in any
 * case. At each position the longest alias wins ("Amazon Cloud Player" over "Amazon"). An alias with
 * {@link AliasContext} rules matches only where its context allows ("Amazon rainforest" is not Amazon).
 */
public final class Catalogue {

    private static final String DEFAULT_RESOURCE = "catalogue.json";

    private final String version;
    private final Map<String, TrackedEntity> byId;
    /** Alias patterns by their first token in lower case, longest first, exact-case before any-case. */
    private final Map<String, List<AliasPattern>> byFirstToken = new HashMap<>();

    record File(String version, List<TrackedEntity> entities) {
    }

    /** One alias, handle or hashtag as a token sequence. */
    private record AliasPattern(String entity, List<TextToken> tokens, boolean caseMatters, AliasContext context) {

        boolean matchesAt(List<TextToken> text, int start) {
            if (start + tokens.size() > text.size()) {
                return false;
            }
            for (int k = 0; k < tokens.size(); k++) {
                TextToken want = tokens.get(k);
                TextToken got = text.get(start + k);
                if (want.kind() != got.kind()) {
                    return false;
                }
                if (caseMatters ? !want.text().equals(got.text()) : !want.text().equalsIgnoreCase(got.text())) {
                    return false;
                }
            }
            return context == null || contextAllows(text, start, start + tokens.size());
        }

        private boolean contextAllows(List<TextToken> text, int from, int to) {
            List<String> before = words(text, from - 1, -1, context.window());
            List<String> after = words(text, to, 1, context.window());
            if (!before.isEmpty() && AliasContext.contains(context.notBefore(), before.get(0))) {
                return false;
            }
            List<String> afterNoPossessive = !after.isEmpty() && after.get(0).equals("s")
                    && to < text.size() && text.get(to).text().matches("['’]") ? after.subList(1, after.size()) : after;
            if (!afterNoPossessive.isEmpty() && AliasContext.contains(context.notAfter(), afterNoPossessive.get(0))) {
                return false;
            }
            boolean near = context.near().isEmpty();
            for (List<String> side : List.of(before, after)) {
                for (String word : side) {
                    if (AliasContext.contains(context.notNear(), word)) {
                        return false;
                    }
                    near |= AliasContext.contains(context.near(), word);
                }
            }
            return near;
        }

        /** Up to {@code max} word, handle or hashtag tokens from {@code i} in direction {@code step}, lower case, sigils dropped. */
        private static List<String> words(List<TextToken> text, int i, int step, int max) {
            List<String> out = new ArrayList<>();
            for (; i >= 0 && i < text.size() && out.size() < max; i += step) {
                TextToken t = text.get(i);
                switch (t.kind()) {
                    case WORD -> out.add(t.lower());
                    case HANDLE, HASHTAG -> out.add(t.lower().substring(1));
                    default -> { }
                }
            }
            return out;
        }
    }

    private Catalogue(String version, List<TrackedEntity> entities) {
        this.version = version == null ? "unversioned" : version;
        this.byId = new LinkedHashMap<>();
        for (TrackedEntity e : entities) {
            if (byId.put(e.id(), e) != null) {
                throw new IllegalArgumentException("catalogue lists entity id '" + e.id() + "' twice");
            }
        }
        Map<String, String> exactTerms = new HashMap<>();
        Map<String, String> anyCaseTerms = new HashMap<>();
        for (TrackedEntity e : entities) {
            if (e.parent() != null && !byId.containsKey(e.parent())) {
                throw new IllegalArgumentException("entity '" + e.id() + "' names parent '" + e.parent()
                        + "', which the catalogue does not list");
            }
            Map<String, AliasContext> contexts = new HashMap<>();
            e.contexts().forEach(c -> contexts.put(c.alias(), c));
            Set<String> aliases = new LinkedHashSet<>(e.aliases());
            aliases.addAll(e.exactCase());
            for (String alias : aliases) {
                boolean caseMatters = e.exactCase().contains(alias) || isAcronym(alias);
                add(e.id(), TextTokens.tokenize(alias), caseMatters, contexts.get(alias), caseMatters ? exactTerms : anyCaseTerms);
            }
            e.handles().forEach(h -> add(e.id(), TextTokens.tokenize("@" + h), false, null, anyCaseTerms));
            e.hashtags().forEach(h -> add(e.id(), TextTokens.tokenize("#" + h), false, null, anyCaseTerms));
        }
        Comparator<AliasPattern> order = Comparator.<AliasPattern>comparingInt(p -> -p.tokens().size())
                .thenComparing(p -> !p.caseMatters());
        byFirstToken.values().forEach(list -> list.sort(order));
    }

    private void add(String entity, List<TextToken> tokens, boolean caseMatters, AliasContext context, Map<String, String> claimed) {
        if (tokens.isEmpty() || tokens.stream().anyMatch(t -> t.kind() == TextToken.Kind.OPAQUE)) {
            throw new IllegalArgumentException("entity '" + entity + "' has an alias, handle or hashtag that cannot be matched: "
                    + tokens.stream().map(TextToken::text).toList());
        }
        String key = String.join(" ", tokens.stream().map(t -> caseMatters ? t.text() : t.lower()).toList());
        String previous = claimed.putIfAbsent(key, entity);
        if (previous != null && !previous.equals(entity)) {
            throw new IllegalArgumentException("term '" + key + "' is claimed by both '" + previous + "' and '" + entity + "'");
        }
        if (previous == null) {
            byFirstToken.computeIfAbsent(tokens.get(0).lower(), k -> new ArrayList<>())
                    .add(new AliasPattern(entity, tokens, caseMatters, context));
        }
    }

    public static Catalogue defaults() {
        try (InputStream in = Catalogue.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("default catalogue resource is missing from the classpath");
            }
            return parse(Json.mapper().readValue(in, File.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the default catalogue", e);
        }
    }

    public static Catalogue load(Path file) {
        try {
            return parse(Json.mapper().readValue(Files.readAllBytes(file), File.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read catalogue " + file + ": " + e.getMessage(), e);
        }
    }

    public static Catalogue of(String version, List<TrackedEntity> entities) {
        return new Catalogue(version, entities);
    }

    private static Catalogue parse(File file) {
        if (file.entities() == null || file.entities().isEmpty()) {
            throw new IllegalArgumentException("catalogue has no entities");
        }
        return new Catalogue(file.version(), file.entities());
    }

    public String version() {
        return version;
    }

    public List<TrackedEntity> entities() {
        return List.copyOf(byId.values());
    }

    public Optional<TrackedEntity> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * Ids of the entities a text mentions, each once, in catalogue order; an entity's parents are included.
     */
    public List<String> match(String text) {
        return tag(text).stream().map(EntityMatch::entity).toList();
    }

    /** Every place the text names an entity directly, in text order, without overlaps. */
    public List<Mention> mentions(String text) {
        return mentions(TextTokens.tokenize(text), text);
    }

    /** The mentions in already tokenized text. */
    public List<Mention> mentions(List<TextToken> tokens, String text) {
        List<Mention> found = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            List<AliasPattern> candidates = tokens.get(i).kind() == TextToken.Kind.OPAQUE ? null
                    : byFirstToken.get(tokens.get(i).lower());
            int matched = 0;
            if (candidates != null) {
                for (AliasPattern p : candidates) {
                    if (p.matchesAt(tokens, i)) {
                        int begin = tokens.get(i).begin();
                        int end = tokens.get(i + p.tokens().size() - 1).end();
                        found.add(new Mention(p.entity(), text.substring(begin, end), begin, end));
                        matched = p.tokens().size();
                        break;
                    }
                }
            }
            i += Math.max(1, matched);
        }
        return found;
    }

    /**
     * The entities a text is about, in catalogue order, each with its mentions; a parent entity is included
     * with the mentions of its products.
     */
    public List<EntityMatch> tag(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        return group(mentions(text));
    }

    /** Groups mentions by entity, adding parents, in catalogue order. */
    public List<EntityMatch> group(List<Mention> mentions) {
        Map<String, List<Mention>> byEntity = new HashMap<>();
        for (Mention m : mentions) {
            for (String cur = m.entity(); cur != null; cur = byId.get(cur).parent()) {
                byEntity.computeIfAbsent(cur, k -> new ArrayList<>()).add(m);
            }
        }
        List<EntityMatch> ordered = new ArrayList<>();
        for (String id : byId.keySet()) {
            List<Mention> ms = byEntity.get(id);
            if (ms != null) {
                ordered.add(new EntityMatch(id, ms));
            }
        }
        return ordered;
    }

    private static boolean isAcronym(String alias) {
        return alias.length() >= 2 && alias.chars().allMatch(c -> Character.isUpperCase(c) || Character.isDigit(c))
                && alias.chars().anyMatch(Character::isUpperCase);
    }
}
