package org.backbeat.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.kafka.common.utils.Exit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Benchmarks; {@code bench nlp} measures scoring throughput bare and through the topology. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks.",
        subcommands = {BenchCommand.Nlp.class, BenchCommand.Alerts.class, BenchCommand.AlertsLatency.class,
                BenchCommand.Faults.class, BenchCommand.Load.class})
final class BenchCommand {

    @Command(name = "nlp", mixinStandardHelpOptions = true,
            description = "Texts/s of the bare scorer vs the Streams topology on an in-process broker (1 and 2 threads, "
                    + "and a stream with repeated texts), and the heap the models need.")
    static final class Nlp implements Callable<Integer> {

        @Mixin
        SharedDataOption shared;

        @Option(names = "--texts", paramLabel = "N", description = "Texts per run (default: 3000).")
        int texts = 3000;

        @Option(names = "--warmup", paramLabel = "N", description = "Warm-up texts for the bare scorer and the topology, not timed (default: 2000).")
        int warmup = 2000;

        @Option(names = "--duplicates", paramLabel = "SHARE", description = "Share of posts repeating an earlier text (default: 0.3).")
        double duplicates = 0.3;

        @Option(names = "--partitions", paramLabel = "N", description = "Partitions of the bench topics (default: 6, as posts.raw).")
        int partitions = 6;

        @Override
        public Integer call() throws Exception {
            return inWorkDir(null, "backbeat-bench-nlp", work -> {
                new NlpBench(new NlpBench.Settings(shared.data(), work, texts, warmup, duplicates, partitions), System.out).run();
                return 0;
            });
        }
    }

    @Command(name = "alerts", mixinStandardHelpOptions = true,
            description = "CPU per post of the alert topology with many active rules, as a share of the scoring topology's, "
                    + "in one run on an in-process broker: both topologies side by side over the same posts (the demo's "
                    + "simulated posts, in rounds), stream-thread CPU per round, medians.")
    static final class Alerts implements Callable<Integer> {

        @Option(names = "--rules", paramLabel = "N", description = "Active rules (default: 100).")
        int rules = 100;

        @Option(names = "--seed", paramLabel = "N", description = "Seed of the simulated posts (default: 2011).")
        long seed = 2011;

        @Option(names = "--rounds", paramLabel = "N", description = "Measured rounds, one copy of the simulation each, after a warm-up round (default: 5).")
        int rounds = 5;

        @Override
        public Integer call() throws Exception {
            return inWorkDir(null, "backbeat-bench-alerts", work -> {
                new AlertsBench(new AlertsBench.Settings(work, rules, seed, rounds), System.out).run();
                return 0;
            });
        }
    }

    @Command(name = "alerts-latency", mixinStandardHelpOptions = true,
            description = "End-to-end alert latency in live operation: from the post that makes a rule true being sent to "
                    + "posts.scored to the signed webhook request reaching a receiver on 127.0.0.1, p50 and p95; the alerts "
                    + "process as ./backbeat alerts wires it, on the in-process broker and Elasticsearch.")
    static final class AlertsLatency implements Callable<Integer> {

        @Option(names = "--alerts", paramLabel = "N", description = "Measured alerts, one rule each (default: 120).")
        int alerts = 120;

        @Option(names = "--warmup", paramLabel = "N", description = "Alerts before those, not measured (default: 10).")
        int warmup = 10;

        @Option(names = "--gap-ms", paramLabel = "MS", description = "Time between two rules' bursts (default: 250).")
        long gapMs = 250;

        @Override
        public Integer call() throws Exception {
            return inWorkDir(null, "backbeat-bench-alerts-latency", work -> {
                new AlertLatencyBench(new AlertLatencyBench.Settings(work, alerts, warmup,
                        java.time.Duration.ofMillis(gapMs)), System.out).run();
                return 0;
            });
        }
    }

