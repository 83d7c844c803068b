package org.backbeat.dashboard;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The posts index: its name, its mapping, and creating it. Everything reads and writes through the alias
 * ({@code backbeat-posts}); the concrete index behind it is {@code backbeat-posts-v1}, so a later mapping
 * change can build {@code -v2} beside it and move the alias.
 *
 * <p>The mapping is strict and needs nothing the minimal distribution lacks: keywords, dates, numbers and
 * {@code text} with the {@code standard} analyzer.
 */
public final class PostIndex {

    private static final Logger log = LoggerFactory.getLogger(PostIndex.class);
    static final String VERSION_SUFFIX = "-v1";

    private final ElasticsearchClient client;
    private final String alias;
    private final int replicas;

    public PostIndex(ElasticsearchClient client, String alias, int replicas) {
        this.client = client;
        this.alias = alias;
        this.replicas = replicas;
    }

    public PostIndex(ElasticsearchClient client, DashboardConfig config) {
        this(client, config.index(), config.replicas());
    }

    public ElasticsearchClient client() {
        return client;
    }

    /** The name to read and write through. */
    public String alias() {
        return alias;
    }

    /** The concrete index the alias points at. */
    public String indexName() {
        return alias + VERSION_SUFFIX;
    }

    /**
     * Creates the index and its alias unless the alias (or an index of that name) already exists.
     *
     * @return whether this call created it
     * @throws SearchUnavailableException when Elasticsearch cannot be reached or refuses
     */
    public boolean ensureCreated() {
        try {
            if (client.indices().exists(e -> e.index(alias)).value()) {
                return false;
            }
            client.indices().create(c -> c
                    .index(indexName())
                    .aliases(alias, a -> a.isWriteIndex(true))
                    .settings(s -> s.numberOfShards("1").numberOfReplicas(Integer.toString(replicas)))
                    .mappings(mapping()));
            log.info("Created Elasticsearch index {} with alias {}", indexName(), alias);
            return true;
        } catch (ElasticsearchException e) {
            if ("resource_already_exists_exception".equals(e.error().type())) {
                return false; // another process won the race
            }
            throw new SearchUnavailableException("cannot create index " + indexName() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new SearchUnavailableException("cannot reach Elasticsearch to create index " + indexName()
                    + ": " + e.getMessage(), e);
        }
    }

    /** Makes everything indexed so far visible to searches (tests, tools; the server refreshes every second anyway). */
    public void refresh() {
        try {
            client.indices().refresh(r -> r.index(alias));
        } catch (IOException e) {
            throw new SearchUnavailableException("cannot reach Elasticsearch to refresh " + alias + ": " + e.getMessage(), e);
        }
    }

    /** The strict mapping of {@link PostDocument}. */
    static TypeMapping mapping() {
        return TypeMapping.of(m -> m
                .dynamic(DynamicMapping.Strict)
                .properties("id", p -> p.keyword(k -> k))
                .properties("source", p -> p.keyword(k -> k))
                .properties("publishedAt", p -> p.date(d -> d))
                .properties("author", p -> p.keyword(k -> k))
                .properties("headline", p -> p.text(t -> t.analyzer("standard")))
                .properties("text", p -> p.text(t -> t.analyzer("standard")))
                .properties("url", p -> p.keyword(k -> k.index(false)))
                .properties("lang", p -> p.keyword(k -> k))
                .properties("entities", p -> p.keyword(k -> k))
                .properties("sentiment", p -> p.object(o -> o
                        .properties("label", q -> q.keyword(k -> k))
                        // double, not float: means over many posts are compared to the last decimal
                        .properties("score", q -> q.double_(d -> d))
                        .properties("confidence", q -> q.float_(f -> f))))
                .properties("model", p -> p.keyword(k -> k))
                .properties("scoredAt", p -> p.date(d -> d)));
    }
}
