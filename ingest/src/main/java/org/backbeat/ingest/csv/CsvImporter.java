package org.backbeat.ingest.csv;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.backbeat.core.DeadLetter;
import org.backbeat.core.Post;
import org.backbeat.core.PostIds;
import org.backbeat.ingest.PostSink;
import org.backbeat.ingest.ReplayStats;
import org.backbeat.ingest.lang.LanguageDetector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports a labelled CSV corpus (a header row, then one post per row) through a {@link CsvMapping}:
 * ids {@code csv:<source-name>:<id column>} (or a hash of the row's cells when there is no id column),
 * text, time, author, and the entity and label the file declares. A row that cannot be a post (empty
 * text, unreadable time, too few cells) goes to the dead-letter topic with its line number and the reason;
 * the import goes on. A mapping that names a column the header lacks fails before the first row.
 */
public final class CsvImporter {

    private static final Logger log = LoggerFactory.getLogger(CsvImporter.class);
    static final String SOURCE = "csv";

    private final PostSink sink;
    private final LanguageDetector languages;
    private final Clock clock;
    private final CsvMapping mapping;
    private final CsvTimes times;

    public CsvImporter(PostSink sink, LanguageDetector languages, Clock clock, CsvMapping mapping) {
        this.sink = sink;
        this.languages = languages;
        this.clock = clock;
        this.mapping = mapping;
        this.times = new CsvTimes(mapping.timeFormat(), mapping.zone());
    }

    public ReplayStats importFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return importStream(in, file.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CSV file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads the CSV from {@code in}; {@code name} identifies it in dead letters and logs. */
    public ReplayStats importStream(InputStream in, String name) throws IOException {
        Instant started = clock.instant();
        Instant defaultTime = mapping.defaultTime() != null ? mapping.defaultTime() : started;
        if (mapping.timeColumn() == null) {
            log.info("{} has no time column: every post gets the time {}", name, defaultTime);
        }
        long read = 0;
        long accepted = 0;
        long rejected = 0;
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader reader = reader(in); CSVParser parser = CSVParser.parse(reader, format)) {
            Map<String, Integer> header = parser.getHeaderMap();
            checkColumns(header.keySet().stream().toList(), name);
            Iterator<CSVRecord> rows = parser.iterator();
            while (true) {
                long line = parser.getCurrentLineNumber() + 1;
                CSVRecord row;
                try {
                    if (!rows.hasNext()) {
                        break;
                    }
                    row = rows.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    // Commons CSV cannot resynchronise after a broken quote: the rest of the file is one bad record.
                    rejected++;
                    reject(name, line, null, "unreadable CSV from here on: " + e.getMessage());
                    break;
                }
                read++;
                try {
                    Post post = toPost(row, defaultTime);
                    sink.accept(post);
                    accepted++;
                } catch (IllegalArgumentException | DateTimeParseException e) {
                    rejected++;
                    reject(name, line, row, e.getMessage());
                }
            }
        }
        sink.flush();
        log.info("Imported {}: {} posts, {} rejected", name, accepted, rejected);
        return new ReplayStats(read, accepted, rejected);
    }

    private void checkColumns(List<String> header, String name) {
        for (String column : mapping.columns()) {
            if (!header.contains(column)) {
                throw new IllegalArgumentException(name + " has no column '" + column + "'; its columns are: " + String.join(", ", header));
            }
        }
    }

    private Post toPost(CSVRecord row, Instant defaultTime) {
        if (!row.isConsistent()) {
            throw new IllegalArgumentException(row.size() + " cells where the header has " + row.getParser().getHeaderNames().size());
        }
        String text = cell(row, mapping.textColumn());
        if (text == null) {
            throw new IllegalArgumentException("empty " + mapping.textColumn());
        }
        String sourceId = mapping.idColumn() == null ? rowHash(row) : cell(row, mapping.idColumn());
        if (sourceId == null) {
            throw new IllegalArgumentException("empty " + mapping.idColumn());
        }
        String time = cell(row, mapping.timeColumn());
        Instant publishedAt;
        try {
            publishedAt = time == null ? defaultTime : times.parse(time);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(mapping.timeColumn() + " '" + time + "' does not match "
                    + (mapping.timeFormat() == null ? "ISO-8601 or epoch time" : "'" + mapping.timeFormat() + "'"), e);
        }
        String lang = cell(row, mapping.langColumn());
        Post post = Post.of(PostIds.of(SOURCE, mapping.sourceName() + ":" + sourceId), SOURCE, publishedAt,
                cell(row, mapping.authorColumn()), null, text, null, lang != null ? lang : languages.detect(text));
        return post.withDeclared(cell(row, mapping.entityColumn()), cell(row, mapping.labelColumn()));
    }

    private static String cell(CSVRecord row, String column) {
        if (column == null) {
            return null;
        }
        String value = row.get(column);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The first 16 bytes of SHA-256 over the row's cells: identical rows get one id. */
    static String rowHash(CSVRecord row) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String value : row) {
                digest.update(value.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0x1F);
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    private void reject(String name, long line, CSVRecord row, String reason) {
        String full = name + " line " + line + ": " + reason;
        log.warn("Skipping bad CSV row: {}", full);
        String payload = row == null ? null : String.join(",", row.values());
        sink.reject(DeadLetter.of("ingest", name, null, payload, full, clock.instant()));
    }

    /** Decodes with the mapping's charset, skipping a UTF-8 byte-order mark; bad bytes become U+FFFD. */
    private Reader reader(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in);
        buffered.mark(3);
        byte[] head = buffered.readNBytes(3);
        boolean bom = head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF;
        buffered.reset();
        if (bom) {
            buffered.skipNBytes(3);
        }
        var decoder = (bom ? StandardCharsets.UTF_8 : mapping.encoding()).newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        return new InputStreamReader(buffered, decoder);
    }
}
