package org.backbeat.ingest.bluesky;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.backbeat.ingest.PostSink;
import org.backbeat.ingest.ReplayStats;
import org.backbeat.ingest.lang.LanguageDetector;
import org.backbeat.ingest.social.DumpReader;

/**
 * Imports a Jetstream capture (one event per line, e.g. {@code websocat wss://jetstream.../subscribe > file})
 * with the posts' own timestamps: every post becomes a {@link org.backbeat.core.Post}, every post deletion a
 * tombstone; other events (likes, follows, identity, account) are counted as read and skipped. No catalogue
 * filter: a capture is imported whole. A bad line is a dead letter naming the file, line and reason.
 */
public final class JetstreamDumpImporter {

    private final DumpReader reader;
    private final PostSink sink;
    private final JetstreamEvents events;

    public JetstreamDumpImporter(PostSink sink, LanguageDetector languages, Clock clock) {
        this.reader = new DumpReader(sink, clock);
        this.sink = sink;
        this.events = new JetstreamEvents(languages);
    }

    public ReplayStats importFile(Path file) throws IOException {
        return reader.read(file, (record, where, tally) -> {
            if (record.isArray()) {
                throw new IllegalArgumentException("a JSON array: Jetstream captures have one event per line");
            }
            JetstreamEvents.Event event = events.read(record);
            if (event instanceof JetstreamEvents.Created created) {
                sink.accept(created.post());
                tally.accepted();
            } else if (event instanceof JetstreamEvents.Deleted deleted) {
                sink.delete(deleted.postId());
                tally.accepted();
            } else {
                tally.skipped();
            }
        });
    }
}
