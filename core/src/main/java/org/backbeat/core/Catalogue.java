package org.backbeat.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tracked entities: one data file drives both what ingesters ask for and what NLP tags. The default
 * ships in the jar ({@code catalogue.json}); users point {@code --catalogue} at their own file.
 *
 * <p>Matching is on word boundaries: "Spotify's" matches Spotify, "Spotifyish" does not. All-caps aliases
 * and those the file lists under {@code exactCase} match only as written, so "EMI" is not "emi".
 */
public final class Catalogue {

    private static final String DEFAULT_RESOURCE = "catalogue.json";
    /** Letters, digits and the underscore continue a word; anything else ends it. */
    private static final String BEFORE = "(?<![\\p{L}\\p{N}_@#])";
    private static final String AFTER = "(?![\\p{L}\\p{N}_])";

    private final String version;
    private final Map<String, TrackedEntity> byId;
    private final Pattern exact;
    private final Pattern anyCase;
    private final Map<String, String> exactTerm = new LinkedHashMap<>();
    private final Map<String, String> anyCaseTerm = new LinkedHashMap<>();

    record File(String version, List<TrackedEntity> entities) {
    }

    private Catalogue(String version, List<TrackedEntity> entities) {
        this.version = version == null ? "unversioned" : version;
        this.byId = new LinkedHashMap<>();
        for (TrackedEntity e : entities) {
            if (byId.put(e.id(), e) != null) {
                throw new IllegalArgumentException("catalogue lists entity id '" + e.id() + "' twice");
            }
        }
        for (TrackedEntity e : entities) {
            if (e.parent() != null && !byId.containsKey(e.parent())) {
                throw new IllegalArgumentException("entity '" + e.id() + "' names parent '" + e.parent()
                        + "', which the catalogue does not list");
            }
            for (String alias : e.aliases()) {
                boolean caseMatters = e.exactCase().contains(alias) || isAcronym(alias);
                put(caseMatters ? exactTerm : anyCaseTerm, caseMatters ? alias : alias.toLowerCase(), e.id());
            }
            for (String alias : e.exactCase()) {
                put(exactTerm, alias, e.id());
            }
            e.handles().forEach(h -> put(anyCaseTerm, "@" + h.toLowerCase(), e.id()));
            e.hashtags().forEach(h -> put(anyCaseTerm, "#" + h.toLowerCase(), e.id()));
        }
        this.exact = compile(exactTerm.keySet(), 0);
        this.anyCase = compile(anyCaseTerm.keySet(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
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
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        Set<String> found = new LinkedHashSet<>();
        collect(exact, exactTerm, text, false, found);
        collect(anyCase, anyCaseTerm, text, true, found);
        Set<String> withParents = new LinkedHashSet<>();
        for (String id : found) {
            for (String cur = id; cur != null; cur = byId.get(cur).parent()) {
                withParents.add(cur);
            }
        }
        List<String> ordered = new ArrayList<>();
        for (String id : byId.keySet()) {
            if (withParents.contains(id)) {
                ordered.add(id);
            }
        }
        return ordered;
    }

    private static void collect(Pattern pattern, Map<String, String> terms, String text, boolean lower, Set<String> out) {
        if (pattern == null) {
            return;
        }
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            String term = lower ? m.group().toLowerCase() : m.group();
            String id = terms.get(normaliseSpace(term));
            if (id != null) {
                out.add(id);
            }
        }
    }

    private static Pattern compile(Set<String> terms, int flags) {
        if (terms.isEmpty()) {
            return null;
        }
        // Longest first, so "Amazon Cloud Player" wins over "Amazon" at the same position.
        List<String> sorted = new ArrayList<>(terms);
        sorted.sort((a, b) -> Integer.compare(b.length(), a.length()));
        StringBuilder alternation = new StringBuilder();
        for (String term : sorted) {
            if (alternation.length() > 0) {
                alternation.append('|');
            }
            // A space in an alias matches any run of whitespace.
            alternation.append(Pattern.quote(term).replace(" ", "\\E\\s+\\Q"));
        }
        return Pattern.compile(BEFORE + "(?:" + alternation + ")" + AFTER, flags);
    }

    private static void put(Map<String, String> terms, String term, String id) {
        String previous = terms.putIfAbsent(normaliseSpace(term), id);
        if (previous != null && !previous.equals(id)) {
            throw new IllegalArgumentException("term '" + term + "' is claimed by both '" + previous + "' and '" + id + "'");
        }
    }

    private static String normaliseSpace(String term) {
        return term.strip().replaceAll("\\s+", " ");
    }

    private static boolean isAcronym(String alias) {
        return alias.length() >= 2 && alias.chars().allMatch(c -> Character.isUpperCase(c) || Character.isDigit(c));
    }
}
