package org.backbeat.ingest.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.backbeat.core.Catalogue;
import org.backbeat.core.Json;

/**
 * The sources file ({@code config/sources.json} by default): which live sources {@code backbeat ingest}
 * runs. A JSON object whose {@code sources} list holds entries, each with a {@code type} naming the
 * {@link SourceFactory} that builds it, an optional {@code enabled} (default true) and the type's own
 * settings:
 *
 * <pre>{@code
 * {"sources": [
 *   {"type": "rss", "interval": "15m", "feeds": [{"name": "arstechnica", "url": "https://..."}]},
 *   {"type": "mastodon", "enabled": false, ...}
 * ]}
 * }</pre>
 *
 * Building fails fast, naming the file and the entry: an unknown type, a bad setting, a missing
 * credential, two sources with the same name.
 */
public final class SourcesFile {

    private static final ObjectMapper JSON = Json.mapper();

    /**
     * One entry of the file.
     *
     * @param number   its position in the list, from 1, for messages
     * @param type     its {@code type}
     * @param enabled  false to keep an entry in the file without running it
     * @param settings the whole entry, as its factory reads it
     */
    public record Entry(int number, String type, boolean enabled, JsonNode settings) {
    }

    private final String name;
    private final List<Entry> entries;

    private SourcesFile(String name, List<Entry> entries) {
        this.name = name;
        this.entries = List.copyOf(entries);
    }

    public static SourcesFile read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sources file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads the file from {@code in}; {@code name} names it in error messages. */
    public static SourcesFile parse(InputStream in, String name) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("sources file " + name + " is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ")");
        }
        JsonNode list = root == null ? null : root.get("sources");
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException("sources file " + name + " must be a JSON object with a \"sources\" list");
        }
        List<Entry> entries = new ArrayList<>();
        int number = 0;
        for (JsonNode node : list) {
            number++;
            JsonSettings settings = new JsonSettings(node, "sources file " + name + " entry " + number);
            entries.add(new Entry(number, settings.requireText("type"), settings.bool("enabled", true), node));
        }
        return new SourcesFile(name, entries);
    }

    public String name() {
        return name;
    }

    public List<Entry> entries() {
        return entries;
    }

    /**
     * The sources of every enabled entry, built by the factory of its type.
     *
     * @throws IllegalArgumentException naming the file, the entry and what to set
     */
    public List<Source> build(List<SourceFactory> factories, Catalogue catalogue, Secrets secrets) {
        Map<String, SourceFactory> byType = new LinkedHashMap<>();
        for (SourceFactory factory : factories) {
            if (byType.put(factory.type(), factory) != null) {
                throw new IllegalStateException("two source factories claim type " + factory.type());
            }
        }
        List<Source> sources = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Entry entry : entries) {
            if (!entry.enabled()) {
                continue;
            }
            SourceFactory factory = byType.get(entry.type());
            if (factory == null) {
                throw new IllegalArgumentException("sources file " + name + " entry " + entry.number() + ": unknown type '"
                        + entry.type() + "'; known types: " + String.join(", ", byType.keySet()));
            }
            List<Source> built;
            try {
                built = factory.create(entry.settings(), catalogue, secrets);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("sources file " + name + " entry " + entry.number() + " (" + entry.type()
                        + "): " + e.getMessage(), e);
            }
            for (Source source : built) {
                if (!names.add(source.name())) {
                    throw new IllegalArgumentException("sources file " + name + ": two sources are named " + source.name()
                            + "; give them different names");
                }
                sources.add(source);
            }
        }
        return sources;
    }
}
