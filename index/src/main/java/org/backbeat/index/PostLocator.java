package org.backbeat.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the concrete monthly index a post lives in, through the read alias: what a delete needs, since a
 * tombstone has no publication time and the minimal distribution has no {@code _delete_by_query}. Refreshes the
 * alias first, so a post indexed a moment ago (not yet searchable) is found too.
 */
final class PostLocator {

    private final ElasticsearchClient client;
    private final String alias;

    PostLocator(ElasticsearchClient client, String alias) {
        this.client = client;
        this.alias = alias;
    }

    /**
     * @return for each id found, the index holding it (ids found nowhere are absent)
     * @throws BulkWriter.UnavailableException Elasticsearch cannot answer now: retry the batch later
     */
    Map<String, String> locate(Set<String> ids) throws BulkWriter.UnavailableException {
        if (ids.isEmpty()) {
            return Map.of();
        }
        try {
            client.indices().refresh(r -> r.index(alias).allowNoIndices(true).ignoreUnavailable(true));
            List<Hit<Void>> hits = client.search(s -> s
                    .index(alias)
                    .allowNoIndices(true)
                    .ignoreUnavailable(true)
                    .size(ids.size() * 2) // a post moved between months would show twice
                    .source(src -> src.fetch(false))
                    .query(q -> q.ids(i -> i.values(List.copyOf(ids)))), Void.class).hits().hits();
            Map<String, String> found = new HashMap<>();
            for (Hit<Void> hit : hits) {
                found.putIfAbsent(hit.id(), hit.index());
            }
            return found;
        } catch (ElasticsearchException | IOException e) {
            throw new BulkWriter.UnavailableException("cannot look up the indices of " + ids.size()
                    + " posts to delete: " + e.getMessage());
        }
    }
}
