package org.backbeat.app;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.backbeat.core.Settings;
import picocli.CommandLine.Option;

/**
 * Options every command shares. Each one is also a setting that can come from the environment or the
 * configuration file; an option given on the command line wins.
 */
public final class CommonOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file with settings (keys as documented in the README); env BACKBEAT_* and options override it.")
    Path config;

    @Option(names = "--kafka", paramLabel = "HOST:PORT",
            description = "External Kafka bootstrap servers (env BACKBEAT_KAFKA). demo: none starts a local broker.")
    String kafka;

    @Option(names = "--elasticsearch", paramLabel = "URL",
            description = "External Elasticsearch URL, e.g. http://localhost:9200 (env BACKBEAT_ELASTICSEARCH). demo: none starts a local server.")
    String elasticsearch;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Where local data lives: Kafka logs, Elasticsearch data, Streams state (env BACKBEAT_WORK_DIR, default .backbeat).")
    Path workDir;

    /** Settings from the file, the environment and these options, plus {@code extra} option values. */
    Settings settings(Map<String, String> extra) {
        Map<String, String> overrides = new HashMap<>(extra);
        overrides.put("kafka", kafka);
        overrides.put("elasticsearch", elasticsearch);
        overrides.put(Settings.WORK_DIR, workDir == null ? null : workDir.toString());
        return Settings.load(config, overrides);
    }
}
