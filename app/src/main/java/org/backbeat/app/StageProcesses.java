package org.backbeat.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.backbeat.core.Json;
import org.backbeat.core.KafkaProps;
import org.backbeat.core.Topics;
import org.backbeat.core.TopicAdmin;
import org.backbeat.index.IndexConfig;
import org.backbeat.infra.LocalElasticsearch;
import org.backbeat.infra.LocalKafka;
import org.backbeat.infra.PortCheck;
import org.backbeat.nlp.pipeline.NlpConfig;

/**
 * The production layout on one machine, for the fault proof and the load run: the local broker and
 * Elasticsearch, {@code n} {@code backbeat nlp} processes sharing one application id (each with its own
 * {@code instance-id} and state directory, as docker-compose's scaled service), one {@code backbeat index}
 * process; each can be killed ({@code kill -9}) and started again, Elasticsearch stopped and started again on
 * the same port and data. Also what an operator would look at: the consumer group's assignment, lag, the index
 * process's {@code /health}, and each process's resident memory.
 */
final class StageProcesses implements AutoCloseable {

    /**
     * @param workDir      Kafka log, Elasticsearch data, one state directory per nlp instance
     * @param nlpInstances scoring processes
     * @param nlpThreads   stream threads per scoring process
     * @param nlpHeap      their heap option, e.g. {@code -Xmx1500m}
     * @param esHeapMb     Elasticsearch heap
     * @param sessionTimeout the processes' Kafka session timeout ({@link KafkaProps#SESSION_TIMEOUT_ENV}), how long
     *                     a killed process keeps its partitions; null: Kafka's default (45 s)
     */
    record Layout(Path workDir, int nlpInstances, int nlpThreads, String nlpHeap, int esHeapMb, Duration sessionTimeout) {

        /** The environment every process of the layout gets, besides its own settings. */
        Map<String, String> env(Map<String, String> own) {
            Map<String, String> env = new LinkedHashMap<>(own);
            if (sessionTimeout != null) {
                env.put(KafkaProps.SESSION_TIMEOUT_ENV, String.valueOf(sessionTimeout.toMillis()));
            }
            return env;
        }
    }

    private static final Duration START_TIMEOUT = Duration.ofMinutes(10);

    private final Layout settings;
    private final PrintStream log;
    private final LocalKafka kafka;
    private final Admin admin;
    private final int indexHealthPort = PortCheck.freePort();
    private final Map<String, JavaProcess> nlp = new TreeMap<>();
    /** Instances killed on purpose and not started again yet. */
    private final Set<String> killed = new java.util.HashSet<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Topics topics = Topics.withPartitions(Topics.DEFAULT_PARTITIONS);
    private LocalElasticsearch elasticsearch;
    private URI elasticsearchUri;
    private JavaProcess index;

    private StageProcesses(Layout settings, PrintStream log, LocalKafka kafka) {
        this.settings = settings;
        this.log = log;
        this.kafka = kafka;
        this.admin = Admin.create(KafkaProps.admin(kafka.bootstrapServers(), "backbeat-proof-admin"));
    }

