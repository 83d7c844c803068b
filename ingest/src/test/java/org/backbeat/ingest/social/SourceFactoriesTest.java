package org.backbeat.ingest.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.backbeat.core.Catalogue;
import org.backbeat.ingest.bluesky.BlueskySourceFactory;
import org.backbeat.ingest.mastodon.MastodonSourceFactory;
import org.backbeat.ingest.source.Secrets;
import org.backbeat.ingest.source.Source;
import org.backbeat.ingest.source.SourceFactory;
import org.backbeat.ingest.twitter.TwitterSearchSource;
import org.backbeat.ingest.twitter.TwitterSourceFactory;
import org.backbeat.ingest.twitter.TwitterV2SearchSource;
import org.junit.jupiter.api.Test;

class SourceFactoriesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Catalogue catalogue = Catalogue.defaults();
    private final Secrets twitterSecrets = new Secrets(Map.of("TWITTER_CONSUMER_KEY", "ck-secret", "TWITTER_CONSUMER_SECRET", "cs-secret",
            "TWITTER_ACCESS_TOKEN", "at-secret", "TWITTER_ACCESS_TOKEN_SECRET", "ats-secret", "TWITTER_BEARER_TOKEN", "bearer-secret"));

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void the_three_twitter_types_split_the_default_catalogue_into_queries_within_the_limit() throws Exception {
        List<SourceFactory> factories = TwitterSourceFactory.all();
        assertThat(factories).extracting(SourceFactory::type).containsExactly("twitter-search", "twitter-stream", "twitter-v2-search");

        TwitterSearchSource search = (TwitterSearchSource) factories.get(0)
                .create(json("{\"type\":\"twitter-search\",\"interval\":\"90s\",\"filter\":\"-filter:retweets\"}"), catalogue, twitterSecrets).get(0);
        TwitterV2SearchSource v2 = (TwitterV2SearchSource) factories.get(2)
                .create(json("{\"type\":\"twitter-v2-search\",\"name\":\"x-recent\"}"), catalogue, twitterSecrets).get(0);

        assertThat(search.name()).isEqualTo("twitter-search");
        assertThat(search.pollInterval()).isEqualTo(Duration.ofSeconds(90));
        // the default catalogue's 138 terms: 6 v1.1 queries (URL-encoded, with the filter), 5 v2 queries (plain)
        assertThat(search.queries()).hasSize(6)
                .allSatisfy(q -> assertThat(java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8).length()).isLessThanOrEqualTo(500))
                .allSatisfy(q -> assertThat(q).endsWith(" -filter:retweets"));
        assertThat(search.queries().get(0)).startsWith("\"Universal Music Group\" OR \"Universal Music\" OR UMG OR ");
        assertThat(v2.name()).isEqualTo("x-recent");
        assertThat(v2.pollInterval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(v2.queries()).hasSize(5).allSatisfy(q -> assertThat(q.length()).isLessThanOrEqualTo(512));
    }

    @Test
    void a_missing_credential_names_the_variable_and_never_shows_a_secret() throws Exception {
        Secrets partial = new Secrets(Map.of("TWITTER_CONSUMER_KEY", "ck-secret"));

        assertThatThrownBy(() -> new TwitterSourceFactory("twitter-search").create(json("{\"type\":\"twitter-search\"}"), catalogue, partial))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TWITTER_CONSUMER_SECRET").hasMessageNotContaining("ck-secret");
        assertThatThrownBy(() -> new TwitterSourceFactory("twitter-v2-search").create(json("{\"type\":\"twitter-v2-search\"}"), catalogue, partial))
                .hasMessageContaining("TWITTER_BEARER_TOKEN");
        assertThatThrownBy(() -> new MastodonSourceFactory().create(
                json("{\"type\":\"mastodon\",\"instance\":\"mastodon.social\",\"stream\":true}"), catalogue, partial))
                .hasMessageContaining("MASTODON_ACCESS_TOKEN");
    }

    @Test
    void a_typo_or_a_wrong_value_is_refused_with_the_setting_named() throws Exception {
        assertThatThrownBy(() -> new MastodonSourceFactory().create(json("{\"type\":\"mastodon\",\"instance\":\"mastodon.social\",\"hashtag\":[\"x\"]}"),
                catalogue, twitterSecrets)).hasMessageContaining("unknown setting(s) [hashtag]");
        assertThatThrownBy(() -> new MastodonSourceFactory().create(json("{\"type\":\"mastodon\"}"), catalogue, twitterSecrets))
                .hasMessageContaining("'instance'");
        assertThatThrownBy(() -> new TwitterSourceFactory("twitter-search").create(json("{\"type\":\"twitter-search\",\"interval\":\"soon\"}"),
                catalogue, twitterSecrets)).hasMessageContaining("setting 'interval' must be a duration");
        assertThatThrownBy(() -> new BlueskySourceFactory().create(json("{\"type\":\"bluesky-jetstream\",\"url\":\"https://example.org\"}"),
                catalogue, twitterSecrets)).hasMessageContaining("ws:// or wss://");
    }

    @Test
    void mastodon_defaults_to_the_catalogue_hashtags_and_adds_one_stream_per_hashtag_with_a_token() throws Exception {
        Secrets token = new Secrets(Map.of("MASTODON_ACCESS_TOKEN", "tok"));

        List<Source> sources = new MastodonSourceFactory().create(
                json("{\"type\":\"mastodon\",\"instance\":\"https://fosstodon.org/\",\"hashtags\":[\"#Spotify\",\"umg\"],\"stream\":true}"), catalogue, token);
        List<Source> polling = new MastodonSourceFactory().create(json("{\"type\":\"mastodon\",\"instance\":\"mastodon.social\"}"), catalogue,
                new Secrets(Map.of()));

        assertThat(sources).extracting(Source::name)
                .containsExactly("mastodon:fosstodon.org", "mastodon:fosstodon.org:stream:Spotify", "mastodon:fosstodon.org:stream:umg");
        assertThat(sources.get(1).pollInterval()).isEqualTo(Duration.ZERO);
        assertThat(polling).extracting(Source::name).containsExactly("mastodon:mastodon.social");
        assertThat(polling.get(0).pollInterval()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void bluesky_needs_no_secret_and_streams() throws Exception {
        List<Source> sources = new BlueskySourceFactory().create(json("{\"type\":\"bluesky-jetstream\",\"keywords\":[\"vinyl\"]}"), catalogue,
                new Secrets(Map.of()));

        assertThat(sources).extracting(Source::name, Source::pollInterval)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("bluesky-jetstream", Duration.ZERO));
    }
}
