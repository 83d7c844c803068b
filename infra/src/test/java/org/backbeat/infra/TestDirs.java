package org.backbeat.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Test fixtures for directories. */
final class TestDirs {

    private TestDirs() {
    }

    /**
     * JUnit creates temp directories as rwx------; as root, Elasticsearch runs as {@code nobody}, who must be able
     * to pass through them (see {@link UnprivilegedUser}).
     */
    static Path searchable(Path dir) {
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
