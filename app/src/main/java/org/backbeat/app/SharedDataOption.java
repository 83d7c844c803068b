package org.backbeat.app;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data} option of the commands that read the labelled corpora. */
final class SharedDataOption {

    @Option(names = "--data", paramLabel = "DIR",
            description = "The shared data folder with the labelled corpora (default: system property backbeat.shared.data, else ../shared/data).")
    Path data;

    Path data() {
        if (data != null) {
            return data;
        }
        String property = System.getProperty("backbeat.shared.data");
        return Path.of(property != null ? property : "../shared/data");
    }
}
