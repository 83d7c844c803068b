package org.backbeat.ingest.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed reads from one entry of the sources file, each failing with a message that names the entry and
 * the setting to fix, e.g. {@code sources file entry rss:arstechnica: "interval" must be a duration like 15m}.
 */
public final class JsonSettings {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final JsonNode node;
    private final String where;

    /**
     * @param node  the JSON object
     * @param where names it in error messages ({@code feed 3}), or empty when the caller names it
     */
    public JsonSettings(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException((where.isEmpty() ? "settings" : where) + " must be a JSON object");
        }
        this.node = node;
        this.where = where;
    }

    /** {@code where: }, or nothing when unnamed: what error messages start with. */
    public String prefix() {
        return where.isEmpty() ? "" : where + ": ";
    }

    public JsonNode node() {
        return node;
    }

    public String where() {
        return where;
    }

    public Optional<String> text(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isValueNode()) {
            throw new IllegalArgumentException(prefix() + "\"" + field + "\" must be a string");
        }
        String text = value.asText().strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    public String requireText(String field) {
        return text(field).orElseThrow(() -> new IllegalArgumentException(prefix() + "set \"" + field + "\""));
    }

    public boolean bool(String field, boolean defaultValue) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        if (!value.isBoolean()) {
            throw new IllegalArgumentException(prefix() + "\"" + field + "\" must be true or false, was " + value);
        }
        return value.booleanValue();
    }

    /** A duration written {@code 90s}, {@code 15m}, {@code 2h}, {@code 1d}, {@code 500ms} or ISO-8601 ({@code PT15M}). */
    public Duration duration(String field, Duration defaultValue) {
        Optional<String> text = text(field);
        if (text.isEmpty()) {
            return defaultValue;
        }
        return parseDuration(text.get()).orElseThrow(() -> new IllegalArgumentException(prefix() + "\"" + field
                + "\" must be a duration like 90s, 15m, 2h or PT15M, was '" + text.get() + "'"));
    }

    static Optional<Duration> parseDuration(String text) {
        Matcher m = SHORT_DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return Optional.of(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
        }
        try {
            return Optional.of(Duration.parse(text.strip().toUpperCase(Locale.ROOT)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Settings of a nested object, inheriting nothing: e.g. one feed of an {@code rss} entry. */
    public JsonSettings child(JsonNode child, String childWhere) {
        return new JsonSettings(child, where.isEmpty() ? childWhere : where + ", " + childWhere);
    }
}
