package org.backbeat.app;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.TopicPartition;
import org.backbeat.core.KafkaConfig;
import org.backbeat.index.schema.EsClients;
import org.backbeat.index.schema.PostIndexConfig;
import org.backbeat.ingest.KafkaPostSink;

/**
 * The fault proof of {@code ./backbeat bench faults}: the production layout ({@link StageProcesses}: three
 * {@code nlp} processes in one consumer group, one {@code index} process, the local broker and Elasticsearch) fed
 * a steady stream of simulated posts with known ids ({@link PostStream}), and three faults in turn:
 * <ol>
 *   <li>{@code kill -9} of a scoring process mid-stream, restarted at once, {@code nlpKills} times (one of them
 *       left down until the others have taken its partitions over);</li>
 *   <li>{@code kill -9} of the index process mid-stream, restarted;</li>
 *   <li>Elasticsearch stopped for {@code outage}, then started again on the same data: the index process must
 *       say it is degraded on its {@code /health}, its lag grows, then drains.</li>
 * </ol>
 * After each, the stream pauses, the pipeline drains, and Elasticsearch must hold exactly the distinct ids sent
 * so far ({@link IndexAudit}); at the end every post's sentiment is checked against {@code backbeat score}
 * ({@link ScoreCommandCheck}).
 */
final class FaultProof {

    /**
     * @param workDir   Kafka, Elasticsearch and Streams state of this run (a fresh directory)
     * @param posts     posts to send in all (copies included)
     * @param perSecond the generator's rate
     * @param nlpKills  kill -9 of a scoring process, in a row
     * @param outage    how long Elasticsearch stays stopped
     * @param sessionTimeout the processes' Kafka session timeout, how long a killed process keeps its partitions
     *                  (what the takeover and the index restart wait for); null: Kafka's default, as in production
     */
    record Settings(Path workDir, long posts, double perSecond, int nlpKills, Duration outage, Duration sessionTimeout) {
    }

    /** One fault's outcome: what was sent (cumulative), what Elasticsearch held, and what was seen meanwhile. */
    record Scenario(String name, long sent, IndexAudit.Result audit, List<String> observations) {
    }

    record Report(List<Scenario> scenarios, ScoreCommandCheck.Result sentiment) {

        boolean proven() {
            return scenarios.stream().allMatch(s -> s.audit().exact()) && sentiment.mismatches() == 0;
        }
    }

    static final int INSTANCES = 3;
    private static final int REPEAT_EVERY = 20;
    private static final Duration DRAIN_STALL = Duration.ofMinutes(3);

    private final Settings settings;
    private final PrintStream out;

