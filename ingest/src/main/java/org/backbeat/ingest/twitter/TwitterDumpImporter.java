package org.backbeat.ingest.twitter;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.backbeat.ingest.PostSink;
import org.backbeat.ingest.ReplayStats;
import org.backbeat.ingest.lang.LanguageDetector;
import org.backbeat.ingest.social.DumpReader;

/**
 * Imports a file of raw Twitter API output with the tweets' own timestamps: v1.1 status arrays and single
 * statuses, v1.1 search responses ({@code statuses}), v2 responses ({@code data}/{@code includes}), and
 * newline-delimited stream captures, whose delete notices become tombstones. A bad record is a dead letter
 * naming the file, the line or index and the reason; the import goes on.
 */
public final class TwitterDumpImporter {

    private final DumpReader reader;
    private final TwitterRecords records;

    public TwitterDumpImporter(PostSink sink, LanguageDetector languages, Clock clock) {
        this.reader = new DumpReader(sink, clock);
        this.records = new TwitterRecords(sink, new TweetNormaliser(languages), post -> {
        });
    }

    public ReplayStats importFile(Path file) throws IOException {
        return reader.read(file, records);
    }
}
