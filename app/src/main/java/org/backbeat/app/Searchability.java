package org.backbeat.app;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * End-to-end latency of probe posts: from the moment a post is handed to the {@code posts.raw} producer to the
 * moment a search finds it in Elasticsearch. A thread asks for the pending probes every
 * {@value #POLL_MILLIS} ms with an {@code ids} query (a search, not a real-time get: "searchable" means after
 * a refresh), so a latency is known to within that interval.
 */
final class Searchability implements AutoCloseable {

    static final long POLL_MILLIS = 250;
    private static final int IDS_PER_QUERY = 1_000;
    private static final Logger log = LoggerFactory.getLogger(Searchability.class);

    private final ElasticsearchClient client;
    private final String alias;
    private final Map<String, Long> pending = new ConcurrentHashMap<>();
    private final List<Long> latenciesMillis = new CopyOnWriteArrayList<>();
    private final Thread poller;
    private volatile boolean closed;

    Searchability(ElasticsearchClient client, String alias) {
        this.client = client;
        this.alias = alias;
        this.poller = new Thread(this::poll, "searchability-probes");
        poller.setDaemon(true);
        poller.start();
    }

    /** A probe post was just sent. */
    void sent(String id) {
        pending.putIfAbsent(id, System.nanoTime());
    }

    /** Latencies of the probes found so far, in ms. */
    List<Long> latenciesMillis() {
        return List.copyOf(latenciesMillis);
    }

    int pending() {
        return pending.size();
    }

    private void poll() {
        while (!closed) {
            try {
                List<String> ids = new ArrayList<>(pending.keySet());
                for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
                    List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY));
                    var found = client.search(s -> s.index(alias).size(chunk.size()).source(src -> src.fetch(false))
                            .query(q -> q.ids(i -> i.values(chunk))), ObjectNode.class).hits().hits();
                    long now = System.nanoTime();
                    for (Hit<ObjectNode> hit : found) {
                        Long sentAt = pending.remove(hit.id());
                        if (sentAt != null) {
                            latenciesMillis.add((now - sentAt) / 1_000_000);
                        }
                    }
                }
            } catch (Exception e) {
                log.debug("probe search failed (Elasticsearch down?): {}", e.toString());
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        poller.interrupt();
    }
}
