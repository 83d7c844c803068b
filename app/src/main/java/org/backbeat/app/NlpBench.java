package org.backbeat.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.backbeat.core.Catalogue;
import org.backbeat.core.KafkaConfig;
import org.backbeat.core.KafkaProps;
import org.backbeat.core.Post;
import org.backbeat.core.Topics;
import org.backbeat.infra.LocalKafka;
import org.backbeat.nlp.train.Csv;
import org.backbeat.nlp.pipeline.NlpConfig;
import org.backbeat.nlp.pipeline.NlpService;
import org.backbeat.nlp.pipeline.PerThreadScorer;
import org.backbeat.nlp.pipeline.PostAnalyzer;
import org.backbeat.nlp.sentiment.Scorer;
import org.backbeat.nlp.sentiment.Scorers;

/**
 * Throughput of the bare scorer against the same texts through the scoring topology on the real
 * in-process broker, in one run: 1 and 2 threads, and a stream where 30% of the posts repeat an earlier
 * text (cross-posts and retweets). Also the heap the scorer needs, measured after a GC with the models loaded.
 */
final class NlpBench {

    static final String AIRLINE_TWEETS = "twitter_us_airline_sentiment/Tweets.csv";

    /** A measured rate: items per wall-clock second and per CPU-second of this process. */
    record Rate(double perSecond, double perCpuSecond, double perWorkerCpuSecond) {
        @Override
        public String toString() {
            return String.format("%.1f/s (%.1f per process CPU-s, %.1f per CPU-s of the working threads)", perSecond, perCpuSecond,
                    perWorkerCpuSecond);
        }
    }

    /** Counts the texts the scorer really analyses or scores, to show what the cache saved. */
    static final class CountingScorer implements Scorer {
        private final Scorer inner;
        final java.util.concurrent.atomic.AtomicLong calls = new java.util.concurrent.atomic.AtomicLong();

        CountingScorer(Scorer inner) {
            this.inner = inner;
        }

        @Override
        public org.backbeat.core.Sentiment score(String text) {
            calls.incrementAndGet();
            return inner.score(text);
        }

        @Override
        public org.backbeat.nlp.sentiment.TextSentiment analyse(String text) {
            calls.incrementAndGet();
            return inner.analyse(text);
        }

        @Override
        public String model() {
            return inner.model();
        }
    }

    /** Bench settings. */
    record Settings(Path data, Path workDir, int texts, int warmup, double duplicateShare, int partitions) {
    }

    private final Settings settings;
    private final PrintStream out;

