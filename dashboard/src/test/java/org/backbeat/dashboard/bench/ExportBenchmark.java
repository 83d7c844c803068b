package org.backbeat.dashboard.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.backbeat.core.Catalogue;
import org.backbeat.dashboard.DashboardApp;
import org.backbeat.dashboard.DashboardConfig;
import org.backbeat.dashboard.PostQueries;
import org.backbeat.dashboard.events.AdminToken;
import org.backbeat.dashboard.events.EventStore;
import org.backbeat.dashboard.events.EventsConfig;
import org.backbeat.dashboard.export.ExportedPost;
import org.backbeat.dashboard.export.PostsExporter;
import org.backbeat.index.schema.EsClients;
import org.backbeat.index.schema.PostIndex;
import org.backbeat.infra.LocalElasticsearch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The posts export's benchmark ({@code scripts/bench-export.sh}): fills the posts indices with
 * {@code backbeat.bench.posts} simulated posts, then, in the same run and alternating, (a) a bare point-in-time +
 * {@code search_after} read of the export's fields with the export's sort and page size, nothing written, and
 * (b) the export of every post through {@code GET /api/export/posts.csv} over real HTTP (the client counts the bytes
 * and drops them). Reports rows/s of both and their ratio, the time to the first byte of the export, and the most
 * heap the JVM used while exporting (sampled every 10 ms; run with {@code -Xmx256m}, so an export that needed more
 * would fail). Writes {@code target/bench-export.md}.
 */
@EnabledIfSystemProperty(named = "backbeat.bench", matches = "true")
class ExportBenchmark {

    static final String INDEX = "bench-export";