    /** Starts the broker, Elasticsearch, the nlp processes (waiting until each owns partitions) and the index process. */
    static StageProcesses start(Layout settings, PrintStream log) throws Exception {
        Files.createDirectories(settings.workDir());
        StageProcesses stages = new StageProcesses(settings, log, LocalKafka.start(settings.workDir().resolve("kafka"), 0));
        try {
            TopicAdmin.ensureTopics(stages.kafka.bootstrapServers(), stages.topics.newTopics(), TopicAdmin.DEFAULT_TIMEOUT);
            stages.startElasticsearch(0);
            for (int i = 1; i <= settings.nlpInstances(); i++) {
                stages.startNlp("nlp-" + i);
            }
            stages.awaitGroup("every nlp instance owns partitions", () -> stages.assignment().keySet().equals(stages.nlp.keySet())
                    && stages.assignment().values().stream().noneMatch(Set::isEmpty));
            stages.startIndex();
            return stages;
        } catch (Exception | Error e) {
            stages.close();
            throw e;
        }
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    Topics topics() {
        return topics;
    }

    URI elasticsearchUri() {
        return elasticsearchUri;
    }

    Set<String> nlpInstances() {
        return nlp.keySet();
    }

    // ----- the processes

    /** Starts (or starts again) the scoring process with this instance id, with its own state directory. */
    void startNlp(String instance) throws IOException {
        Map<String, String> env = settings.env(Map.of(
                org.backbeat.core.Settings.envName(NlpConfig.INSTANCE_ID), instance,
                org.backbeat.core.Settings.envName(NlpConfig.THREADS), String.valueOf(settings.nlpThreads())));
        nlp.put(instance, JavaProcess.backbeat(settings.nlpHeap(), env, "nlp", "--kafka", kafka.bootstrapServers(),
                "--work-dir", settings.workDir().resolve(instance).toString()));
        killed.remove(instance);
        log.printf("  started %s (pid %d)%n", instance, nlp.get(instance).pid());
    }

    /** {@code kill -9} of one scoring process. */
    void killNlp(String instance) throws InterruptedException {
        JavaProcess process = nlp.get(instance);
        killed.add(instance);
        process.kill(30);
        log.printf("  kill -9 %s (pid %d)%n", instance, process.pid());
    }

    void startIndex() throws IOException {
        index = JavaProcess.backbeat("-Xmx512m",
                settings.env(Map.of(org.backbeat.core.Settings.envName(IndexConfig.HEALTH_PORT), String.valueOf(indexHealthPort))),
                "index", "--kafka", kafka.bootstrapServers(), "--elasticsearch", elasticsearchUri.toString());
        log.printf("  started index (pid %d), health on :%d%n", index.pid(), indexHealthPort);
    }

    void killIndex() throws InterruptedException {
        index.kill(30);
        log.printf("  kill -9 index (pid %d)%n", index.pid());
    }

    /** Starts Elasticsearch with this work directory's data; port 0 picks one, else the same port as before. */
    void startElasticsearch(int port) {
        LocalElasticsearch.Settings es = LocalElasticsearch.Settings.of(LocalElasticsearch.defaultHome(),
                settings.workDir().resolve("elasticsearch")).withHeapMb(settings.esHeapMb())
                .withStartTimeout(Duration.ofMinutes(10)); // a 2-core machine shared with other builds can take minutes
        elasticsearch = LocalElasticsearch.start(port == 0 ? es : es.withHttpPort(port));
        elasticsearchUri = elasticsearch.httpUri();
        log.printf("  Elasticsearch up at %s%n", elasticsearchUri);
    }

    /** Stops Elasticsearch (SIGTERM, as an outage or an upgrade does); returns its port for the restart. */
    int stopElasticsearch() {
        elasticsearch.close();
        log.printf("  Elasticsearch stopped%n");
        return elasticsearchUri.getPort();
    }

    // ----- what an operator looks at

    /** The index process's {@code GET /health} body, or null while it does not answer. */
    JsonNode indexHealth() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + indexHealthPort + "/health")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return Json.mapper().readTree(response.body());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * The scoring group's members by instance id (static membership: Streams names each thread's consumer
     * {@code <instance>-<thread>}) and the partitions each owns, of {@code posts.raw} and the repartition topic.
     */
    Map<String, Set<TopicPartition>> assignment() {
        Map<String, Set<TopicPartition>> byInstance = new TreeMap<>();
        for (MemberDescription member : members()) {
            byInstance.computeIfAbsent(instanceOf(member), k -> new TreeSet<>(java.util.Comparator.comparing(TopicPartition::toString)))
                    .addAll(member.assignment().topicPartitions());
        }
        return byInstance;
    }

    /**
     * The member ids of an instance's consumers. A static member killed with {@code kill -9} stays in the group,
     * partitions and all, until its session times out; its restarted process joins under a new member id, so a
     * change of these ids, not the presence of the instance, says the restart has rejoined.
     */
    Set<String> memberIds(String instance) {
        Set<String> ids = new TreeSet<>();
        for (MemberDescription member : members()) {
            if (instanceOf(member).equals(instance)) {
                ids.add(member.consumerId());
            }
        }
        return ids;
    }

    private static String instanceOf(MemberDescription member) {
        return member.groupInstanceId().map(id -> id.substring(0, id.lastIndexOf('-'))).orElse(member.clientId());
    }

    private java.util.Collection<MemberDescription> members() {
        try {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(NlpConfig.DEFAULT_APPLICATION_ID))
                    .all().get(10, TimeUnit.SECONDS).get(NlpConfig.DEFAULT_APPLICATION_ID);
            return group.members();
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** The assignment as "nlp-1: posts.raw-0, ...; nlp-2: ..." for the report. */
    static String describe(Map<String, Set<TopicPartition>> assignment) {
        StringBuilder text = new StringBuilder();
        assignment.forEach((instance, partitions) -> text.append(text.isEmpty() ? "" : "; ").append(instance).append(": ")
                .append(partitions.stream().filter(p -> !p.topic().contains("repartition")).map(p -> String.valueOf(p.partition()))
                        .sorted().reduce((a, b) -> a + "," + b).map(s -> "posts.raw " + s).orElse("no posts.raw"))
                .append(" (+").append(partitions.stream().filter(p -> p.topic().contains("repartition")).count())
                .append(" repartition)"));
        return text.toString();
    }

    /** Records of {@code topic} the consumer group has not committed yet (read_committed end offsets). */
    long lag(String group, String topic) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            for (int p = 0; p < topics.partitions(); p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(10, TimeUnit.SECONDS);
            long lag = 0;
            for (var end : ends.entrySet()) {
                OffsetAndMetadata done = committed.get(end.getKey());
                lag += Math.max(0, end.getValue().offset() - (done == null ? 0 : done.offset()));
            }
            return lag;
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Scoring lag: {@code posts.raw} records the nlp group has not committed. */
    long scoringLag() {
        return lag(NlpConfig.DEFAULT_APPLICATION_ID, topics.raw().name());
    }

    /** Indexing lag: {@code posts.scored} records the indexer has not committed. */
    long indexingLag() {
        return lag(IndexConfig.DEFAULT_GROUP, topics.scored().name());
    }

    /**
     * Resident memory of each process, in bytes: every nlp instance, the index process, Elasticsearch (its whole
     * process tree) and this JVM (which holds the broker and the generator).
     */
    Map<String, Long> residentMemory() {
        Map<String, Long> rss = new LinkedHashMap<>();
        nlp.forEach((instance, process) -> rss.put(instance, ResidentMemory.of(process.process().toHandle())));
        rss.put("index", index == null ? 0 : ResidentMemory.of(index.process().toHandle()));
        rss.put("elasticsearch", elasticsearch == null ? 0 : ResidentMemory.of(elasticsearch.process()));
        rss.put("kafka+driver", ResidentMemory.of(ProcessHandle.current()));
        return rss;
    }

    /** Waits until {@code condition} holds (polled each second), or fails saying what did not happen. */
    void awaitGroup(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            for (Map.Entry<String, JavaProcess> e : nlp.entrySet()) {
                // a process that died by itself (not one this run killed: killNlp waits for the exit and startNlp
                // replaces it) will not come back: say so now, with its output, instead of after the timeout
                if (!e.getValue().isAlive() && !killed.contains(e.getKey())) {
                    List<String> lines = e.getValue().output();
                    throw new IllegalStateException(e.getKey() + " exited by itself (code " + e.getValue().process().exitValue()
                            + ") while waiting for: " + what + "; its output: " + lines.subList(Math.max(0, lines.size() - 20), lines.size()));
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not within " + START_TIMEOUT.toMinutes() + " min: " + what
                        + "; group now " + describe(assignment()) + "; nlp output tails: " + tails());
            }
            Thread.sleep(1_000);
        }
    }

    private String tails() {
        StringBuilder text = new StringBuilder();
        nlp.forEach((instance, process) -> {
            List<String> lines = process.output();
            text.append("\n").append(instance).append(": ").append(lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        });
        return text.toString();
    }

    @Override
    public void close() {
        for (JavaProcess process : nlp.values()) {
            closeQuietly(process);
        }
        if (index != null) {
            closeQuietly(index);
        }
        admin.close(Duration.ofSeconds(5));
        if (elasticsearch != null) {
            elasticsearch.close();
        }
        kafka.close();
    }

    private static void closeQuietly(JavaProcess process) {
        try {
            process.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
