package org.backbeat.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.CountRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.backbeat.index.schema.PostIndex;
import org.backbeat.index.testing.Fixtures;
import org.backbeat.index.testing.RealElasticsearch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealElasticsearch.class)
class RetentionTest {

    /** "Now" is 10 June 2011: keeping 2 months besides the current one keeps April, May and June. */
    private static final Clock JUNE_2011 = Clock.fixed(Instant.parse("2011-06-10T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void the_dry_run_lists_the_months_before_the_kept_ones_and_apply_drops_exactly_those(ElasticsearchClient client)
            throws Exception {
        // given posts published in January, March, April, May and June 2011, one monthly index each
        PostIndex index = new PostIndex(client, "test-retention", 0, JUNE_2011);
        index.ensureCreated();
        Fixtures.write(client, index, List.of(
                Fixtures.post("rss:rt-jan", "2011-01-31T23:59:59Z", 0.1, "amazon"),
                Fixtures.post("rss:rt-mar", "2011-03-15T00:00:00Z", 0.2, "amazon"),
                Fixtures.post("rss:rt-apr", "2011-04-01T00:00:00Z", 0.3, "amazon"),
                Fixtures.post("rss:rt-may", "2011-05-20T00:00:00Z", 0.4, "amazon"),
                Fixtures.post("rss:rt-jun", "2011-06-09T00:00:00Z", 0.5, "amazon")));
        index.refresh();
        Retention retention = new Retention(index, 2, JUNE_2011);

        // when the dry run is asked
        List<String> expired = retention.expired();

        // then January and March are listed, oldest first, and nothing is deleted yet
        assertThat(retention.oldestKept()).hasToString("2011-04");
        assertThat(expired).containsExactly("test-retention-2011.01", "test-retention-2011.03");
        assertThat(count(client, "test-retention")).isEqualTo(5);

        // when applied
        List<String> dropped = retention.apply();

        // then exactly those indices are gone, the posts of April to June still found through the alias
        assertThat(dropped).isEqualTo(expired);
        assertThat(index.indices()).containsExactly("test-retention-2011.04", "test-retention-2011.05", "test-retention-2011.06");
        assertThat(count(client, "test-retention")).isEqualTo(3);
        assertThat(retention.expired()).isEmpty();
        assertThat(retention.apply()).isEmpty();
    }

    @Test
    void other_indices_matching_the_prefix_but_not_a_month_are_left_alone(ElasticsearchClient client) throws Exception {
        PostIndex index = new PostIndex(client, "test-keep-other", 0, JUNE_2011);
        index.ensureCreated();
        client.indices().create(c -> c.index("test-keep-other-archive"));

        assertThat(new Retention(index, 1, JUNE_2011).apply()).isEmpty();
        assertThat(client.indices().exists(e -> e.index("test-keep-other-archive")).value()).isTrue();
    }

    @Test
    void keeping_no_month_besides_the_current_one_is_refused() {
        assertThatThrownBy(() -> new Retention(null, 0, JUNE_2011)).hasMessageContaining("at least 1");
    }

    private static long count(ElasticsearchClient client, String alias) throws Exception {
        return client.count(CountRequest.of(c -> c.index(alias))).count();
    }
}
