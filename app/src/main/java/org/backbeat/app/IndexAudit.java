package org.backbeat.app;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.backbeat.index.schema.PostFields;

/**
 * What Elasticsearch holds after a run, against what was sent: the fault proof's and the load run's verdict.
 * {@link #read} pages through every document of the posts alias (sorted by post id); {@link #compare} says how
 * many sent ids are missing, how many documents are extra copies, and how many ids were never sent.
 */
final class IndexAudit {

    private static final int PAGE = 5_000;

    private IndexAudit() {
    }

    /** One indexed post: its id, text and sentiment ({@code label} null when unscored). */
    record IndexedPost(String id, String text, String label, double score) {
    }

    /**
     * The verdict.
     *
     * @param unique     distinct ids sent
     * @param documents  documents in the alias ({@code _count}: a post indexed twice, in two indices, counts twice)
     * @param lost       ids sent but not indexed
     * @param duplicated documents beyond one per id
     * @param unexpected ids indexed but never sent
     */
    record Result(long unique, long documents, long lost, long duplicated, long unexpected) {

        boolean exact() {
            return lost == 0 && duplicated == 0 && unexpected == 0;
        }
    }

    /** Compares the ids sent with the ids found (one entry per document found) and the documents counted. */
    static Result compare(Set<String> sent, List<String> found, long documents) {
        Set<String> distinctFound = new HashSet<>(found);
        long lost = sent.stream().filter(id -> !distinctFound.contains(id)).count();
        long unexpected = distinctFound.stream().filter(id -> !sent.contains(id)).count();
        long duplicated = Math.max(documents, found.size()) - distinctFound.size();
        return new Result(sent.size(), documents, lost, duplicated, unexpected);
    }

    /** The number of documents in {@code alias}, after a refresh (what a search sees now). */
    static long count(ElasticsearchClient client, String alias) throws IOException {
        client.indices().refresh(r -> r.index(alias));
        return client.count(c -> c.index(alias)).count();
    }

    /** Every document of {@code alias}: id, text and sentiment (with {@code withText} false: ids only, faster). */
    static List<IndexedPost> read(ElasticsearchClient client, String alias, boolean withText) throws IOException {
        client.indices().refresh(r -> r.index(alias));
        List<IndexedPost> posts = new ArrayList<>();
        List<FieldValue> after = null;
        while (true) {
            List<FieldValue> from = after;
            SearchResponse<ObjectNode> page = client.search(s -> {
                s.index(alias).size(PAGE).trackTotalHits(t -> t.enabled(false))
                        .sort(o -> o.field(f -> f.field(PostFields.ID).order(SortOrder.Asc)));
                if (withText) {
                    s.source(src -> src.filter(f -> f.includes(PostFields.ID, "text", "sentiment")));
                } else {
                    s.source(src -> src.fetch(false));
                }
                if (from != null) {
                    s.searchAfter(from);
                }
                return s;
            }, ObjectNode.class);
            List<Hit<ObjectNode>> hits = page.hits().hits();
            for (Hit<ObjectNode> hit : hits) {
                ObjectNode source = hit.source();
                if (source == null) {
                    posts.add(new IndexedPost(hit.id(), null, null, 0));
                } else {
                    var sentiment = source.path("sentiment");
                    posts.add(new IndexedPost(hit.id(), source.path("text").asText(null),
                            sentiment.path("label").asText(null), sentiment.path("score").asDouble()));
                }
            }
            if (hits.size() < PAGE) {
                return posts;
            }
            after = hits.get(hits.size() - 1).sort();
        }
    }
}
