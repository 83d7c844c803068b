package org.backbeat.ingest.replay;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.backbeat.core.DeadLetter;
import org.backbeat.core.JsonSerde;
import org.backbeat.core.Post;
import org.backbeat.ingest.PostSink;

/**
 * Writes posts as JSONL (one {@link Post} per line, what {@code ingest --replay} and {@code demo --replay}
 * read) instead of sending them to Kafka, and dead letters to {@code <file>.rejected.jsonl} (created only
 * when there is one): converts a CSV corpus or an API dump into a replay file.
 */
public final class JsonlFileSink implements PostSink {

    private final Path file;
    private final Path rejectedFile;
    private final OutputStream out;
    private OutputStream rejected;
    private final JsonSerde<Post> posts = new JsonSerde<>(Post.class);
    private final JsonSerde<DeadLetter> deadLetters = new JsonSerde<>(DeadLetter.class);
    private final com.fasterxml.jackson.databind.ObjectMapper mapper = org.backbeat.core.Json.mapper();

    public JsonlFileSink(Path file) {
        this.file = file;
        this.rejectedFile = file.resolveSibling(file.getFileName() + ".rejected.jsonl");
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
            Files.deleteIfExists(rejectedFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public Path rejectedFile() {
        return rejectedFile;
    }

    @Override
    public synchronized void accept(Post post) {
        write(out, posts.write(post), file);
    }

    /** A deletion line, {@code {"deleted":"<post id>"}}, which {@link org.backbeat.ingest.JsonlReplay} replays as a tombstone. */
    @Override
    public synchronized void delete(String postId) {
        write(out, deletionLine(postId), file);
    }

    private byte[] deletionLine(String postId) {
        try {
            return mapper.writeValueAsBytes(java.util.Map.of("deleted", postId));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void reject(DeadLetter deadLetter) {
        try {
            if (rejected == null) {
                rejected = new BufferedOutputStream(Files.newOutputStream(rejectedFile));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + rejectedFile + ": " + e.getMessage(), e);
        }
        write(rejected, deadLetters.write(deadLetter), rejectedFile);
    }

    private static void write(OutputStream stream, byte[] json, Path where) {
        try {
            stream.write(json);
            stream.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + where + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void flush() {
        try {
            out.flush();
            if (rejected != null) {
                rejected.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
            if (rejected != null) {
                rejected.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
