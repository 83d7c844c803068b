package org.backbeat.ingest.social;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the real payloads live: the {@code backbeat.shared.data} property the parent POM sets for surefire. */
public final class SharedData {

    private SharedData() {
    }

    public static Path file(String folder, String name) {
        String root = System.getProperty("backbeat.shared.data", "/work/shared/data");
        Path file = Path.of(root, folder, name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("real test data " + file + " is missing: set -Dbackbeat.shared.data");
        }
        return file;
    }

    public static String read(String folder, String name) {
        try {
            return Files.readString(file(folder, name));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
