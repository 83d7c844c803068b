package org.backbeat.app;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.backbeat.core.KafkaConfig;
import org.backbeat.index.schema.EsClients;
import org.backbeat.index.schema.PostIndexConfig;
import org.backbeat.ingest.KafkaPostSink;

/**
 * The load run of {@code ./backbeat bench load}, on the layout of the fault proof ({@link StageProcesses}):
 * <ol>
 *   <li>capacity: a backlog of simulated posts sent as fast as the producer goes; the scoring capacity is the
 *       backlog over the time until the scoring group has committed all of it, the bulk index rate the backlog
 *       over the time until Elasticsearch holds it;</li>
 *   <li>load: the generator at {@code factor} times that capacity for {@code duration}, every
 *       {@value #PROBE_EVERY}th post a latency probe ({@link Searchability});</li>
 *   <li>drain: the generator stops, the pipeline catches up, and Elasticsearch must hold exactly the ids sent.</li>
 * </ol>
 * Every {@value #SAMPLE_SECONDS} s it samples what was sent, the scoring and indexing lag, the documents in
 * Elasticsearch and each process's resident memory; the samples go to a CSV and the lag chart ({@link LoadChart}).
 */
final class LoadRun {

    static final int PROBE_EVERY = 100;
    static final int SAMPLE_SECONDS = 5;

    /**
     * @param workDir  this run's Kafka, Elasticsearch and Streams state
     * @param backlog  posts the capacity is measured on
     * @param factor   the generator's rate as a multiple of the capacity
     * @param duration how long the generator runs
     * @param out      where {@code load-samples.csv} and {@code load-lag.png} go
     */
    record Settings(Path workDir, long backlog, double factor, Duration duration, Path out) {
    }

    /** One sample; {@code seconds} counts from the start of the load phase (negative during the capacity phase). */
    record Sample(double seconds, long sent, long scoringLag, long indexingLag, long documents, Map<String, Long> rss) {
    }

    /** The figures of a run. */
    record Figures(double capacity, double bulkRate, double rate, long sent, IndexAudit.Result audit, double scoredPerSecond,
                   double indexedPerSecond, double drainSeconds, long probes, long p50Millis, long p95Millis,
                   Map<String, Long> peakRss, double bytesPerPost, long peakScoringLag) {

        boolean nothingLost() {
            return audit.exact();
        }
    }

    private final Settings settings;
    private final PrintStream out;
    private final List<Sample> samples = new CopyOnWriteArrayList<>();

