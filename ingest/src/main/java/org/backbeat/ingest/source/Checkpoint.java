package org.backbeat.ingest.source;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.backbeat.core.Json;

/**
 * A source's place: string values by key (last id, ETag, Last-Modified, cursor), persisted as one JSON
 * file per source and replaced atomically, so a crash leaves either the old or the new checkpoint.
 * Save only after the sink has flushed the posts the new values cover: a restart then neither misses
 * posts nor (thanks to stable ids) duplicates them.
 */
public final class Checkpoint {

    private static final ObjectMapper JSON = Json.mapper();

    private final Path file;
    private final Map<String, String> values;

    private Checkpoint(Path file, Map<String, String> values) {
        this.file = file;
        this.values = values;
    }

    /** The checkpoint of {@code sourceName} under {@code directory}, empty if never saved. */
    public static Checkpoint load(Path directory, String sourceName) {
        Path file = directory.resolve(fileName(sourceName));
        if (!Files.exists(file)) {
            return new Checkpoint(file, new TreeMap<>());
        }
        try {
            return new Checkpoint(file, new TreeMap<>(JSON.readValue(file.toFile(), new TypeReference<Map<String, String>>() {
            })));
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint " + file + " is unreadable (" + e.getMessage()
                    + "); delete it to start " + sourceName + " afresh", e);
        }
    }

    /** A checkpoint that is never written to disk, for one-off runs and tests. */
    public static Checkpoint inMemory() {
        return new Checkpoint(null, new TreeMap<>());
    }

    public synchronized Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public synchronized void put(String key, String value) {
        if (value == null) {
            values.remove(key);
        } else {
            values.put(key, value);
        }
    }

    public synchronized Map<String, String> values() {
        return Map.copyOf(values);
    }

    /** Writes the values to disk atomically. */
    public synchronized void save() {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(temp.toFile(), values);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not save checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /** A file name safe on every file system for any source name. */
    static String fileName(String sourceName) {
        return sourceName.replaceAll("[^A-Za-z0-9._-]", "_") + ".json";
    }
}
