package org.backbeat.app;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import org.backbeat.core.TopicAdmin;
import org.backbeat.ingest.JsonlReplay;
import org.backbeat.ingest.KafkaPostSink;
import org.backbeat.ingest.ReplayStats;
import org.backbeat.ingest.sim.Scenarios;
import org.backbeat.ingest.sim.SimulatedPosts;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The ingest process: reads a source into {@code posts.raw} on an external Kafka. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Read posts into Kafka's posts.raw topic (requires --kafka).",
                "Sources: a JSONL replay file (--replay) or the simulated demo data (--simulate)."})
final class IngestCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--replay", paramLabel = "FILE", description = "JSONL file of posts (one Post JSON per line) to replay with their original timestamps.")
        Path replay;

        @Option(names = "--simulate", description = "Send the simulated spring-2011 data set.")
        boolean simulate;
    }

    @Option(names = "--seed", defaultValue = "2011", description = "Seed of the simulated data (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        AppConfig config = AppConfig.from(common.settings(Map.of()));
        String bootstrap = config.requireKafka();
        TopicAdmin.ensureTopics(bootstrap, config.kafka().topics());
        try (KafkaPostSink sink = new KafkaPostSink(config.kafka(), "backbeat-ingest")) {
            ReplayStats stats = source.replay != null
                    ? new JsonlReplay(sink, Clock.systemUTC()).replay(source.replay)
                    : new SimulatedPosts(Scenarios.cloudLockers2011()).replay(seed, sink);
            System.out.printf("Ingested %d posts (%d rejected to %s)%n", stats.accepted(), stats.rejected(),
                    config.kafka().topics().deadLetter().name());
        }
        return 0;
    }
}
