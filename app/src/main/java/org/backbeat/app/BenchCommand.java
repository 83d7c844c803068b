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
        subcommands = {BenchCommand.Nlp.class, BenchCommand.Alerts.class, BenchCommand.AlertsLatency.class})
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
            // A fatal broker error must not halt this JVM before the figures are out.
            Exit.setHaltProcedure((code, message) -> {
                throw new IllegalStateException("Kafka asked to halt (" + code + "): " + message);
            });
            Path work = Files.createTempDirectory("backbeat-bench-nlp");
            try {
                new NlpBench(new NlpBench.Settings(shared.data(), work, texts, warmup, duplicates, partitions), System.out).run();
            } finally {
                try (var paths = Files.walk(work)) {
                    paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            return 0;
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
            Exit.setHaltProcedure((code, message) -> {
                throw new IllegalStateException("Kafka asked to halt (" + code + "): " + message);
            });
            Path work = Files.createTempDirectory("backbeat-bench-alerts");
            try {
                new AlertsBench(new AlertsBench.Settings(work, rules, seed, rounds), System.out).run();
            } finally {
                try (var paths = Files.walk(work)) {
                    paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            return 0;
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
            Exit.setHaltProcedure((code, message) -> {
                throw new IllegalStateException("Kafka asked to halt (" + code + "): " + message);
            });
            Path work = Files.createTempDirectory("backbeat-bench-alerts-latency");
            // Elasticsearch runs as an unprivileged user when this runs as root: it must be able to enter the directory.
            Files.setPosixFilePermissions(work, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            try {
                new AlertLatencyBench(new AlertLatencyBench.Settings(work, alerts, warmup,
                        java.time.Duration.ofMillis(gapMs)), System.out).run();
            } finally {
                try (var paths = Files.walk(work)) {
                    paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            return 0;
        }
    }
}