    NlpBench(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    void run() throws Exception {
        List<String> all = airlineTexts(settings.data().resolve(AIRLINE_TWEETS));
        List<String> warmup = all.subList(0, settings.warmup());
        List<String> unique = all.subList(settings.warmup(), settings.warmup() + settings.texts());
        List<Post> uniquePosts = posts(unique, 0, new Random(1));
        List<Post> duplicatePosts = posts(unique, settings.duplicateShare(), new Random(1));
        long distinct = duplicatePosts.stream().map(p -> PostAnalyzer.textKey("m", p.fullText())).distinct().count();

        out.printf("NLP benchmark: %d airline tweets (after %d warm-up), %d partitions, %d cores, JDK %s%n",
                settings.texts(), settings.warmup(), settings.partitions(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));

        long heapBefore = usedHeapAfterGc();
        PerThreadScorer scorer = new PerThreadScorer(Scorers::standard);
        long heapModels = usedHeapAfterGc();
        out.printf("heap used after GC: %d MB before loading, %d MB with the models loaded (%s)%n",
                heapBefore >> 20, heapModels >> 20, scorer.model());

        bare(scorer, warmup, 2); // JIT warm-up, both threads' pipelines
        bare(scorer, warmup, 1);
        Rate[] bareBefore = {bare(scorer, unique, 1), bare(scorer, unique, 2)};
        out.printf("bare scorer.score(text), before the topology runs: 1 thread %s, 2 threads %s%n", bareBefore[0], bareBefore[1]);

        Path dir = settings.workDir();
        Rate[] topo = new Rate[2];
        Rate[] dup = new Rate[2];
        try (LocalKafka kafka = LocalKafka.start(dir.resolve("kafka"), 0)) {
            // Warm-up of the broker, the Streams code and the JIT on the warm-up texts, not timed.
            topology(kafka, scorer, "warmup", posts(warmup, settings.duplicateShare(), new Random(2)), 2);
            for (int threads = 1; threads <= 2; threads++) {
                topo[threads - 1] = topology(kafka, scorer, "unique-" + threads, uniquePosts, threads);
                dup[threads - 1] = topology(kafka, scorer, "dup-" + threads, duplicatePosts, threads);
                out.printf("topology, %d thread(s): unique texts %s, with repeated texts %s%n", threads, topo[threads - 1], dup[threads - 1]);
            }
        }
        Rate[] bareAfter = {bare(scorer, unique, 1), bare(scorer, unique, 2)};
        out.printf("bare scorer.score(text), after the topology runs: 1 thread %s, 2 threads %s%n", bareAfter[0], bareAfter[1]);

        out.printf("%nRatios against the bare scorer on the same threads (bare: mean of the runs before and after).%n"
                + "Per CPU-second is what a shared machine can compare. Process CPU includes the in-process broker and this%n"
                + "bench's reader; the working threads are the scoring workers (bare) or the Streams threads (topology).%n");
        out.printf("%n| run | threads | posts/s | x bare | per process CPU-s | x bare | per CPU-s of the working threads | x bare |%n"
                + "|---|---|---|---|---|---|---|---|%n");
        for (int t = 0; t < 2; t++) {
            double wall = (bareBefore[t].perSecond() + bareAfter[t].perSecond()) / 2;
            double cpu = (bareBefore[t].perCpuSecond() + bareAfter[t].perCpuSecond()) / 2;
            double work = (bareBefore[t].perWorkerCpuSecond() + bareAfter[t].perWorkerCpuSecond()) / 2;
            out.printf("| bare scorer (before / after) | %d | %.1f / %.1f | 1.00 | %.1f / %.1f | 1.00 | %.1f / %.1f | 1.00 |%n", t + 1,
                    bareBefore[t].perSecond(), bareAfter[t].perSecond(), bareBefore[t].perCpuSecond(), bareAfter[t].perCpuSecond(),
                    bareBefore[t].perWorkerCpuSecond(), bareAfter[t].perWorkerCpuSecond());
            for (Rate[] rates : List.of(topo, dup)) {
                Rate r = rates[t];
                String what = rates == topo ? "topology, unique texts" : String.format("topology, %.0f%% repeated texts (%d distinct of %d)",
                        settings.duplicateShare() * 100, distinct, duplicatePosts.size());
                out.printf("| %s | %d | %.1f | %.2f | %.1f | %.2f | %.1f | %.2f |%n", what, t + 1, r.perSecond(), r.perSecond() / wall,
                        r.perCpuSecond(), r.perCpuSecond() / cpu, r.perWorkerCpuSecond(), r.perWorkerCpuSecond() / work);
            }
        }
        out.printf("%nheap used after GC at the end (scorer + in-process broker + clients): %d MB%n", usedHeapAfterGc() >> 20);
    }

    /** Texts per second of {@code scorer.score} over {@code texts} on {@code threads} threads. */
    private static Rate bare(Scorer scorer, List<String> texts, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        java.util.concurrent.atomic.AtomicLong workerCpu = new java.util.concurrent.atomic.AtomicLong();
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    long mine = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                    for (int i = next.getAndIncrement(); i < texts.size(); i = next.getAndIncrement()) {
                        scorer.score(texts.get(i));
                    }
                    workerCpu.addAndGet(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - mine);
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Rate(texts.size() / seconds, texts.size() / ((processCpuNanos() - cpuStart) / 1e9),
                texts.size() / (workerCpu.get() / 1e9));
    }

    /**
     * Posts per second through the topology: all posts are on posts.raw before the app starts; timed from
     * the app reaching RUNNING to the broker's append time of the last scored post.
     */
    private Rate topology(LocalKafka kafka, Scorer scorer, String name, List<Post> posts, int threads) throws Exception {
        Topics topics = Topics.named(name + ".raw", name + ".scored", name + ".dlq", settings.partitions());
        // The output topic stamps records with the broker's append time, so the last post's time of arrival
        // is known exactly, whatever the reading consumer's own start-up and poll delays.
        try (Admin admin = Admin.create(KafkaProps.admin(kafka.bootstrapServers(), "bench-admin"))) {
            List<NewTopic> created = topics.newTopics();
            created.stream().filter(t -> t.name().equals(topics.scored().name()))
                    .forEach(t -> t.configs(Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime")));
            admin.createTopics(created).all().get(30, TimeUnit.SECONDS);
        }
        Properties producerProps = KafkaProps.producer(kafka.bootstrapServers(), "bench-" + name);
        // Just-created partitions answer NOT_LEADER at first; with pipelined batches the idempotent producer's
        // retries then loop on OutOfOrderSequence (KAFKA-18202). One request in flight avoids it.
        producerProps.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps, new StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            for (Post p : posts) {
                producer.send(new ProducerRecord<>(topics.raw().name(), p.id(), topics.raw().valueSerde().serializer().serialize(null, p)));
            }
            producer.flush();
        }
        KafkaConfig config = new KafkaConfig(kafka.bootstrapServers(), topics);
        CountingScorer counting = new CountingScorer(scorer);
        PostAnalyzer analyzer = PostAnalyzer.standard(Catalogue.defaults(), counting, Clock.systemUTC());
        NlpConfig nlp = new NlpConfig("bench-" + name, threads, settings.workDir().resolve("streams-" + name));
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                KafkaProps.consumer(kafka.bootstrapServers(), "bench-reader-" + name), new StringDeserializer(), new ByteArrayDeserializer());
             NlpService service = new NlpService(analyzer, config, nlp, Clock.systemUTC())) {
            consumer.subscribe(List.of(topics.scored().name(), topics.deadLetter().name()));
            service.start();
            if (!service.awaitRunning(Duration.ofSeconds(120))) {
                throw new IllegalStateException("the topology did not reach RUNNING: " + service.state());
            }
            long cpuStart = processCpuNanos();
            long startMillis = System.currentTimeMillis();
            long lastAppend = startMillis;
            int seen = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
            while (seen < posts.size() && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(100))) {
                    seen++;
                    if (record.topic().equals(topics.scored().name())) {
                        lastAppend = Math.max(lastAppend, record.timestamp());
                    }
                }
            }
            double seconds = (lastAppend - startMillis) / 1e3;
            double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
            double streamCpuSeconds = streamThreadsCpuNanos() / 1e9;
            if (seen < posts.size()) {
                throw new IllegalStateException(name + ": only " + seen + " of " + posts.size() + " posts came out");
            }
            out.printf("  %s: %d posts, %d scorer calls (texts and clauses scored), %.1f s, process CPU %.1f s, stream threads' CPU %.1f s%n",
                    name, posts.size(), counting.calls.get(), seconds, cpuSeconds, streamCpuSeconds);
            return new Rate(posts.size() / seconds, posts.size() / cpuSeconds, posts.size() / streamCpuSeconds);
        }
    }

    /**
     * Posts for the texts; with {@code duplicateShare} > 0 that share of the posts repeat an earlier text,
     * half as identical cross-posts, half as retweets ("RT @user: text", with repostOf set).
     */
    static List<Post> posts(List<String> texts, double duplicateShare, Random random) {
        List<Post> posts = new ArrayList<>();
        int t = 0;
        Instant at = Instant.parse("2015-02-24T11:00:00Z");
        for (int i = 0; i < texts.size(); i++) {
            String id = "bench:" + i;
            Post post;
            if (i > 10 && random.nextDouble() < duplicateShare) {
                int of = random.nextInt(i);
                Post original = posts.get(of);
                String text = original.text();
                post = random.nextBoolean()
                        ? Post.of(id, "bench", at.plusSeconds(i), "user" + i, null, text, null, "en")
                        : Post.of(id, "bench", at.plusSeconds(i), "user" + i, null, "RT @user" + of + ": " + text, null, "en")
                                .withLinks(null, original.id(), null);
            } else {
                post = Post.of(id, "bench", at.plusSeconds(i), "user" + i, null, texts.get(t++), null, "en");
            }
            posts.add(post);
        }
        return posts;
    }

    static List<String> airlineTexts(Path csv) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            List<List<String>> rows = Csv.parse(in);
            int column = rows.get(0).indexOf("text");
            List<String> texts = new ArrayList<>();
            for (List<String> row : rows.subList(1, rows.size())) {
                if (row.size() > column && !row.get(column).isBlank()) {
                    texts.add(row.get(column));
                }
            }
            return texts;
        }
    }

    /**
     * CPU time of the live Streams threads (stream threads and their producers' network threads), since they
     * started: each run's app is new, so that is this run's Streams work without the in-process broker.
     */
    private static long streamThreadsCpuNanos() {
        var threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains("StreamThread")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    /** CPU time this process has used, all threads. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getUsed();
    }
}
