package org.backbeat.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.stream.Stream;

/**
 * Elasticsearch refuses to run as root, and has no override. When this JVM runs as root, the server runs as
 * an unprivileged account instead ({@code nobody}, present on every Debian), through {@code runuser}; this
 * class holds what that takes: the command prefix, a check that the account can reach the files, and the
 * ownership of the work directory.
 */
final class UnprivilegedUser {

    static final String NAME = "nobody";

    private UnprivilegedUser() {
    }

    /** Whether this JVM runs as root (uid 0). */
    static boolean needed() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** The words to put before a command so that it runs as {@link #NAME}. */
    static List<String> commandPrefix() {
        return List.of("runuser", "-u", NAME, "--");
    }

    /**
     * Fails fast, with what to do, if {@link #NAME} could not enter {@code dir}: every directory above it must
     * be searchable by others (o+x). {@code dir} itself is not checked: the caller owns it or hands it over.
     */
    static void requireReachable(Path dir, String what, String remedy) {
        for (Path p = dir.toAbsolutePath().normalize().getParent(); p != null; p = p.getParent()) {
            // A directory that does not exist yet (another component may be about to create it) is made
            // below with the usual umask, searchable by others.
            if (Files.exists(p) && !searchableByOthers(p)) {
                throw new InfraStartException("Elasticsearch refuses to run as root, so it runs as user '" + NAME
                        + "', who cannot enter " + p + " (it lacks o+x) on the way to the " + what + " " + dir
                        + ". " + remedy);
            }
        }
    }

    /** Makes {@link #NAME} the owner of {@code dir} and everything below it (links themselves, not targets). */
    static void handOver(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            UserPrincipal owner = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(NAME);
            for (Path p : (Iterable<Path>) paths::iterator) {
                Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setOwner(owner);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not give " + dir + " to user '" + NAME + "'", e);
        }
    }

    private static boolean searchableByOthers(Path dir) {
        try {
            PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class);
            return attributes.permissions().contains(PosixFilePermission.OTHERS_EXECUTE)
                    || attributes.owner().getName().equals(NAME);
        } catch (IOException e) {
            return false;
        }
    }
}
