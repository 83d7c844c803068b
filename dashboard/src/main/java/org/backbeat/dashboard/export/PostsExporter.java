package org.backbeat.dashboard.export;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.Time;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every post matching a query, oldest first, through a point in time on the read alias and
 * {@code search_after} (never {@code from}/{@code size} deep paging, never scroll), and hands each page to a
 * {@link PageSink} as it arrives. Memory is two pages at most, whatever the number of posts: while one page is
 * being written, the next one is being read (one reader thread per export).
 *
 * <p>The point in time is closed at the end, when Elasticsearch fails ({@link ExportFailedException}) and when the
 * sink fails: a sink that throws (the HTTP client went away) stops the reads at once. The first page is small, so
 * the first rows leave quickly; the others are {@link Settings#pageSize()} posts.
 */
public final class PostsExporter {

    private static final Logger log = LoggerFactory.getLogger(PostsExporter.class);
    static final String TIME = "publishedAt";
    static final String SHARD_DOC = "_shard_doc";

    /**
     * @param firstPage size of the first page (the time to the first byte grows with it)
     * @param pageSize  size of the following pages (at most 10,000, Elasticsearch's window)
     * @param keepAlive how long the point in time lives between two pages
     */
    public record Settings(int firstPage, int pageSize, Duration keepAlive) {
        public static final Settings DEFAULTS = new Settings(500, 2_000, Duration.ofMinutes(2));

        public Settings {
            if (firstPage < 1 || pageSize < 1 || pageSize > 10_000 || firstPage > 10_000) {
                throw new IllegalArgumentException("export page sizes must be from 1 to 10000, were " + firstPage + " and " + pageSize);
            }
            if (keepAlive == null || keepAlive.toSeconds() < 1) {
                throw new IllegalArgumentException("export keep-alive must be at least a second, was " + keepAlive);
            }
        }

        public Settings withPageSize(int newFirst, int newPageSize) {
            return new Settings(newFirst, newPageSize, keepAlive);
        }
    }

    /** Where pages go. Throwing stops the export (and the reads). */
    @FunctionalInterface
    public interface PageSink {
        void accept(List<ExportedPost> page) throws IOException;
    }

    private final ElasticsearchClient client;
    private final String alias;
    private final Settings settings;

    public PostsExporter(ElasticsearchClient client, String alias, Settings settings) {
        this.client = client;
        this.alias = alias;
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * How many posts match {@code query} (for a progress bar).
     *
     * @throws ExportFailedException when Elasticsearch cannot answer
     */
    public long count(Query query) {
        try {
            return client.count(c -> c.index(alias).query(query)).count();
        } catch (IOException | RuntimeException e) {
            throw new ExportFailedException("Elasticsearch could not count the posts to export: " + e.getMessage(), e);
        }
    }

    /**
     * Streams the posts matching {@code query} to {@code sink}, page by page, oldest first.
     *
     * @return how many posts were handed to the sink
     * @throws ExportFailedException when Elasticsearch fails before or during the export
     * @throws IOException           what the sink threw (e.g. the client went away); the reads have stopped
     */
    public long export(Query query, PageSink sink) throws IOException {
        try (Cursor cursor = open(query)) {
            return cursor.drain(sink);
        }
    }

    /**
     * Opens a point in time and reads the first page, so that a failure to reach Elasticsearch is known before
     * anything is written (an HTTP answer can still be a clean 503). The caller must close the cursor.
     *
     * @throws ExportFailedException when Elasticsearch cannot open the point in time or answer the first page
     */
    public Cursor open(Query query) {
        String pit = openPit();
        try {
            return new Cursor(query, read(pit, query, null, settings.firstPage()));
        } catch (RuntimeException e) {
            close(pit);
            throw e;
        }
    }

    /** An export under way: a point in time and the page read last. */
    public final class Cursor implements AutoCloseable {
        private final Query query;
        private final ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "export-reader");
            t.setDaemon(true);
            return t;
        });
        private Page page;
        private String pit;
        private boolean closed;

        private Cursor(Query query, Page first) {
            this.query = query;
            this.page = first;
            this.pit = first.pit();
        }

        /**
         * Hands every page to the sink, the next one being read while the last one is written.
         *
         * @return how many posts were handed over
         */
        public long drain(PageSink sink) throws IOException {
            CompletableFuture<Page> next = null;
            long rows = 0;
            try {
                while (true) {
                    pit = page.pit();
                    boolean last = page.hits() < page.size();
                    if (!last) {
                        String pitNow = pit;
                        List<FieldValue> after = page.after();
                        next = CompletableFuture.supplyAsync(() -> read(pitNow, query, after, settings.pageSize()), reader);
                    }
                    if (!page.posts().isEmpty()) {
                        sink.accept(page.posts());
                        rows += page.posts().size();
                    }
                    if (last) {
                        return rows;
                    }
                    page = await(next);
                    next = null;
                }
            } finally {
                if (next != null) {
                    next.cancel(true);
                }
            }
        }

        /** Stops the reader and closes the point in time (once). */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            reader.shutdownNow();
            PostsExporter.this.close(pit);
        }
    }

    /** One page: its posts, the sort values to continue after, the (possibly renewed) point in time id. */
    private record Page(List<ExportedPost> posts, int hits, List<FieldValue> after, String pit, int size) {
    }

    private String openPit() {
        try {
            return client.openPointInTime(o -> o.index(alias).keepAlive(keepAlive())).id();
        } catch (IOException | RuntimeException e) {
            throw new ExportFailedException("Elasticsearch could not open a point in time on " + alias + ": " + e.getMessage(), e);
        }
    }

    private Page read(String pit, Query query, List<FieldValue> after, int size) {
        SearchResponse<ExportedPost> response;
        try {
            response = client.search(s -> {
                s.pit(p -> p.id(pit).keepAlive(keepAlive()))
                        .size(size)
                        .query(query)
                        .trackTotalHits(t -> t.enabled(false))
                        .source(src -> src.filter(f -> f.includes(ExportedPost.FIELDS)))
                        .sort(so -> so.field(f -> f.field(TIME).order(SortOrder.Asc)))
                        .sort(so -> so.field(f -> f.field(SHARD_DOC).order(SortOrder.Asc)));
                if (after != null) {
                    s.searchAfter(after);
                }
                return s;
            }, ExportedPost.class);
        } catch (IOException | RuntimeException e) {
            throw new ExportFailedException("Elasticsearch failed while the export was being read: " + e.getMessage(), e);
        }
        if (response.shards() != null && !response.shards().failures().isEmpty()) {
            throw new ExportFailedException("Elasticsearch failed on " + response.shards().failed() + " shard(s) mid-export: "
                    + response.shards().failures().get(0).reason().reason(), null);
        }
        List<Hit<ExportedPost>> hits = response.hits().hits();
        List<ExportedPost> posts = new ArrayList<>(hits.size());
        for (Hit<ExportedPost> hit : hits) {
            if (hit.source() != null) {
                posts.add(hit.source());
            }
        }
        List<FieldValue> last = hits.isEmpty() ? after : hits.get(hits.size() - 1).sort();
        String id = response.pitId() == null ? pit : response.pitId();
        return new Page(posts, hits.size(), last, id, size);
    }

    private static Page await(CompletableFuture<Page> future) throws IOException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ExportFailedException failed) {
                throw failed;
            }
            throw new ExportFailedException("the export reader failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("export interrupted");
        } catch (CancellationException e) {
            throw new java.io.InterruptedIOException("export cancelled");
        }
    }

    private void close(String pit) {
        try {
            client.closePointInTime(c -> c.id(pit));
        } catch (IOException | RuntimeException e) {
            // it expires after the keep-alive anyway
            log.warn("Could not close the export's point in time (it expires in {}): {}", settings.keepAlive(), e.toString());
        }
    }

    private Time keepAlive() {
        return Time.of(t -> t.time(settings.keepAlive().toSeconds() + "s"));
    }
}
