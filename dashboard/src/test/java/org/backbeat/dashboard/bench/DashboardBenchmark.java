package org.backbeat.dashboard.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.backbeat.core.Catalogue;
import org.backbeat.core.ScoredPost;
import org.backbeat.dashboard.DashboardApp;
import org.backbeat.dashboard.DashboardConfig;
import org.backbeat.dashboard.PostQueries;
import org.backbeat.dashboard.events.AdminToken;
import org.backbeat.dashboard.events.EventStore;
import org.backbeat.dashboard.events.EventsConfig;
import org.backbeat.index.schema.EsClients;
import org.backbeat.index.schema.PostDocument;
import org.backbeat.index.schema.PostIndex;
import org.backbeat.infra.LocalElasticsearch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The dashboard's latency benchmark: fills the posts indices with {@code backbeat.bench.posts} (default 1,000,000)
 * simulated posts over 2011 (bulk, two requests in flight), starts the app, and measures the main API queries over
 * HTTP one at a time: p50, p95 and max of {@code backbeat.bench.requests} requests each, after a warm-up. Runs only
 * when {@code backbeat.bench=true}: {@code scripts/bench-dashboard.sh}. Writes {@code target/bench-dashboard.md}.
 */
@EnabledIfSystemProperty(named = "backbeat.bench", matches = "true")
class DashboardBenchmark {

    static final String INDEX = "bench-posts";
    static final int BULK = 5_000;
    /** Distinct impact requests (event × window) measured before the answers come from the app's cache. */
    static final int DISTINCT_IMPACTS = 36;
    static final String[][] IMPACT_EVENTS = {
            {"2011-03-29-amazon-cloud-drive-and-cloud-player-launch", "amazon"},
            {"2011-05-10-google-music-beta-launch", "google"},
            {"2011-06-06-icloud-and-itunes-match-announced", "apple"},
            {"2011-07-14-spotify-us-launch", "spotify"},
            {"2011-08-22-emi-v-mp3tunes-summary-judgment", "emi"},
            {"2011-11-11-universal-to-buy-emi-recorded-music", "umg"}};

