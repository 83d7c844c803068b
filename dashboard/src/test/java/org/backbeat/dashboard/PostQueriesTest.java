package org.backbeat.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.backbeat.core.ScoredPost;
import org.backbeat.core.health.HealthStatus;
import org.backbeat.index.schema.ElasticsearchHealthCheck;
import org.backbeat.index.schema.EsClients;
import org.backbeat.index.schema.PostDocument;
import org.backbeat.index.schema.PostIndex;
import org.backbeat.index.schema.SearchUnavailableException;
import org.backbeat.index.testing.Fixtures;
import org.backbeat.index.testing.RealElasticsearch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@ExtendWith(RealElasticsearch.class)
class PostQueriesTest {

    private static final String INDEX = "test-queries";
    private static final List<ScoredPost> POSTS = Fixtures.posts();
    private static PostIndex index;
    private static PostQueries queries;

    @BeforeAll
    static void indexTheFixtures(ElasticsearchClient client) throws IOException {
        index = new PostIndex(client, INDEX, 0);
        assertThat(index.ensureCreated()).isTrue();
        Fixtures.write(client, index, POSTS);
        queries = new PostQueries(index);
    }

    @Test
    void an_index_of_the_first_single_index_layout_stops_set_up_with_what_to_do(ElasticsearchClient client) throws IOException {
        // given the single index Backbeat 0.1 created for the alias
        client.indices().create(c -> c.index("test-old-layout-v1"));

        // when / then
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PostIndex(client, "test-old-layout", 0).ensureCreated())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("test-old-layout-v1").hasMessageContaining("Delete it");
        assertThat(client.indices().existsIndexTemplate(t -> t.name("test-old-layout-template")).value()).isFalse();
    }

    @Test
    void daily_series_of_an_entity_has_exact_counts_and_means_and_shows_empty_days() {
        // when
        List<PostQueries.SeriesBucket> buckets = queries.series("amazon", Interval.DAY, TimeRange.ALL);

        // then: 29 March has three posts (0.6, -0.4, 0.2), 31 March two (-0.8, -0.5), 4 April one (0.3)
        assertThat(buckets).extracting(PostQueries.SeriesBucket::time).containsExactly(
                day("2011-03-29"), day("2011-03-30"), day("2011-03-31"), day("2011-04-01"),
                day("2011-04-02"), day("2011-04-03"), day("2011-04-04"));
        assertThat(buckets).extracting(PostQueries.SeriesBucket::count).containsExactly(3L, 0L, 2L, 0L, 0L, 0L, 1L);
        assertThat(buckets.get(0).meanScore()).isCloseTo((0.6 - 0.4 + 0.2) / 3, within(1e-9));
        assertThat(buckets.get(1).meanScore()).isNull();
        assertThat(buckets.get(2).meanScore()).isCloseTo(-0.65, within(1e-9));
        assertThat(buckets.get(6).meanScore()).isCloseTo(0.3, within(1e-9));
    }

    @ParameterizedTest
    @EnumSource(Interval.class)
    void series_of_every_post_matches_an_independent_computation(Interval interval) {
        assertMatches(queries.series(null, interval, TimeRange.ALL), ExpectedSeries.of(POSTS, null, interval, TimeRange.ALL));
        assertMatches(queries.series("umg", interval, TimeRange.ALL), ExpectedSeries.of(POSTS, "umg", interval, TimeRange.ALL));
    }

    @Test
    void a_bounded_series_covers_the_whole_range_and_excludes_its_end() {
        // given a range from a day without posts to midnight of 2 April (exclusive)
        TimeRange range = new TimeRange(day("2011-03-27"), day("2011-04-02"));

        // when
        List<PostQueries.SeriesBucket> buckets = queries.series(null, Interval.DAY, range);

        // then: six days, the first empty, the post at exactly 2011-04-02T00:00Z left out
        assertThat(buckets).extracting(PostQueries.SeriesBucket::count).containsExactly(0L, 1L, 3L, 2L, 2L, 1L);
        assertMatches(buckets, ExpectedSeries.of(POSTS, null, Interval.DAY, range));
    }

    @Test
    void entity_summary_counts_posts_and_averages_scores_per_entity() {
        // when
        Map<String, PostQueries.EntityStats> stats = queries.entitySummary(TimeRange.ALL, 100);

        // then
        assertThat(stats.keySet()).containsExactlyInAnyOrder("amazon", "amazon-cloud-player", "amazon-cloud-drive",
                "umg", "spotify", "riaa", "sony-music");
        assertThat(stats.keySet()).first().isEqualTo("amazon"); // most mentioned first
        for (PostQueries.EntityStats s : stats.values()) {
            List<Double> scores = POSTS.stream().filter(p -> p.entities().contains(s.entity()))
                    .map(p -> p.sentiment().score()).toList();
            assertThat(s.count()).as(s.entity()).isEqualTo(scores.size());
            assertThat(s.meanScore()).as(s.entity())
                    .isCloseTo(scores.stream().mapToDouble(Double::doubleValue).average().orElseThrow(), within(1e-9));
        }
        assertThat(stats.get("amazon").count()).isEqualTo(6);
        assertThat(stats.get("amazon").meanScore()).isCloseTo((0.6 - 0.4 + 0.2 - 0.8 - 0.5 + 0.3) / 6, within(1e-9));
    }

    @Test
    void counts_all_posts_and_posts_about_one_entity() {
        assertThat(queries.count()).isEqualTo(12);
        assertThat(queries.count("umg")).isEqualTo(3);
        assertThat(queries.count("napster")).isZero();
    }

    @Test
    void finds_a_document_by_post_id() {
        ScoredPost expected = POSTS.get(3);

        assertThat(queries.find("rss:3a")).contains(PostDocument.from(expected));
        assertThat(queries.find("rss:3a").orElseThrow().sentiment().score()).isEqualTo(0.2);
        assertThat(queries.find("twitter:nope")).isEmpty();
    }

    @Test
    void creating_twice_is_harmless_and_the_mapping_rejects_unknown_fields(ElasticsearchClient client) {
        assertThat(index.ensureCreated()).isFalse();
        assertThat(index.indices()).contains(INDEX + "-2011.03", INDEX + "-2011.04");

        assertThatThrownBy(() -> client.index(i -> i.index(INDEX + "-2011.03").id("x").document(Map.of("id", "x", "surprise", 1))))
                .isInstanceOf(ElasticsearchException.class)
                .hasMessageContaining("strict_dynamic_mapping_exception");
    }

    @Test
    void dropping_old_months_deletes_their_indices_and_only_theirs(ElasticsearchClient client) throws IOException {
        // given posts in February, March and April 2011 in an index set of their own
        PostIndex retention = new PostIndex(client, "test-retention", 0);
        retention.ensureCreated();
        Fixtures.write(client, retention, List.of(
                Fixtures.post("twitter:feb", "2011-02-10T10:00:00Z", 0.1, "amazon"),
                Fixtures.post("twitter:mar", "2011-03-10T10:00:00Z", 0.2, "amazon"),
                Fixtures.post("twitter:apr", "2011-04-10T10:00:00Z", 0.3, "amazon")));

        // when the months before March are dropped
        List<String> dropped = retention.dropMonthsBefore(java.time.YearMonth.of(2011, 3));

        // then February's index is gone, the others and their posts stay
        assertThat(dropped).containsExactly("test-retention-2011.02");
        assertThat(retention.indices()).doesNotContain("test-retention-2011.02")
                .contains("test-retention-2011.03", "test-retention-2011.04");
        PostQueries remaining = new PostQueries(retention);
        assertThat(remaining.find("twitter:feb")).isEmpty();
        assertThat(remaining.find("twitter:mar")).isPresent();
        assertThat(remaining.count()).isEqualTo(2);
    }

    @Test
    void a_missing_index_is_reported_as_unavailable(ElasticsearchClient client) {
        PostQueries nowhere = new PostQueries(client, "test-no-such-index");

        assertThatThrownBy(() -> nowhere.series(null, Interval.DAY, TimeRange.ALL))
                .isInstanceOf(SearchUnavailableException.class)
                .hasMessageContaining("'test-no-such-index' does not exist");
        assertThatThrownBy(nowhere::count).isInstanceOf(SearchUnavailableException.class);
    }

    @Test
    void an_unreachable_server_is_reported_as_unavailable_and_unhealthy() throws IOException {
        try (ElasticsearchClient dead = EsClients.create(URI.create("http://127.0.0.1:" + freePort()))) {
            PostQueries queries = new PostQueries(dead, INDEX);

            assertThatThrownBy(() -> queries.find("twitter:2"))
                    .isInstanceOf(SearchUnavailableException.class)
                    .hasMessageStartingWith("Elasticsearch is unreachable");
            HealthStatus health = new ElasticsearchHealthCheck(dead, Duration.ofSeconds(1)).check();
            assertThat(health.up()).isFalse();
            assertThat(health.detail()).startsWith("unreachable");
        }
    }

    @Test
    void the_health_check_reports_the_real_server_up(ElasticsearchClient client) {
        HealthStatus health = new ElasticsearchHealthCheck(client).check();

        assertThat(health.up()).as(health.detail()).isTrue();
        assertThat(health.detail()).matches("cluster backbeat-local is (green|yellow), 1 node\\(s\\)");
    }

    static void assertMatches(List<PostQueries.SeriesBucket> actual, List<PostQueries.SeriesBucket> expected) {
        assertThat(actual).extracting(PostQueries.SeriesBucket::time)
                .containsExactlyElementsOf(expected.stream().map(PostQueries.SeriesBucket::time).toList());
        assertThat(actual).extracting(PostQueries.SeriesBucket::count)
                .containsExactlyElementsOf(expected.stream().map(PostQueries.SeriesBucket::count).toList());
        for (int i = 0; i < actual.size(); i++) {
            Double want = expected.get(i).meanScore();
            if (want == null) {
                assertThat(actual.get(i).meanScore()).as("bucket %s", actual.get(i).time()).isNull();
            } else {
                assertThat(actual.get(i).meanScore()).as("bucket %s", actual.get(i).time()).isCloseTo(want, within(1e-9));
            }
        }
    }

    static Instant day(String date) {
        return Instant.parse(date + "T00:00:00Z");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