    LoadRun(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    Figures run() throws Exception {
        StageProcesses.Layout layout = new StageProcesses.Layout(settings.workDir(), FaultProof.INSTANCES, 1, "-Xmx1500m", 512, null);
        try (StageProcesses stages = StageProcesses.start(layout, out);
             KafkaPostSink sink = new KafkaPostSink(new KafkaConfig(stages.bootstrapServers(), stages.topics()), "backbeat-load");
             ElasticsearchClient es = EsClients.create(stages.elasticsearchUri());
             Searchability probes = new Searchability(es, PostIndexConfig.defaults().index())) {
            String alias = PostIndexConfig.defaults().index();
            PostStream stream = new PostStream(sink, new PostStream.Sequence(7, 20), null, 0);

            // 1. capacity, on a backlog
            out.printf("Capacity: a backlog of %d posts...%n", settings.backlog());
            long t0 = System.nanoTime();
            Sampler sampler = new Sampler(stages, stream, es, alias, t0);
            sampler.start();
            // the index process waits until the backlog is scored, so that its bulk rate is its own, not scoring's
            stages.killIndex();
            stream.sendUntil(Double.MAX_VALUE, () -> stream.sent() >= settings.backlog());
            long backlogDistinct = stream.distinct();
            awaitTrue(() -> stages.scoringLag() == 0);
            double capacity = settings.backlog() / seconds(t0);
            stages.startIndex();
            double bulkRate = bulkRate(es, alias, backlogDistinct);
            double rate = settings.factor() * capacity;
            out.printf("  scoring capacity %.0f posts/s, bulk index rate %.0f posts/s; generator at %.0f posts/s for %d s%n",
                    capacity, bulkRate, rate, settings.duration().toSeconds());

            // 2. load
            long tLoad = System.nanoTime();
            sampler.zeroAt(tLoad);
            long backlogSent = stream.sent();
            stream.probeWith(probes, PROBE_EVERY);
            stream.sendUntil(rate, () -> System.nanoTime() - tLoad >= settings.duration().toNanos());
            long tStop = System.nanoTime();
            long loadSent = stream.sent() - backlogSent;
            long loadDistinct = stream.distinct() - backlogDistinct;
            out.printf("  generator stopped after %d posts; draining...%n", loadSent);

            // 3. drain
            awaitTrue(() -> stages.scoringLag() == 0);
            double scoredSeconds = seconds(tLoad);
            long expected = stream.distinct();
            FaultProof.awaitDrained(stages, es, alias, expected);
            double indexedSeconds = seconds(tLoad);
            long probesLeft = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (probes.pending() > 0 && System.nanoTime() < probesLeft) {
                Thread.sleep(250);
            }
            sampler.close();

            java.util.Set<String> ids = stream.ids();
            List<String> found = IndexAudit.read(es, alias, false).stream().map(IndexAudit.IndexedPost::id).toList();
            IndexAudit.Result audit = IndexAudit.compare(ids, found, IndexAudit.count(es, alias));
            // _stats counts Lucene documents, nested entity sentiments and topic matches included: divide by posts
            long storeBytes = es.indices().stats(s -> s.index(alias)).all().primaries().store().sizeInBytes();
            double bytesPerPost = (double) storeBytes / Math.max(1, audit.documents());

            List<Long> latencies = probes.latenciesMillis();
            Figures figures = new Figures(capacity, bulkRate, rate, loadSent, audit, loadDistinct / scoredSeconds,
                    loadDistinct / indexedSeconds, (System.nanoTime() - tStop) / 1e9, latencies.size(),
                    percentile(latencies, 50), percentile(latencies, 95), peakRss(samples), bytesPerPost,
                    samples.stream().mapToLong(Sample::scoringLag).max().orElse(0));
            write(figures, (tStop - tLoad) / 1e9);
            return figures;
        }
    }

    static long percentile(List<Long> values, double p) {
        if (values.isEmpty()) {
            return -1;
        }
        return Math.round(new Percentile().evaluate(values.stream().mapToDouble(Long::doubleValue).toArray(), p));
    }

    static Map<String, Long> peakRss(List<Sample> samples) {
        Map<String, Long> peak = new LinkedHashMap<>();
        for (Sample s : samples) {
            s.rss().forEach((name, bytes) -> peak.merge(name, bytes, Math::max));
        }
        return peak;
    }

    private void write(Figures f, double loadSeconds) throws IOException {
        Files.createDirectories(settings.out());
        Path csv = settings.out().resolve("load-samples.csv");
        List<String> lines = new ArrayList<>();
        List<String> names = samples.isEmpty() ? List.of() : List.copyOf(samples.get(0).rss().keySet());
        lines.add("seconds,sent,scoring_lag,indexing_lag,documents," + String.join(",", names.stream().map(n -> "rss_mb_" + n).toList()));
        for (Sample s : samples) {
            StringBuilder line = new StringBuilder(String.format(java.util.Locale.ROOT, "%.1f,%d,%d,%d,%d", s.seconds(), s.sent(),
                    s.scoringLag(), s.indexingLag(), s.documents()));
            names.forEach(n -> line.append(',').append(s.rss().getOrDefault(n, 0L) / (1024 * 1024)));
            lines.add(line.toString());
        }
        Files.write(csv, lines);
        Path png = settings.out().resolve("load-lag.png");
        LoadChart.write(samples, loadSeconds, png);
        out.printf("%nLoad run: generator at %.1f x the scoring capacity for %.0f s%n", settings.factor(), loadSeconds);
        out.printf("  scoring capacity (backlog): %.0f posts/s; bulk index rate (one index process on the scored backlog): %.0f posts/s%n", f.capacity(), f.bulkRate());
        out.printf("  generator: %.0f posts/s, %d posts sent%n", f.rate(), f.sent());
        out.printf("  scored %.0f posts/s, indexed %.0f posts/s (load posts over the time from the load's start to drained)%n",
                f.scoredPerSecond(), f.indexedPerSecond());
        out.printf("  peak scoring lag %d posts; drained %.0f s after the generator stopped%n", f.peakScoringLag(), f.drainSeconds());
        out.printf("  end-to-end latency (sent to posts.raw -> searchable), %d probes: p50 %d ms, p95 %d ms%n",
                f.probes(), f.p50Millis(), f.p95Millis());
        StringBuilder rss = new StringBuilder();
        f.peakRss().forEach((n, b) -> rss.append(rss.isEmpty() ? "" : ", ").append(n).append(' ').append(b / (1024 * 1024)).append(" MB"));
        out.println("  peak resident memory: " + rss);
        out.printf("  Elasticsearch: %.0f bytes per indexed post (primary store size / posts, unmerged segments)%n", f.bytesPerPost());
        IndexAudit.Result a = f.audit();
        out.printf("  ids: %d distinct sent, %d documents, lost %d, duplicated %d, unexpected %d%n", a.unique(), a.documents(),
                a.lost(), a.duplicated(), a.unexpected());
        out.println("  samples: " + csv + ", chart: " + png);
    }

    /**
     * Posts indexed per second from the first document to the last of {@code expected}: the index process's own
     * rate on a backlog already in {@code posts.scored}, its start-up left out.
     */
    private static double bulkRate(ElasticsearchClient es, String alias, long expected) throws InterruptedException {
        long first;
        long firstAt;
        while (true) {
            first = count(es, alias);
            if (first > 0) {
                firstAt = System.nanoTime();
                break;
            }
            Thread.sleep(100);
        }
        long seen = first;
        awaitTrue(() -> count(es, alias) >= expected);
        return (expected - seen) / seconds(firstAt);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static long count(ElasticsearchClient es, String alias) {
        try {
            return es.count(c -> c.index(alias)).count();
        } catch (Exception e) {
            return -1;
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        while (!condition.getAsBoolean()) {
            Thread.sleep(500);
        }
    }

    /** Takes a {@link Sample} every {@value #SAMPLE_SECONDS} s on its own thread. */
    private final class Sampler implements AutoCloseable {
        private final StageProcesses stages;
        private final ElasticsearchClient es;
        private final String alias;
        private final Thread thread;
        private volatile long zero;
        private volatile boolean closed;
        private final PostStream stream;

        Sampler(StageProcesses stages, PostStream stream, ElasticsearchClient es, String alias, long zero) {
            this.stages = stages;
            this.stream = stream;
            this.es = es;
            this.alias = alias;
            this.zero = zero;
            this.thread = new Thread(this::loop, "load-sampler");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void zeroAt(long nanos) {
            zero = nanos;
        }

        private void loop() {
            long next = System.nanoTime();
            while (!closed) {
                samples.add(new Sample((System.nanoTime() - zero) / 1e9, sentSoFar(), stages.scoringLag(), stages.indexingLag(),
                        count(es, alias), stages.residentMemory()));
                next += SAMPLE_SECONDS * 1_000_000_000L;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    try {
                        Thread.sleep(wait / 1_000_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }

        private long sentSoFar() {
            return stream.sent();
        }

        @Override
        public void close() {
            closed = true;
            thread.interrupt();
        }
    }
}
