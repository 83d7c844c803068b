package org.backbeat.ingest.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.backbeat.core.Post;
import org.backbeat.ingest.PostSink;
import org.backbeat.ingest.ReplayStats;
import org.backbeat.ingest.lang.LanguageDetector;
import org.backbeat.ingest.social.DumpReader;

/**
 * Imports a file of Mastodon API output with the statuses' own timestamps: one status, an array of statuses
 * (a timeline), a {@code /api/v2/search} result ({@code statuses}), a thread context
 * ({@code ancestors}/{@code descendants}), or one status per line. Status ids belong to the instance that
 * served them: give that instance when known; without it each status's own {@code uri} host is used, which
 * is right for an instance's own statuses. A bad record is a dead letter naming the file, place and reason.
 */
public final class MastodonDumpImporter {

    private final DumpReader reader;
    private final PostSink sink;
    private final StatusNormaliser normaliser;
    private final String instance;

    public MastodonDumpImporter(PostSink sink, LanguageDetector languages, Clock clock) {
        this(sink, languages, clock, null);
    }

    /** @param instance host that served the dump ({@code mastodon.social}), or null to infer per status */
    public MastodonDumpImporter(PostSink sink, LanguageDetector languages, Clock clock, String instance) {
        this.reader = new DumpReader(sink, clock);
        this.sink = sink;
        this.normaliser = new StatusNormaliser(languages);
        this.instance = instance;
    }

    public ReplayStats importFile(Path file) throws IOException {
        return reader.read(file, this::handle);
    }

    private void handle(JsonNode record, String where, DumpReader.Tally tally) {
        if (record.isArray()) {
            int i = 0;
            for (JsonNode status : record) {
                status(status, where + "[" + i++ + "]", tally);
            }
        } else if (record.has("statuses") || record.has("ancestors") || record.has("descendants")) {
            for (String list : new String[]{"ancestors", "statuses", "descendants"}) {
                int i = 0;
                for (JsonNode status : record.path(list)) {
                    status(status, where + " " + list + "[" + i++ + "]", tally);
                }
            }
        } else {
            status(record, where, tally);
        }
    }

    private void status(JsonNode status, String where, DumpReader.Tally tally) {
        Post post;
        try {
            if (!status.isObject() || !status.has("id") || !(status.has("content") || status.has("reblog"))) {
                throw new IllegalArgumentException("not a Mastodon status");
            }
            post = normaliser.normalise(status, instance);
        } catch (IllegalArgumentException e) {
            tally.reject(where, status.toString(), e.getMessage());
            return;
        }
        sink.accept(post);
        tally.accepted();
    }
}
