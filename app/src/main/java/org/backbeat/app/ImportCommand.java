package org.backbeat.app;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.backbeat.core.DeadLetter;
import org.backbeat.core.Post;
import org.backbeat.core.TopicAdmin;
import org.backbeat.ingest.JsonlReplay;
import org.backbeat.ingest.KafkaPostSink;
import org.backbeat.ingest.PostSink;
import org.backbeat.ingest.bluesky.JetstreamDumpImporter;
import org.backbeat.ingest.mastodon.MastodonDumpImporter;
import org.backbeat.ingest.twitter.TwitterDumpImporter;
import org.backbeat.ingest.ReplayStats;
import org.backbeat.ingest.csv.CsvImporter;
import org.backbeat.ingest.csv.CsvMapping;
import org.backbeat.ingest.lang.LinguaLanguageDetector;
import org.backbeat.ingest.replay.JsonlFileSink;
import org.backbeat.ingest.replay.PacedSink;
import org.backbeat.ingest.replay.Speed;
import org.backbeat.ingest.source.Sleeper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Imports a file of posts once — JSONL posts or a labelled CSV corpus through a column mapping — into
 * Kafka's {@code posts.raw}, or into a JSONL file with {@code --out}; optionally paced at a real-time
 * factor for demos, with a progress bar on stderr.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import a file of posts into Kafka's posts.raw (requires --kafka), or into a JSONL file (--out).",
                "Formats: jsonl (one Post per line), csv (a labelled corpus, through the --*-column mapping)."})
