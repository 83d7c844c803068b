package org.backbeat.ingest.social;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed reads of one sources-file entry, each failing with a message that names the entry, the setting and
 * what it should be. Durations are {@code 90s}, {@code 5m}, {@code 1h}, a number of seconds, or ISO-8601
 * ({@code PT5M}). Unknown settings are refused, so a typo does not silently fall back to a default.
 */
public final class SourceSettings {

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    private final JsonNode node;
    private final String entry;

    public SourceSettings(JsonNode node, Set<String> known) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a sources-file entry must be a JSON object");
        }
        this.node = node;
        this.entry = "source '" + node.path("name").asText(node.path("type").asText("?")) + "'";
        List<String> unknown = new ArrayList<>();
        node.fieldNames().forEachRemaining(f -> {
            if (!f.equals("type") && !f.equals("name") && !known.contains(f)) {
                unknown.add(f);
            }
        });
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(entry + ": unknown setting(s) " + unknown + "; known: type, name, " + known);
        }
    }

    public String text(String name, String fallback) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(entry + ": setting '" + name + "' must be a non-empty string");
        }
        return value.asText().strip();
    }

    public int integer(String name, int fallback, int min, int max) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < min || value.asInt() > max) {
            throw new IllegalArgumentException(entry + ": setting '" + name + "' must be a whole number from " + min + " to " + max);
        }
        return value.asInt();
    }

    public boolean bool(String name, boolean fallback) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw new IllegalArgumentException(entry + ": setting '" + name + "' must be true or false");
        }
        return value.asBoolean();
    }

    public Duration duration(String name, Duration fallback, Duration min) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        Duration parsed = parseDuration(value);
        if (parsed == null || parsed.compareTo(min) < 0) {
            throw new IllegalArgumentException(entry + ": setting '" + name + "' must be a duration of at least " + min.toSeconds()
                    + " s, like \"90s\", \"5m\", \"1h\" or \"PT5M\"");
        }
        return parsed;
    }

    /** A list of strings; null when absent (so the caller can default to the catalogue). */
    public List<String> list(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw new IllegalArgumentException(entry + ": setting '" + name + "' must be a list of strings");
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual() || item.asText().isBlank()) {
                throw new IllegalArgumentException(entry + ": setting '" + name + "' must hold non-empty strings only");
            }
            items.add(item.asText().strip());
        }
        return List.copyOf(items);
    }

    private static Duration parseDuration(JsonNode value) {
        if (value.isIntegralNumber()) {
            return Duration.ofSeconds(value.asLong());
        }
        if (!value.isTextual()) {
            return null;
        }
        String s = value.asText().strip().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE_DURATION.matcher(s);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
        }
        try {
            return Duration.parse(s.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
