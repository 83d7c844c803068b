package org.backbeat.core;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where configuration values come from, in order of precedence: explicit overrides (command-line
 * options), environment variables, a properties file, then each module's defaults.
 *
 * <p>A key {@code kafka.bootstrap} is read from the environment as {@code BACKBEAT_KAFKA_BOOTSTRAP}.
 * Modules read their values once into an immutable config record; nothing else reads this.
 */
public final class Settings {

    /** Where every process keeps its local state (Kafka log, Elasticsearch data, Streams state). */
    public static final String WORK_DIR = "work-dir";
    public static final String DEFAULT_WORK_DIR = ".backbeat";

    private final Map<String, String> overrides;
    private final Map<String, String> env;
    private final Properties file;

    private Settings(Map<String, String> overrides, Map<String, String> env, Properties file) {
        this.overrides = Map.copyOf(overrides);
        this.env = Map.copyOf(env);
        this.file = file;
    }

    /** Settings from the process environment and an optional properties file (null: none). */
    public static Settings load(Path propertiesFile, Map<String, String> overrides) {
        Properties props = new Properties();
        if (propertiesFile != null) {
            try (Reader in = Files.newBufferedReader(propertiesFile, StandardCharsets.UTF_8)) {
                props.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read configuration file " + propertiesFile + ": " + e.getMessage(), e);
            }
        }
        Map<String, String> nonNull = new HashMap<>();
        overrides.forEach((k, v) -> {
            if (v != null) {
                nonNull.put(k, v);
            }
        });
        return new Settings(nonNull, System.getenv(), props);
    }

    /** Settings from explicit maps only: for tests. */
    public static Settings of(Map<String, String> values) {
        return new Settings(values, Map.of(), new Properties());
    }

    public static String envName(String key) {
        return "BACKBEAT_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public Optional<String> get(String key) {
        String value = overrides.get(key);
        if (value == null) {
            value = env.get(envName(key));
        }
        if (value == null) {
            value = file.getProperty(key);
        }
        return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
    }

    public String get(String key, String defaultValue) {
        return get(key).orElse(defaultValue);
    }

    /** The work directory, absolute: {@value #WORK_DIR}, default {@value #DEFAULT_WORK_DIR}. */
    public Path workDir() {
        return Path.of(get(WORK_DIR, DEFAULT_WORK_DIR)).toAbsolutePath().normalize();
    }

    public int getInt(String key, int defaultValue) {
        return get(key).map(v -> parse(key, v)).orElse(defaultValue);
    }

    private static int parse(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + key + " (env " + envName(key) + ") must be a whole number, was '" + value + "'");
        }
    }
}