final class ImportCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file to import.")
    Path file;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "jsonl, csv, twitter (v1.1 or v2 API dump, NDJSON stream with delete notices), mastodon "
                    + "(status JSON) or jetstream (Bluesky Jetstream NDJSON); default: jsonl or csv from the file name's extension.")
    String format;

    @Option(names = "--speed", paramLabel = "max|FACTOR", defaultValue = "max",
            description = "max (as fast as possible, the default) or a real-time factor: 3600 replays an hour of post time per second.")
    String speed;

    @Option(names = "--out", paramLabel = "FILE.jsonl", description = "Write the posts as JSONL to this file instead of Kafka "
            + "(rejected rows go to FILE.jsonl.rejected.jsonl).")
    Path out;

    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    @Option(names = "--source-name", paramLabel = "NAME", description = "csv: names the data set in post ids csv:NAME:ID (default: the file name).")
    String sourceName;

    @Option(names = "--text-column", paramLabel = "COLUMN", defaultValue = "text", description = "csv: column of the post text (default ${DEFAULT-VALUE}).")
    String textColumn;

    @Option(names = "--id-column", paramLabel = "COLUMN", description = "csv: column of the row's id (default: a hash of the row).")
    String idColumn;

    @Option(names = "--time-column", paramLabel = "COLUMN", description = "csv: column of the publication time.")
    String timeColumn;

    @Option(names = "--time-format", paramLabel = "PATTERN",
            description = "csv: java.time pattern of the time column, e.g. 'yyyy-MM-dd HH:mm:ss Z' (default: ISO-8601 or epoch seconds/ms).")
    String timeFormat;

    @Option(names = "--zone", paramLabel = "ZONE", defaultValue = "UTC", description = "csv: zone of times written without an offset (default ${DEFAULT-VALUE}).")
    String zone;

    @Option(names = "--default-time", paramLabel = "INSTANT",
            description = "csv: time of rows without one, e.g. 2011-03-11T00:00:00Z (default: when the import starts).")
    String defaultTime;

    @Option(names = "--entity-column", paramLabel = "COLUMN", description = "csv: column naming the entity the row is about.")
    String entityColumn;

    @Option(names = "--label-column", paramLabel = "COLUMN", description = "csv: column of the row's sentiment label.")
    String labelColumn;

    @Option(names = "--author-column", paramLabel = "COLUMN", description = "csv: column of the author.")
    String authorColumn;

    @Option(names = "--lang-column", paramLabel = "COLUMN", description = "csv: column of the language code (default: detected).")
    String langColumn;

    @Option(names = "--encoding", paramLabel = "CHARSET", defaultValue = "UTF-8",
            description = "csv: the file's encoding, e.g. UTF-8 or cp1252 (default ${DEFAULT-VALUE}; a UTF-8 BOM is always skipped).")
    String encoding;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        String kind = format != null ? format.toLowerCase(Locale.ROOT) : formatFromName(file);
        Speed pace = Speed.parse(speed);
        CsvMapping mapping = kind.equals("csv") ? csvMapping() : null;
        Clock clock = Clock.systemUTC();
        long size = Files.size(file);
        ProgressBar bar = new ProgressBar(System.err, size, clock, !noProgress);
        AtomicLong bytes = new AtomicLong();

        try (PostSink target = target()) {
            CountingSink counting = new CountingSink(new PacedSink(target, pace, clock, Sleeper.REAL), bar, bytes);
            Instant started = clock.instant();
            ReplayStats stats;
            try (InputStream in = new CountingInputStream(Files.newInputStream(file), bytes)) {
                stats = switch (kind) {
                    case "jsonl" -> new JsonlReplay(counting, clock).replay(in, file.getFileName().toString());
                    case "csv" -> new CsvImporter(counting, LinguaLanguageDetector.standard(), clock, mapping)
                            .importStream(in, file.getFileName().toString());
                    // API dumps are read by their own importers (arrays, NDJSON and wrapped responses alike).
                    case "twitter" -> new TwitterDumpImporter(counting, LinguaLanguageDetector.standard(), clock).importFile(file);
                    case "mastodon" -> new MastodonDumpImporter(counting, LinguaLanguageDetector.standard(), clock).importFile(file);
                    case "jetstream" -> new JetstreamDumpImporter(counting, LinguaLanguageDetector.standard(), clock).importFile(file);
                    default -> throw new IllegalArgumentException(
                            "--format must be jsonl, csv, twitter, mastodon or jetstream, was '" + kind + "'");
                };
            }
            bar.finish(bytes.get(), counting.posts.get());
            double seconds = (clock.millis() - started.toEpochMilli()) / 1000.0;
            System.out.printf(Locale.ROOT, "Imported %d posts (%d rejected to %s) from %s in %.1f s%n", stats.accepted(), stats.rejected(),
                    rejectedTo, file.getFileName(), seconds);
        }
        return 0;
    }

    /** Where dead letters go, for the summary line. */
    private String rejectedTo;

    private PostSink target() {
        if (out != null) {
            JsonlFileSink sink = new JsonlFileSink(out);
            rejectedTo = sink.rejectedFile().toString();
            return sink;
        }
        AppConfig config = AppConfig.from(common.settings(Map.of()));
        rejectedTo = config.kafka().topics().deadLetter().name();
        String bootstrap = config.requireKafka();
        TopicAdmin.ensureTopics(bootstrap, config.kafka().topics());
        return new KafkaPostSink(config.kafka(), "backbeat-import");
    }

    private static String formatFromName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return "csv";
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return "jsonl";
        }
        throw new IllegalArgumentException("cannot tell the format of " + file.getFileName() + ": pass --format jsonl or csv");
    }

    private CsvMapping csvMapping() {
        Charset charset;
        try {
            charset = Charset.forName(encoding);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new IllegalArgumentException("--encoding '" + encoding + "' is not a charset this JVM knows (try UTF-8 or cp1252)");
        }
        ZoneId zoneId;
        try {
            zoneId = ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("--zone '" + zone + "' is not a time zone (try UTC or America/Los_Angeles)");
        }
        Instant fallback;
        try {
            fallback = defaultTime == null ? null : Instant.parse(defaultTime);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("--default-time must be an instant like 2011-03-11T00:00:00Z, was '" + defaultTime + "'");
        }
        String name = sourceName != null ? sourceName
                : file.getFileName().toString().replaceFirst("\\.[^.]*$", "").replaceAll("[^A-Za-z0-9._-]", "_");
        return new CsvMapping(name, textColumn, idColumn, timeColumn, timeFormat, zoneId, fallback, entityColumn, labelColumn,
                authorColumn, langColumn, charset);
    }

    /** Counts posts for the progress bar, and redraws it. */
    private static final class CountingSink implements PostSink {
        private final PostSink delegate;
        private final ProgressBar bar;
        private final AtomicLong bytes;
        final AtomicLong posts = new AtomicLong();

        CountingSink(PostSink delegate, ProgressBar bar, AtomicLong bytes) {
            this.delegate = delegate;
            this.bar = bar;
            this.bytes = bytes;
        }

        @Override
        public void accept(Post post) {
            delegate.accept(post);
            bar.update(bytes.get(), posts.incrementAndGet());
        }

        @Override
        public void delete(String postId) {
            delegate.delete(postId);
        }

        @Override
        public void reject(DeadLetter deadLetter) {
            delegate.reject(deadLetter);
        }

        @Override
        public void flush() {
            delegate.flush();
        }
    }

    /** Counts the bytes read, for the progress bar. */
    private static final class CountingInputStream extends FilterInputStream {
        private final AtomicLong count;

        CountingInputStream(InputStream in, AtomicLong count) {
            super(in);
            this.count = count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count.addAndGet(n);
            }
            return n;
        }
    }
}