    @Test
    void measure() throws Exception {
        int posts = Integer.getInteger("backbeat.bench.posts", 1_000_000);
        int requests = Integer.getInteger("backbeat.bench.requests", 200);
        if (requests <= DISTINCT_IMPACTS) {
            // the impact case's first DISTINCT_IMPACTS requests are computed, the rest cached: both need requests
            throw new IllegalArgumentException("REQUESTS (backbeat.bench.requests) must be more than " + DISTINCT_IMPACTS
                    + ", the impact case's distinct estimates; got " + requests);
        }
        int heap = Integer.getInteger("backbeat.bench.es-heap-mb", 1536);
        Path work = Files.createTempDirectory("backbeat-bench-es-");
        try (LocalElasticsearch es = LocalElasticsearch.start(LocalElasticsearch.Settings.of(LocalElasticsearch.defaultHome(), work)
                .withHeapMb(heap).withStartTimeout(Duration.ofMinutes(5))); // a loaded shared machine starts it slowly
             ElasticsearchClient client = EsClients.create(es.httpUri(), Duration.ofSeconds(5), Duration.ofMinutes(2))) {
            PostIndex index = new PostIndex(client, INDEX, 0);
            index.ensureCreated();
            // the twelve months up front, not refreshed while they fill (a bulk load's usual setting), then as configured
            for (int m = 1; m <= 12; m++) {
                String month = index.indexFor(java.time.YearMonth.of(2011, m));
                if (!client.indices().exists(x -> x.index(month)).value()) {
                    client.indices().create(c -> c.index(month));
                }
            }
            client.indices().putSettings(s -> s.index(INDEX + "-2011.*").settings(x -> x.refreshInterval(r -> r.time("-1"))));
            long t0 = System.nanoTime();
            fill(client, index, new BenchPosts(42, posts));
            client.indices().putSettings(s -> s.index(INDEX + "-2011.*").settings(x -> x.refreshInterval(r -> r.time("1s"))));
            index.refresh();
            double fillSeconds = (System.nanoTime() - t0) / 1e9;
            PostQueries queries = new PostQueries(index);
            System.out.printf(Locale.ROOT, "Indexed %d posts in %.1f s (%.0f posts/s); %d in the alias; indices %s%n",
                    posts, fillSeconds, posts / fillSeconds, queries.count(), index.indices().size());

            EventStore events = new EventStore(client, new EventsConfig("bench-events", 0));
            events.ensureCreatedAndSeeded();
            DashboardApp app = new DashboardApp(DashboardConfig.defaults().withIndex(INDEX), Catalogue.defaults(), queries,
                    events, AdminToken.none(), List.of());
            String base = "http://127.0.0.1:" + app.start(0);
            try {
                Map<String, IntFunction<String>> cases = cases();
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                StringBuilder table = new StringBuilder("| query | example | p50 ms | p95 ms | max ms |\n|---|---|---|---|---|\n");
                for (var c : cases.entrySet()) {
                    boolean impact = c.getKey().startsWith("impact");
                    for (int i = 0; i < 20 && !impact; i++) {
                        call(http, base + c.getValue().apply(i + 10_000)); // warm-up, with requests not measured later
                    }
                    double[] ms = new double[requests];
                    for (int i = 0; i < requests; i++) {
                        long s = System.nanoTime();
                        call(http, base + c.getValue().apply(i));
                        ms[i] = (System.nanoTime() - s) / 1e6;
                    }
                    if (impact) {
                        double[] computed = Arrays.copyOf(ms, DISTINCT_IMPACTS);
                        Arrays.sort(computed);
                        String row = String.format(Locale.ROOT, "| %s, computed (first %d requests, distinct) | `%s` | %.1f | %.1f | %.1f |%n",
                                c.getKey(), DISTINCT_IMPACTS, c.getValue().apply(0), percentile(computed, 50), percentile(computed, 95),
                                computed[computed.length - 1]);
                        System.out.print(row);
                        table.append(row);
                        ms = Arrays.copyOfRange(ms, DISTINCT_IMPACTS, ms.length);
                    }
                    Arrays.sort(ms);
                    String row = String.format(Locale.ROOT, "| %s%s | `%s` | %.1f | %.1f | %.1f |%n", c.getKey(),
                            impact ? ", repeated within a minute (cached)" : "",
                            c.getValue().apply(0), percentile(ms, 50), percentile(ms, 95), ms[ms.length - 1]);
                    System.out.print(row);
                    table.append(row);
                }
                table.append(ImpactPaths.compare(queries, events, IMPACT_EVENTS, DISTINCT_IMPACTS));
                String report = String.format(Locale.ROOT, "%d posts, indexed in %.1f s (%.0f posts/s), %d requests per query, "
                        + "Elasticsearch heap %d MB, measured %s%n%n%s", posts, fillSeconds, posts / fillSeconds, requests, heap,
                        Instant.now(), table);
                Files.writeString(Path.of("target", "bench-dashboard.md"), report);
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

    /** The main queries, each varying its entity and dates with the request number. */
    private static Map<String, IntFunction<String>> cases() {
        String[] e = BenchPosts.ENTITIES;
        String[][] events = IMPACT_EVENTS;
        Map<String, IntFunction<String>> cases = new LinkedHashMap<>();
        cases.put("series, entity per day, ~1 year", i -> "/api/series?entity=" + e[i % e.length]
                + "&interval=day&from=" + java.time.LocalDate.parse("2011-01-01").plusDays(i / e.length % 60)
                + "&to=" + java.time.LocalDate.parse("2012-01-01").minusDays(i / e.length / 60 % 60));
        cases.put("series, all posts per hour, one week", i -> "/api/series?interval=hour&from=" + day(i) + "&to=" + day(i + 7));
        cases.put("share of voice, 30 days", i -> "/api/share-of-voice?" + month(i).substring(1));
        cases.put("top posts, most negative, entity, 30 days", i -> "/api/top-posts?entity=" + e[i % e.length]
                + "&ranking=negative&size=10" + month(i));
        cases.put("top posts, most engaged, 30 days", i -> "/api/top-posts?ranking=engaged&size=10" + month(i));
        cases.put("topics, entity, 30 days", i -> "/api/topics?entity=" + e[i % e.length] + month(i));
        cases.put("drill-down, entity, one day", i -> "/api/posts?entity=" + e[i % e.length] + "&size=20&from=" + day(i)
                + "&to=" + day(i + 1));
        // the app keeps an impact answer for a minute: 6 events x windows of 5 to 10 days are 36 distinct estimates,
        // so the first 36 requests of this case are computed and the rest answered from the cache (see the doc)
        cases.put("impact, event, 5-10 day windows", i -> "/api/impact?event=" + events[i % events.length][0] + "&entity="
                + events[i % events.length][1] + "&window=" + ImpactPaths.window(i));
        return cases;
    }

    /** {@code &from=&to=}: 30 days from day {@code i % 330} of 2011 (distinct for every request up to 330). */
    private static String month(int i) {
        java.time.LocalDate start = java.time.LocalDate.parse("2011-01-01").plusDays(i % 330);
        return "&from=" + start + "&to=" + start.plusDays(30);
    }

    private static java.time.LocalDate day(int i) {
        return java.time.LocalDate.parse("2011-01-03").plusDays(i % 350);
    }


    private static void call(HttpClient http, String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " -> " + response.statusCode() + " " + response.body());
        }
    }

    private static double percentile(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    /** Bulk requests of {@value #BULK} posts, two in flight. */
    static void fill(ElasticsearchClient client, PostIndex index, BenchPosts generator) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> inFlight = new ArrayList<>();
            for (int from = 0; from < generator.total(); from += BULK) {
                int start = from;
                int end = Math.min(generator.total(), from + BULK);
                inFlight.add(pool.submit(() -> {
                    BulkRequest.Builder b = new BulkRequest.Builder();
                    for (int i = start; i < end; i++) {
                        ScoredPost p = generator.post(i);
                        PostDocument doc = PostDocument.from(p);
                        b.operations(op -> op.index(x -> x.index(index.indexFor(doc.publishedAt())).id(doc.id()).document(doc)));
                    }
                    BulkResponse response = client.bulk(b.build());
                    if (response.errors()) {
                        throw new IllegalStateException("bulk failed: " + response.items().stream()
                                .filter(it -> it.error() != null).findFirst().orElseThrow().error());
                    }
                    return null;
                }));
                if (inFlight.size() >= 4) {
                    inFlight.remove(0).get();
                }
                if (start % 100_000 == 0) {
                    System.out.println("indexed up to " + start);
                }
            }
            for (Future<?> f : inFlight) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
