package org.backbeat.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.backbeat.core.Catalogue;
import org.backbeat.core.Settings;
import org.backbeat.core.TopicAdmin;
import org.backbeat.ingest.JsonlReplay;
import org.backbeat.ingest.KafkaPostSink;
import org.backbeat.ingest.ReplayStats;
import org.backbeat.ingest.lang.LinguaLanguageDetector;
import org.backbeat.ingest.sim.Scenarios;
import org.backbeat.ingest.sim.SimulatedPosts;
import org.backbeat.ingest.source.Secrets;
import org.backbeat.ingest.source.Source;
import org.backbeat.ingest.source.SourceStatus;
import org.backbeat.ingest.source.SourcesFile;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The ingest process: runs the live sources of the sources file into {@code posts.raw} on an external
 * Kafka until stopped, or sends a replay file or the simulated data once.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Read posts into Kafka's posts.raw topic (requires --kafka).",
                "Without --replay or --simulate: run the live sources of the sources file (press feeds, ...) until stopped, "
                        + "with a status endpoint on 127.0.0.1 (/status, /metrics)."})
final class IngestCommand implements Callable<Integer> {

    static final String SOURCES = "ingest.sources";
    static final String STATUS_PORT = "ingest.status-port";
    static final int DEFAULT_STATUS_PORT = 7071;
    static final String STATUS_HOST = "ingest.status-host";
    static final Path DEFAULT_SOURCES = Path.of("config", "sources.json");
    static final String BUNDLED_SOURCES = "/org/backbeat/ingest/sources.json";

    @Mixin
    CommonOptions common;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    ReplayOrSimulate replayOrSimulate;

    static final class ReplayOrSimulate {
        @Option(names = "--replay", paramLabel = "FILE", description = "JSONL file of posts (one Post JSON per line) to replay with their original timestamps.")
        Path replay;

        @Option(names = "--simulate", description = "Send the simulated spring-2011 data set.")
        boolean simulate;
    }

    @Option(names = "--seed", defaultValue = "2011", description = "Seed of the simulated data (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--sources", paramLabel = "FILE",
            description = "Sources file (JSON, see docs/sources-feeds-import.md; env BACKBEAT_INGEST_SOURCES). "
                    + "Default: config/sources.json in the current directory, else the copy in the jar.")
    Path sources;

    @Option(names = "--status-port", paramLabel = "PORT",
            description = "Port of the status endpoint (/status, /metrics) on ingest.status-host, default 127.0.0.1 "
                    + "(env BACKBEAT_INGEST_STATUS_PORT, default "
                    + DEFAULT_STATUS_PORT + "; 0 picks a free one, -1 turns it off).")
    Integer statusPort;

    @Option(names = "--catalogue", paramLabel = "FILE", description = "Catalogue of tracked entities (default: the built-in one).")
    Path catalogue;

    @Option(names = "--once", description = "Poll each polling source of the sources file one time, then exit "
            + "(exit code 2 when a source failed). For cron jobs; no status endpoint.")
    boolean pollOnce;

    @Override
    public Integer call() throws Exception {
        Settings settings = common.settings(Map.of());
        if (replayOrSimulate == null) {
            return live(settings);
        }
        AppConfig config = AppConfig.from(settings);
        String bootstrap = config.requireKafka();
        TopicAdmin.ensureTopics(bootstrap, config.kafka().topics());
        try (KafkaPostSink sink = new KafkaPostSink(config.kafka(), "backbeat-ingest")) {
            ReplayStats stats = replayOrSimulate.replay != null
                    ? new JsonlReplay(sink, Clock.systemUTC()).replay(replayOrSimulate.replay)
                    : new SimulatedPosts(Scenarios.cloudLockers2011()).replay(seed, sink);
            System.out.printf("Ingested %d posts (%d rejected to %s)%n", stats.accepted(), stats.rejected(),
                    config.kafka().topics().deadLetter().name());
        }
        return 0;
    }

    private int live(Settings settings) throws IOException, InterruptedException {
        // Configuration errors first, before anything connects: one line naming what to set.
        SourcesFile file = sourcesFile(settings);
        Catalogue tracked = catalogue == null ? Catalogue.defaults() : Catalogue.load(catalogue);
        List<Source> built = file.build(SourceFactories.all(), tracked, Secrets.fromEnvironment());
        if (built.isEmpty()) {
            throw new IllegalArgumentException("sources file " + file.name() + " enables no source: nothing to ingest");
        }
        int port = statusPort != null ? statusPort : settings.getInt(STATUS_PORT, DEFAULT_STATUS_PORT);
        String statusHost = settings.get(STATUS_HOST, LiveIngest.DEFAULT_STATUS_HOST);
        AppConfig config = AppConfig.from(settings);
        String bootstrap = config.requireKafka();
        TopicAdmin.ensureTopics(bootstrap, config.kafka().topics());
        Path checkpoints = config.workDir().resolve("ingest").resolve("checkpoints");
        if (pollOnce) {
            try (KafkaPostSink sink = new KafkaPostSink(config.kafka(), "backbeat-ingest")) {
                List<SourceStatus> statuses = PollOnce.run(built, sink, checkpoints, LinguaLanguageDetector.standard(), Clock.systemUTC());
                statuses.forEach(s -> System.out.printf("%s: %d new items, %d posts sent, %d skipped, %d errors%s%n", s.source(),
                        s.fetched(), s.produced(), s.skipped(), s.errors(), s.lastError() == null ? "" : " (" + s.lastError() + ")"));
                return statuses.stream().anyMatch(s -> s.errors() > 0) ? 2 : 0;
            }
        }
        KafkaPostSink sink = new KafkaPostSink(config.kafka(), "backbeat-ingest");
        LiveIngest live;
        try {
            live = LiveIngest.start(built, sink, checkpoints, statusHost, port,
                    LinguaLanguageDetector.standard(), Clock.systemUTC());
        } catch (RuntimeException e) {
            sink.close();
            throw e;
        }
        System.out.printf("Ingesting from %d sources of %s into %s%s%n", built.size(), file.name(),
                config.kafka().topics().raw().name(),
                live.statusPort() < 0 ? "" : "; status on http://" + statusHost + ":" + live.statusPort() + "/status");
        RunUntilStopped.await(() -> {
            try {
                live.close();
            } finally {
                sink.close();
            }
        });
        return 0;
    }

    /** --sources, else the setting, else ./config/sources.json, else the default bundled in the jar. */
    private SourcesFile sourcesFile(Settings settings) throws IOException {
        Path path = sources != null ? sources : settings.get(SOURCES).map(Path::of).orElse(null);
        if (path != null) {
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException("sources file " + path + " does not exist: pass --sources FILE or set BACKBEAT_INGEST_SOURCES");
            }
            return SourcesFile.read(path);
        }
        if (Files.isRegularFile(DEFAULT_SOURCES)) {
            return SourcesFile.read(DEFAULT_SOURCES);
        }
        try (InputStream in = IngestCommand.class.getResourceAsStream(BUNDLED_SOURCES)) {
            if (in == null) {
                throw new IllegalArgumentException("no sources file: pass --sources FILE or set BACKBEAT_INGEST_SOURCES");
            }
            return SourcesFile.parse(in, "(built-in) sources.json");
        }
    }
}