    @Test
    void measure() throws Exception {
        int posts = Integer.getInteger("backbeat.bench.posts", 1_000_000);
        int heap = Integer.getInteger("backbeat.bench.es-heap-mb", 1024);
        int rounds = Integer.getInteger("backbeat.bench.rounds", 2);
        Path work = Files.createTempDirectory("backbeat-bench-es-");
        try (LocalElasticsearch es = LocalElasticsearch.start(LocalElasticsearch.Settings.of(LocalElasticsearch.defaultHome(), work)
                .withHeapMb(heap));
             ElasticsearchClient client = EsClients.create(es.httpUri(), Duration.ofSeconds(5), Duration.ofMinutes(2))) {
            PostIndex index = new PostIndex(client, INDEX, 0);
            index.ensureCreated();
            for (int m = 1; m <= 12; m++) {
                String month = index.indexFor(java.time.YearMonth.of(2011, m));
                if (!client.indices().exists(x -> x.index(month)).value()) {
                    client.indices().create(c -> c.index(month));
                }
            }
            client.indices().putSettings(s -> s.index(INDEX + "-2011.*").settings(x -> x.refreshInterval(r -> r.time("-1"))));
            long t0 = System.nanoTime();
            DashboardBenchmark.fill(client, index, new BenchPosts(42, posts));
            client.indices().putSettings(s -> s.index(INDEX + "-2011.*").settings(x -> x.refreshInterval(r -> r.time("1s"))));
            index.refresh();
            client.indices().forcemerge(f -> f.index(INDEX + "-*").maxNumSegments(1L));
            double fillSeconds = (System.nanoTime() - t0) / 1e9;
            PostQueries queries = new PostQueries(index);
            long total = queries.count();
            System.out.printf(Locale.ROOT, "Indexed %d posts in %.1f s; %d in the alias%n", posts, fillSeconds, total);

            // not "bench-export-...": the posts template's pattern would put it in the alias
            EventStore events = new EventStore(client, new EventsConfig("bench-csv-events", 0));
            events.ensureCreatedAndSeeded();
            DashboardApp app = new DashboardApp(DashboardConfig.defaults().withIndex(INDEX), Catalogue.defaults(), queries,
                    events, AdminToken.none(), List.of());
            String base = "http://127.0.0.1:" + app.start(0);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            PostsExporter.Settings settings = PostsExporter.Settings.DEFAULTS;
            StringBuilder runs = new StringBuilder("| round | bare read rows/s | export rows/s | ratio | export MB | max heap used MB |\n"
                    + "|---|---|---|---|---|---|\n");
            double bareSum = 0;
            double exportSum = 0;
            long maxHeap = 0;
            try {
                for (int round = 1; round <= rounds; round++) {
                    long t = System.nanoTime();
                    long bareRows = bareRead(client, INDEX, settings);
                    double bare = bareRows / ((System.nanoTime() - t) / 1e9);

                    HeapSampler sampler = new HeapSampler();
                    t = System.nanoTime();
                    long[] bytesAndRows = export(http, base + "/api/export/posts.csv");
                    double exported = bytesAndRows[1] / ((System.nanoTime() - t) / 1e9);
                    long heapUsed = sampler.stop();
                    maxHeap = Math.max(maxHeap, heapUsed);
                    if (bareRows != total || bytesAndRows[1] != total) {
                        throw new IllegalStateException("rows: bare " + bareRows + ", export " + bytesAndRows[1] + ", expected " + total);
                    }
                    bareSum += bare;
                    exportSum += exported;
                    String row = String.format(Locale.ROOT, "| %d | %,.0f | %,.0f | %.2f | %.0f | %d |%n", round, bare, exported,
                            exported / bare, bytesAndRows[0] / 1e6, heapUsed / (1 << 20));
                    System.out.print(row);
                    runs.append(row);
                }
                double[] ttfb = new double[7];
                for (int i = 0; i < ttfb.length; i++) {
                    ttfb[i] = firstByteMillis(http, base + "/api/export/posts.csv?entity=" + BenchPosts.ENTITIES[i % BenchPosts.ENTITIES.length]);
                }
                Arrays.sort(ttfb);
                String report = String.format(Locale.ROOT, "%,d posts (indexed in %.1f s), JVM max heap %d MB, Elasticsearch heap %d MB, "
                        + "page sizes %d then %d, measured %s%n%n%s%nMean of the rounds: bare %,.0f rows/s, export %,.0f rows/s, ratio %.2f; "
                        + "most heap used during an export: %d MB.%n"
                        + "Time to first byte (7 exports, one per entity, read to the first byte then dropped): median %.0f ms, max %.0f ms.%n",
                        total, fillSeconds, Runtime.getRuntime().maxMemory() / (1 << 20), heap, settings.firstPage(), settings.pageSize(),
                        Instant.now(), runs, bareSum / rounds, exportSum / rounds, exportSum / bareSum, maxHeap / (1 << 20),
                        ttfb[ttfb.length / 2], ttfb[ttfb.length - 1]);
                Files.writeString(Path.of("target", "bench-export.md"), report);
                System.out.println(report);
            } finally {
                app.stop();
            }
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Every post's export fields through a point in time and search_after, as the exporter reads them, nothing written. */
    static long bareRead(ElasticsearchClient client, String index, PostsExporter.Settings settings) throws Exception {
        String pit = client.openPointInTime(o -> o.index(index).keepAlive(k -> k.time("2m"))).id();
        long rows = 0;
        try {
            List<FieldValue> after = null;
            int size = settings.firstPage();
            while (true) {
                List<FieldValue> from = after;
                String id = pit;
                int pageSize = size;
                SearchResponse<ExportedPost> r = client.search(s -> {
                    s.pit(p -> p.id(id).keepAlive(k -> k.time("2m"))).size(pageSize).trackTotalHits(t -> t.enabled(false))
                            .source(src -> src.filter(f -> f.includes(ExportedPost.FIELDS)))
                            .sort(o -> o.field(f -> f.field("publishedAt").order(SortOrder.Asc)))
                            .sort(o -> o.field(f -> f.field("_shard_doc").order(SortOrder.Asc)));
                    if (from != null) {
                        s.searchAfter(from);
                    }
                    return s;
                }, ExportedPost.class);
                List<Hit<ExportedPost>> hits = r.hits().hits();
                rows += hits.size();
                if (r.pitId() != null) {
                    pit = r.pitId();
                }
                if (hits.size() < pageSize) {
                    return rows;
                }
                after = hits.get(hits.size() - 1).sort();
                size = settings.pageSize();
            }
        } finally {
            String id = pit;
            client.closePointInTime(c -> c.id(id));
        }
    }

    /** Reads the whole export; returns its bytes and its rows (lines after the header). */
    static long[] export(HttpClient http, String url) throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("export answered " + response.statusCode());
        }
        long bytes = 0;
        long lines = 0;
        boolean quoted = false;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = response.body()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                bytes += n;
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (b == '"') {
                        quoted = !quoted;
                    } else if (b == '\n' && !quoted) {
                        lines++;
                    }
                }
            }
        }
        return new long[] {bytes, lines - 1};
    }

    static double firstByteMillis(HttpClient http, String url) throws Exception {
        long t = System.nanoTime();
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            if (in.read() < 0) {
                throw new IllegalStateException("empty export");
            }
            return (System.nanoTime() - t) / 1e6;
        }
    }

    /** The most heap in use, sampled every 10 ms from its start to {@link #stop()}. */
    static final class HeapSampler {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong max = new AtomicLong();
        private final Thread thread;

        HeapSampler() {
            List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            thread = new Thread(() -> {
                while (running.get()) {
                    long used = pools.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
                    max.accumulateAndGet(used, Math::max);
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        long stop() throws InterruptedException {
            running.set(false);
            thread.join();
            return max.get();
        }
    }
}