    FaultProof(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    Report run() throws Exception {
        out.printf("Fault proof: %d posts at %.0f/s, %d nlp processes, %d kills, Elasticsearch outage %d s%n",
                settings.posts(), settings.perSecond(), INSTANCES, settings.nlpKills(), settings.outage().toSeconds());
        StageProcesses.Layout layout = new StageProcesses.Layout(settings.workDir(), INSTANCES, 1, "-Xmx1500m", 512, settings.sessionTimeout());
        ExecutorService generator = Executors.newSingleThreadExecutor();
        try (StageProcesses stages = StageProcesses.start(layout, out);
             KafkaPostSink sink = new KafkaPostSink(new KafkaConfig(stages.bootstrapServers(), stages.topics()), "backbeat-fault-proof");
             ElasticsearchClient es = EsClients.create(stages.elasticsearchUri())) {
            String alias = PostIndexConfig.defaults().index();
            PostStream stream = new PostStream(sink, new PostStream.Sequence(2011, REPEAT_EVERY), null, 0);
            List<Scenario> scenarios = new ArrayList<>();

            scenarios.add(phase("kill -9 a scoring process mid-stream and restart it, " + settings.nlpKills() + " times",
                    stages, stream, es, alias, generator, (long) (settings.posts() * 0.6), notes -> killScorers(stages, stream, notes)));
            scenarios.add(phase("kill -9 the index process mid-stream and restart it", stages, stream, es, alias, generator,
                    (long) (settings.posts() * 0.8), notes -> killIndexer(stages, stream, notes)));
            scenarios.add(phase("Elasticsearch stopped for " + settings.outage().toSeconds() + " s", stages, stream, es, alias,
                    generator, settings.posts(), notes -> stopElasticsearch(stages, stream, notes)));

            out.println("Checking every post's sentiment against backbeat score...");
            ScoreCommandCheck.Result sentiment = ScoreCommandCheck.run(IndexAudit.read(es, alias, true), settings.workDir());
            Report report = new Report(scenarios, sentiment);
            print(report);
            return report;
        } finally {
            generator.shutdownNow();
        }
    }

    /** What one phase does to the processes while the stream runs; adds what it saw to the notes. */
    private interface Fault {
        void inflict(List<String> notes) throws Exception;
    }

    /**
     * Streams until both the fault is over and {@code sentTarget} posts have been sent in all, then lets the
     * pipeline drain and audits Elasticsearch.
     */
    private Scenario phase(String name, StageProcesses stages, PostStream stream, ElasticsearchClient es, String alias,
                           ExecutorService generator, long sentTarget, Fault fault) throws Exception {
        out.println("== " + name);
        AtomicBoolean faultOver = new AtomicBoolean();
        Future<Long> sending = generator.submit(() -> stream.sendUntil(settings.perSecond(),
                () -> faultOver.get() && stream.sent() >= sentTarget));
        List<String> notes = new ArrayList<>();
        try {
            fault.inflict(notes);
        } finally {
            faultOver.set(true);
        }
        sending.get();
        Set<String> ids = stream.ids();
        awaitDrained(stages, es, alias, ids.size());
        List<String> found = IndexAudit.read(es, alias, false).stream().map(IndexAudit.IndexedPost::id).toList();
        IndexAudit.Result audit = IndexAudit.compare(ids, found, IndexAudit.count(es, alias));
        if (audit.lost() > 0) {
            Set<String> indexed = Set.copyOf(found);
            List<String> lost = ids.stream().filter(id -> !indexed.contains(id)).toList();
            LossTrace.trace(stages.bootstrapServers(), stages.topics(), lost, 5).forEach(line -> notes.add("lost " + line));
        }
        notes.add("after draining: scoring lag " + stages.scoringLag() + ", indexing lag " + stages.indexingLag()
                + " (read_committed end offsets: one transaction marker per partition may remain)");
        Scenario scenario = new Scenario(name, stream.sent(), audit, notes);
        out.printf("   sent %d (%d distinct ids), indexed %d, lost %d, duplicated %d, unexpected %d%n", stream.sent(),
                audit.unique(), audit.documents(), audit.lost(), audit.duplicated(), audit.unexpected());
        return scenario;
    }

    private void killScorers(StageProcesses stages, PostStream stream, List<String> notes) throws Exception {
        Map<String, Set<TopicPartition>> all = stages.assignment();
        notes.add("all " + INSTANCES + " running: " + StageProcesses.describe(all));
        long start = stream.sent();
        long span = (long) (settings.posts() * 0.6) - start;
        int takeoverKill = Math.min(2, settings.nlpKills() - 1);
        List<String> instances = List.copyOf(stages.nlpInstances());
        for (int k = 0; k < settings.nlpKills(); k++) {
            String instance = instances.get(k % instances.size());
            long at = start + span * (k + 1) / (settings.nlpKills() + 1);
            awaitSent(stream, at);
            Set<String> before = stages.memberIds(instance);
            stages.killNlp(instance);
            if (k == takeoverKill) {
                // Static membership keeps a member's partitions for the session timeout: wait it out.
                stages.awaitGroup("the other instances take over " + instance + "'s partitions",
                        () -> takenOver(stages.assignment(), instance, stages.topics().partitions()));
                notes.add(instance + " gone: " + StageProcesses.describe(stages.assignment()));
            }
            stages.startNlp(instance);
            stages.awaitGroup(instance + " rejoins and owns partitions again", () -> {
                Set<String> now = stages.memberIds(instance);
                return !now.isEmpty() && !now.equals(before) && !stages.assignment().getOrDefault(instance, Set.of()).isEmpty();
            });
            out.printf("   kill %d: %s killed at %d posts sent, back at %d%n", k + 1, instance, at, stream.sent());
        }
        notes.add("after " + settings.nlpKills() + " kills: " + StageProcesses.describe(stages.assignment()));
    }

    /** True when {@code gone} is out of the group and the others own every {@code posts.raw} partition. */
    static boolean takenOver(Map<String, Set<TopicPartition>> assignment, String gone, int partitions) {
        long raw = assignment.values().stream().flatMap(Set::stream).filter(p -> !p.topic().contains("repartition")).count();
        return !assignment.containsKey(gone) && !assignment.isEmpty() && raw == partitions;
    }

    private void killIndexer(StageProcesses stages, PostStream stream, List<String> notes) throws Exception {
        long start = stream.sent();
        awaitSent(stream, start + (long) ((settings.posts() * 0.8 - start) / 2));
        JsonNode before = stages.indexHealth();
        stages.killIndex();
        notes.add("killed with the indexer at: " + (before == null ? "?" : before.path("components").path("indexer").path("detail").asText()));
        Thread.sleep(2_000);
        stages.startIndex();
    }

    private void stopElasticsearch(StageProcesses stages, PostStream stream, List<String> notes) throws Exception {
        long start = stream.sent();
        awaitSent(stream, start + (long) ((settings.posts() - start) / 3));
        long lagBefore = stages.indexingLag();
        int port = stages.stopElasticsearch();
        long until = System.nanoTime() + settings.outage().toNanos();
        String degraded = null;
        long maxLag = lagBefore;
        while (System.nanoTime() < until) {
            JsonNode health = stages.indexHealth();
            JsonNode indexer = health == null ? null : health.path("components").path("indexer");
            if (degraded == null && indexer != null && indexer.path("detail").asText().startsWith("DEGRADED")) {
                degraded = "index /health " + health.path("status").asText() + ", indexer: " + indexer.path("detail").asText();
            }
            maxLag = Math.max(maxLag, stages.indexingLag());
            Thread.sleep(1_000);
        }
        notes.add("during the outage: " + (degraded == null ? "the index /health never said DEGRADED" : degraded));
        notes.add("indexing lag " + lagBefore + " when Elasticsearch stopped, " + maxLag + " at most during the outage");
        stages.startElasticsearch(port);
    }

    private static void awaitSent(PostStream stream, long count) throws InterruptedException {
        while (stream.sent() < count) {
            Thread.sleep(100);
        }
    }

    /** Waits until Elasticsearch holds {@code expected} documents, or nothing has moved for {@link #DRAIN_STALL}. */
    static void awaitDrained(StageProcesses stages, ElasticsearchClient es, String alias, long expected) throws InterruptedException {
        long last = -1;
        long lastChange = System.nanoTime();
        while (true) {
            long count;
            try {
                count = IndexAudit.count(es, alias);
            } catch (Exception e) {
                count = -1;
            }
            if (count >= expected && stages.scoringLag() == 0) {
                return;
            }
            if (count != last) {
                last = count;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > DRAIN_STALL.toNanos()) {
                return; // the audit says what is missing
            }
            Thread.sleep(1_000);
        }
    }

    private void print(Report report) {
        out.println();
        out.println("| scenario | posts sent (cumulative, copies included) | distinct ids | documents in Elasticsearch | lost | duplicated | unexpected |");
        out.println("|---|---|---|---|---|---|---|");
        for (Scenario s : report.scenarios()) {
            IndexAudit.Result a = s.audit();
            out.printf("| %s | %d | %d | %d | %d | %d | %d |%n", s.name(), s.sent(), a.unique(), a.documents(), a.lost(),
                    a.duplicated(), a.unexpected());
        }
        for (Scenario s : report.scenarios()) {
            out.println(s.name() + ":");
            s.observations().forEach(o -> out.println("  - " + o));
        }
        ScoreCommandCheck.Result sentiment = report.sentiment();
        out.printf("Sentiment: %d indexed posts (%d distinct texts) checked against backbeat score: %d differ %s%n",
                sentiment.posts(), sentiment.texts(), sentiment.mismatches(), sentiment.examples());
        out.println(report.proven() ? "PROVEN: 0 lost, 0 duplicated, every sentiment as backbeat score gives it"
                : "NOT PROVEN: see above");
    }
}
