package org.backbeat.index.testing;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.backbeat.index.schema.PostDocument;
import org.backbeat.index.schema.PostIndex;

/**
 * What the index holds, read through the alias as the dashboard reads it: the writer's tests check the
 * indexer with it without depending on the dashboard's queries.
 */
public final class IndexedPosts {

    private final ElasticsearchClient client;
    private final String alias;

    public IndexedPosts(PostIndex index) {
        this.client = index.client();
        this.alias = index.alias();
    }

    /** How many posts are indexed. */
    public long count() {
        try {
            return client.count(c -> c.index(alias)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The indexed document of a post, if there is one (searched across the monthly indices: needs a refresh). */
    public Optional<PostDocument> find(String id) {
        try {
            return client.search(s -> s.index(alias).size(1).query(q -> q.ids(i -> i.values(id))), PostDocument.class)
                    .hits().hits().stream().map(Hit::source).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
