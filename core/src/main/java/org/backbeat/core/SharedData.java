package org.backbeat.core;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the shared real data lives (the labelled corpora, API payloads and feeds beside the checkout).
 * The one place that defaults it: the environment variable {@code BACKBEAT_SHARED_DATA}, else the system
 * property {@code backbeat.shared.data} (the build sets it for tests, the launcher for commands), else
 * {@code ../shared/data} relative to the working directory.
 */
public final class SharedData {

    public static final String ENV = "BACKBEAT_SHARED_DATA";
    public static final String PROPERTY = "backbeat.shared.data";
    public static final String DEFAULT = "../shared/data";

    private SharedData() {
    }

    /** The shared data folder of this process. */
    public static Path root() {
        return resolve(System.getenv(), System.getProperty(PROPERTY));
    }

    /** A folder or file below the shared data folder, e.g. {@code path("twitter_us_airline_sentiment", "Tweets.csv")}. */
    public static Path path(String first, String... more) {
        return root().resolve(Path.of(first, more));
    }

    static Path resolve(Map<String, String> env, String property) {
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        return Path.of(property != null && !property.isBlank() ? property : DEFAULT);
    }
}