    @Command(name = "faults", mixinStandardHelpOptions = true,
            description = {"The fault proof: the local broker and Elasticsearch, 3 nlp processes (one consumer group, static "
                    + "membership), 1 index process, a stream of simulated posts with known ids; kill -9 of a scoring process "
                    + "(5 times), of the index process, Elasticsearch stopped; after each, Elasticsearch must hold exactly the "
                    + "distinct ids sent, and at the end every sentiment must equal backbeat score's. Exit code 1 if not."})
    static final class Faults implements Callable<Integer> {

        @Option(names = "--posts", paramLabel = "N", description = "Posts to send, copies included (default: 20000).")
        long posts = 20_000;

        @Option(names = "--rate", paramLabel = "POSTS/S", description = "The generator's rate (default: 60).")
        double rate = 60;

        @Option(names = "--kills", paramLabel = "N", description = "kill -9 of a scoring process, in a row (default: 5).")
        int kills = 5;

        @Option(names = "--outage", paramLabel = "SECONDS", description = "How long Elasticsearch stays stopped (default: 60).")
        int outage = 60;

        @Option(names = "--work-dir", paramLabel = "DIR", description = "Where this run keeps its data (default: a new temp directory, removed after).")
        Path workDir;

        @Override
        public Integer call() throws Exception {
            return inWorkDir(workDir, "backbeat-faults", dir -> new FaultProof(new FaultProof.Settings(dir, posts, rate, kills,
                    java.time.Duration.ofSeconds(outage), null), System.out).run().proven() ? 0 : 1);
        }
    }

    @Command(name = "load", mixinStandardHelpOptions = true,
            description = {"The load run: the same layout as bench faults; the scoring capacity measured on a backlog, then "
                    + "the simulated generator at a multiple of it for a while; lag, resident memory and end-to-end latency "
                    + "sampled; after the generator stops, the pipeline drains and Elasticsearch must hold every id. "
                    + "Writes the samples (CSV) and the lag chart (PNG)."})
    static final class Load implements Callable<Integer> {

        @Option(names = "--minutes", paramLabel = "N", description = "How long the generator runs (default: 10).")
        double minutes = 10;

        @Option(names = "--factor", paramLabel = "X", description = "The generator's rate as a multiple of the measured capacity (default: 2).")
        double factor = 2;

        @Option(names = "--backlog", paramLabel = "N", description = "Posts of the backlog the capacity is measured on (default: 20000).")
        long backlog = 20_000;

        @Option(names = "--out", paramLabel = "DIR", description = "Where the samples and the chart go (default: docs).")
        Path out = Path.of("docs");

        @Option(names = "--work-dir", paramLabel = "DIR", description = "Where this run keeps its data (default: a new temp directory, removed after).")
        Path workDir;

        @Override
        public Integer call() throws Exception {
            return inWorkDir(workDir, "backbeat-load", dir -> new LoadRun(new LoadRun.Settings(dir, backlog, factor,
                    java.time.Duration.ofSeconds((long) (minutes * 60)), out), System.out).run().nothingLost() ? 0 : 1);
        }
    }

    private interface InDir {
        int run(Path dir) throws Exception;
    }

    /**
     * Runs in {@code given}, or in a new temp directory (under /var/tmp: Elasticsearch may run as nobody) removed
     * after; a fatal broker error must not halt this JVM before the figures are out.
     */
    private static int inWorkDir(Path given, String prefix, InDir body) throws Exception {
        Exit.setHaltProcedure((code, message) -> {
            throw new IllegalStateException("Kafka asked to halt (" + code + "): " + message);
        });
        Path dir = given != null ? Files.createDirectories(given) : Files.createTempDirectory(Path.of("/var/tmp"), prefix);
        dir.toFile().setExecutable(true, false);
        dir.toFile().setReadable(true, false);
        try {
            return body.run(dir);
        } finally {
            if (given == null) {
                try (var paths = Files.walk(dir)) {
                    paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }
}
