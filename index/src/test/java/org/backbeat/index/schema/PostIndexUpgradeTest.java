package org.backbeat.index.schema;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.backbeat.core.ScoredPost;
import org.backbeat.core.TextClusters;
import org.backbeat.index.testing.Fixtures;
import org.backbeat.index.testing.RealElasticsearch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A month indexed by an older version (strict mapping without the newer fields) keeps working after an upgrade. */
@ExtendWith(RealElasticsearch.class)
class PostIndexUpgradeTest {

    @Test
    void a_month_made_without_text_clusters_gains_the_field_and_indexes_and_finds_them(ElasticsearchClient client)
            throws IOException {
        // given a month created by the previous version: the same strict mapping, less textCluster
        PostIndex index = new PostIndex(client, "test-upgrade", 0);
        Map<String, Property> older = new HashMap<>(PostIndex.mapping().properties());
        older.remove(PostFields.TEXT_CLUSTER);
        String month = index.indexFor(java.time.YearMonth.of(2011, 3));
        client.indices().create(c -> c.index(month)
                .settings(s -> s.numberOfShards("1").numberOfReplicas("0"))
                .mappings(m -> m.dynamic(DynamicMapping.Strict).properties(older))
                .aliases(index.alias(), a -> a));

        // when this version starts
        boolean created = index.ensureCreated();

        // then the existing month has the field, and a post with its cluster is indexed and found by it
        assertThat(created).isFalse();
        Map<String, Property> mapped = client.indices().getMapping(g -> g.index(month)).result().get(month)
                .mappings().properties();
        assertThat(mapped.get(PostFields.TEXT_CLUSTER).isKeyword()).isTrue();
        ScoredPost post = Fixtures.posts().get(0);
        PostDocument document = PostDocument.from(post);
        assertThat(document.textCluster()).isEqualTo(TextClusters.of(post.post().fullText()));
        client.index(i -> i.index(month).id(document.id()).document(document));
        index.refresh();
        List<String> found = client.search(s -> s.index(index.alias())
                        .query(q -> q.term(t -> t.field(PostFields.TEXT_CLUSTER).value(document.textCluster()))),
                PostDocument.class).hits().hits().stream().map(h -> h.id()).toList();
        assertThat(found).containsExactly(document.id());
    }
}
