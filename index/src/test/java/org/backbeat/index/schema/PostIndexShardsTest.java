package org.backbeat.index.schema;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.util.Map;
import org.backbeat.core.Settings;
import org.backbeat.index.testing.RealElasticsearch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealElasticsearch.class)
class PostIndexShardsTest {

    @Test
    void es_shards_sets_the_primary_shards_of_each_new_monthly_index(ElasticsearchClient client) throws Exception {
        // given es.shards=3
        PostIndexConfig config = PostIndexConfig.from(Settings.of(Map.of("es.index", "test-shards", "es.shards", "3")));

        // when the indices are set up
        PostIndex index = new PostIndex(client, config);
        index.ensureCreated();

        // then the month created has three primaries
        String month = index.indices().get(0);
        String shards = client.indices().getSettings(g -> g.index(month)).get(month).settings().index().numberOfShards();
        assertThat(shards).isEqualTo("3");
    }

    @Test
    void one_shard_per_month_by_default() {
        assertThat(PostIndexConfig.defaults().shards()).isEqualTo(1);
    }
}
