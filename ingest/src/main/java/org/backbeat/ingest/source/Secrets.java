package org.backbeat.ingest.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials: {@code NAME} from the environment, or the contents of the file named by {@code NAME_FILE}
 * (Docker and Kubernetes secrets), trimmed. Never from the sources file, never logged: {@link #toString()}
 * names the keys only.
 */
public final class Secrets {

    private final Map<String, String> environment;

    public Secrets(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** Secrets from this process's environment. */
    public static Secrets fromEnvironment() {
        return new Secrets(System.getenv());
    }

    /** The secret {@code name} (e.g. {@code TWITTER_BEARER_TOKEN}), if set. */
    public Optional<String> get(String name) {
        String value = environment.get(name);
        if (value != null && !value.isBlank()) {
            return Optional.of(value.trim());
        }
        String file = environment.get(name + "_FILE");
        if (file == null || file.isBlank()) {
            return Optional.empty();
        }
        try {
            String content = Files.readString(Path.of(file)).trim();
            return content.isEmpty() ? Optional.empty() : Optional.of(content);
        } catch (IOException e) {
            throw new UncheckedIOException(name + "_FILE names " + file + ", which cannot be read: " + e.getMessage(), e);
        }
    }

    /** The secret {@code name}, or an error saying which variable to set. */
    public String require(String name, String purpose) {
        return get(name).orElseThrow(() -> new IllegalArgumentException(
                purpose + " needs a credential: set the environment variable " + name + " or " + name
                        + "_FILE (a file holding it)"));
    }

    @Override
    public String toString() {
        return "Secrets" + environment.keySet().stream().filter(k -> k.startsWith("TWITTER") || k.startsWith("MASTODON")).sorted().toList();
    }
}
