package org.backbeat.dashboard.events;

import java.net.URI;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.backbeat.core.Catalogue;

/**
 * Something that happened to tracked entities on a day — a launch, a lawsuit, a deal — whose effect on
 * opinion the impact analysis measures. Stored in the events index under {@link #id}.
 *
 * @param id        stable id, lower-case letters, digits and dashes (e.g. {@code 2011-03-29-amazon-cloud-drive-launch});
 *                  {@link #withGeneratedId()} derives one from date and title
 * @param date      the day it happened (or was announced)
 * @param title     short title, plain text (the UI escapes it)
 * @param entities  catalogue ids of the entities concerned (at least one)
 * @param kind      one of {@link #KINDS}
 * @param sourceUrl an http(s) link to a source reporting it
 */
public record Event(String id, LocalDate date, String title, List<String> entities, String kind, String sourceUrl) {

    /** The kinds an event may have. */
    public static final Set<String> KINDS = Set.of("launch", "announcement", "lawsuit", "dispute", "ruling", "settlement", "deal",
            "outage", "acquisition", "policy", "listing", "shutdown", "other");
    public static final int MAX_TITLE = 200;
    public static final int MAX_ID = 100;
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public Event {
        entities = entities == null ? List.of() : List.copyOf(entities);
    }

    /**
     * What is wrong with this event, one message per problem saying what to fix; empty when it is valid.
     *
     * @param catalogue the tracked entities {@link #entities} must come from
     */
    public List<String> problems(Catalogue catalogue) {
        List<String> problems = new ArrayList<>();
        if (id == null || id.length() > MAX_ID || !ID.matcher(id).matches()) {
            problems.add("id must be 1-" + MAX_ID + " lower-case letters, digits and single dashes, e.g. 2011-03-29-amazon-cloud-drive-launch");
        }
        if (date == null) {
            problems.add("date is required, as YYYY-MM-DD");
        } else if (date.getYear() < 1950 || date.getYear() > 2100) {
            problems.add("date must be between 1950 and 2100, was " + date);
        }
        if (title == null || title.isBlank()) {
            problems.add("title is required");
        } else if (title.length() > MAX_TITLE) {
            problems.add("title must be at most " + MAX_TITLE + " characters, was " + title.length());
        }
        if (entities.isEmpty()) {
            problems.add("entities must list at least one catalogue entity id (see /api/entities)");
        }
        for (String entity : entities) {
            if (entity == null || catalogue.find(entity).isEmpty()) {
                problems.add("entities: '" + entity + "' is not a catalogue entity id (see /api/entities)");
            }
        }
        if (kind == null || !KINDS.contains(kind)) {
            problems.add("kind must be one of " + KINDS.stream().sorted().toList() + ", was " + (kind == null ? "missing" : "'" + kind + "'"));
        }
        if (!isHttpUrl(sourceUrl)) {
            problems.add("sourceUrl must be an http:// or https:// link to a source reporting the event");
        }
        return problems;
    }

    /** This event with {@link #id} derived from date and title when it has none. */
    public Event withGeneratedId() {
        if (id != null && !id.isBlank()) {
            return this;
        }
        return withId(slug(date, title));
    }

    public Event withId(String newId) {
        return new Event(newId, date, title, entities, kind, sourceUrl);
    }

    /** {@code 2011-03-29-amazon-cloud-drive-launch}: date, then the title's letters and digits, dashed, cut at {@value #MAX_ID}. */
    static String slug(LocalDate date, String title) {
        String ascii = Normalizer.normalize(title == null ? "" : title, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String words = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        String slug = (date == null ? "undated" : date.toString()) + (words.isEmpty() ? "" : "-" + words);
        if (slug.length() > MAX_ID) {
            slug = slug.substring(0, MAX_ID).replaceAll("-[a-z0-9]*$", "");
        }
        return slug;
    }

    private static boolean isHttpUrl(String url) {
        if (url == null || url.isBlank()) {
            return false;
        }
        try {
            URI uri = new URI(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
