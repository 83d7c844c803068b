package org.backbeat.ingest.feed;

import java.nio.file.Path;

/** Where the real data of ../shared/data lives (surefire sets {@code backbeat.shared.data}). */
final class SharedData {

    private SharedData() {
    }

    static Path dir(String folder) {
        String root = System.getProperty("backbeat.shared.data", "../../shared/data");
        return Path.of(root).resolve(folder).toAbsolutePath().normalize();
    }
}
