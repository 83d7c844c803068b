package org.backbeat.ingest.social;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.backbeat.core.DeadLetter;
import org.backbeat.ingest.PostSink;
import org.backbeat.ingest.ReplayStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an API dump file record by record, whatever its shape: a JSON array (records {@code [index 0]},
 * {@code [index 1]}...), one JSON document, or newline-delimited JSON (records {@code line 1}, {@code line 2}...).
 * It tells the three apart by the first character and by whether the first line is a whole JSON value, so an
 * NDJSON file of any size streams. Each record goes to a {@link RecordHandler}; what it cannot parse becomes a
 * dead letter with the file, the place and the reason, and the import goes on.
 */
public final class DumpReader {

    private static final Logger log = LoggerFactory.getLogger(DumpReader.class);

    /** Handles one JSON record, reporting each post, deletion, skip or rejection to the tally. */
    @FunctionalInterface
    public interface RecordHandler {
        void handle(JsonNode record, String where, Tally tally);
    }

    /** Counts what an import did and sends rejections to the sink's dead letters. */
    public static final class Tally {
        private final PostSink sink;
        private final Clock clock;
        private final String file;
        private long read;
        private long accepted;
        private long rejected;

        /** @param file names the input in dead letters and logs (a file, or a stream's source name) */
        public Tally(PostSink sink, Clock clock, String file) {
            this.sink = sink;
            this.clock = clock;
            this.file = file;
        }

        /** A post or a deletion went to the sink. */
        public void accepted() {
            read++;
            accepted++;
        }

        /** A record that is neither a post nor a mistake (a stream's limit notice, a follow event). */
        public void skipped() {
            read++;
        }

        /** A record that could not become a post: logged and sent to the dead letters, never dropped. */
        public void reject(String where, String payload, String reason) {
            read++;
            rejected++;
            String full = file + " " + where + ": " + reason;
            log.warn("Skipping bad record: {}", full);
            sink.reject(DeadLetter.of("ingest", file, null, payload, full, clock.instant()));
        }

        public long rejectedCount() {
            return rejected;
        }

        public ReplayStats stats() {
            return new ReplayStats(read, accepted, rejected);
        }
    }

    private final ObjectMapper json;
    /** Reads one element at a time out of a streamed array: trailing elements are expected there. */
    private final ObjectMapper elements = new ObjectMapper();
    private final PostSink sink;
    private final Clock clock;

    public DumpReader(PostSink sink, Clock clock) {
        this.json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.sink = sink;
        this.clock = clock;
    }

    /** Reads {@code file}, hands every record to {@code handler}, flushes the sink, and says what it did. */
    public ReplayStats read(Path file, RecordHandler handler) throws IOException {
        Tally tally = new Tally(sink, clock, file.toString());
        String firstLine = firstNonBlankLine(file);
        if (firstLine == null) {
            log.info("Imported {}: empty file", file);
            return tally.stats();
        }
        if (firstLine.startsWith("[")) {
            readArray(file, handler, tally);
        } else if (isWholeJson(firstLine)) {
            readLines(file, handler, tally);
        } else {
            readDocument(file, handler, tally);
        }
        sink.flush();
        ReplayStats stats = tally.stats();
        log.info("Imported {}: {} records, {} accepted, {} rejected", file, stats.read(), stats.accepted(), stats.rejected());
        return stats;
    }

    private boolean isWholeJson(String line) {
        try {
            json.readTree(line);
            return true;
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private void readLines(Path file, RecordHandler handler, Tally tally) throws IOException {
        try (BufferedReader reader = reader(file)) {
            String line;
            long lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                String record = lineNo == 1 ? stripBom(line) : line;
                if (record.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = json.readTree(record);
                } catch (JsonProcessingException e) {
                    tally.reject("line " + lineNo, record, "not JSON: " + e.getOriginalMessage());
                    continue;
                }
                handle(handler, node, "line " + lineNo, tally);
            }
        }
    }

    private void readArray(Path file, RecordHandler handler, Tally tally) throws IOException {
        try (Reader reader = withoutBom(reader(file)); JsonParser parser = elements.getFactory().createParser(reader)) {
            int index = 0;
            try {
                if (parser.nextToken() != JsonToken.START_ARRAY) {
                    tally.reject("start", null, "expected a JSON array");
                    return;
                }
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    JsonNode node = elements.readTree(parser);
                    handle(handler, node, "[index " + index + "]", tally);
                    index++;
                }
            } catch (JsonProcessingException e) {
                tally.reject("[index " + index + "]", null, "the array is not valid JSON from here on: " + e.getOriginalMessage());
            }
        }
    }

    private void readDocument(Path file, RecordHandler handler, Tally tally) throws IOException {
        String text = stripBom(Files.readString(file, StandardCharsets.UTF_8));
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JsonProcessingException e) {
            tally.reject("document", abbreviate(text), "not JSON, a JSON array or newline-delimited JSON: " + e.getOriginalMessage());
            return;
        }
        handle(handler, node, "document", tally);
    }

    private static void handle(RecordHandler handler, JsonNode node, String where, Tally tally) {
        try {
            handler.handle(node, where, tally);
        } catch (IllegalArgumentException e) {
            tally.reject(where, node.toString(), e.getMessage());
        }
    }

    private static String firstNonBlankLine(Path file) throws IOException {
        try (BufferedReader reader = reader(file)) {
            String line;
            boolean first = true;
            while ((line = reader.readLine()) != null) {
                if (first) {
                    line = stripBom(line);
                    first = false;
                }
                if (!line.isBlank()) {
                    return line.strip();
                }
            }
            return null;
        }
    }

    private static BufferedReader reader(Path file) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        return new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file), decoder));
    }

    /** The reader past a leading byte-order mark, which Jackson only skips in byte input. */
    private static Reader withoutBom(BufferedReader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    private static String abbreviate(String s) {
        return s.length() <= 10_000 ? s : s.substring(0, 10_000);
    }
}
