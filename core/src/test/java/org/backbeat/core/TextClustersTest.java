package org.backbeat.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextClustersTest {

    private static final String HEADLINE = "Amazon launches Cloud Drive without label licences";

    @Test
    void retweets_copies_with_links_mentions_case_and_spacing_share_one_cluster() {
        String original = TextClusters.of(HEADLINE);

        assertThat(TextClusters.of("RT @techcrunch: " + HEADLINE)).isEqualTo(original);
        assertThat(TextClusters.of("RT @a: RT @b: " + HEADLINE + " http://t.co/xyz")).isEqualTo(original);
        assertThat(TextClusters.of("  AMAZON launches   Cloud Drive\nwithout label licences @someone ")).isEqualTo(original);
        assertThat(TextClusters.of(HEADLINE + " https://www.example.org/a?b=c")).isEqualTo(original);
    }

    @Test
    void different_words_are_different_clusters() {
        assertThat(TextClusters.of(HEADLINE)).isNotEqualTo(TextClusters.of("Amazon launches Cloud Player without label licences"));
        assertThat(TextClusters.of("I love it")).isNotEqualTo(TextClusters.of("I love it not"));
    }

    @Test
    void the_id_is_a_fixed_hash_of_the_normalised_text_stable_across_versions() {
        // given the normalisation of version 1
        assertThat(TextClusters.normalise("RT @x: Hello   @you World http://t.co/1")).isEqualTo("hello world");

        // then the id is the first 64 bits of SHA-256 of "hello world", computed independently here
        assertThat(TextClusters.of("RT @x: Hello   @you World http://t.co/1")).isEqualTo("tc_" + "b94d27b9934d3e08");
        assertThat(TextClusters.of("")).isEqualTo("tc_e3b0c44298fc1c14");
    }

    @Test
    void an_email_address_is_not_a_mention() {
        assertThat(TextClusters.normalise("write to info@label.com")).isEqualTo("write to info@label.com");
    }

    @Test
    void a_version_2_scored_post_reads_with_its_cluster_computed_from_the_text() {
        String json = "{\"schemaVersion\":2,\"post\":{\"schemaVersion\":2,\"id\":\"twitter:1\",\"source\":\"twitter\","
                + "\"publishedAt\":\"2011-03-29T14:05:00Z\",\"text\":\"RT @amazon: " + HEADLINE + "\"},"
                + "\"sentiment\":{\"label\":\"NEUTRAL\",\"score\":0.0,\"confidence\":0.5},\"model\":\"m\","
                + "\"scoredAt\":\"2026-11-23T10:00:00Z\"}";

        ScoredPost post = Topics.withPartitions(1).scored().valueSerde().deserializer()
                .deserialize("posts.scored", json.getBytes(StandardCharsets.UTF_8));

        assertThat(post.schemaVersion()).isEqualTo(2);
        assertThat(post.textCluster()).isEqualTo(TextClusters.of(HEADLINE));
    }

    @Test
    void a_scored_post_keeps_a_given_cluster_and_writes_it() {
        Post post = Post.of("twitter:2", "twitter", Instant.parse("2011-03-29T14:05:00Z"), null, null, "a repost", null, "en");
        ScoredPost scored = ScoredPost.of(post, new Sentiment(SentimentLabel.NEUTRAL, 0, 0.5), List.of(), "m", Instant.EPOCH)
                .withTextCluster("tc_0123456789abcdef");

        byte[] bytes = Topics.withPartitions(1).scored().valueSerde().serializer().serialize("posts.scored", scored);

        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"textCluster\":\"tc_0123456789abcdef\"", "\"schemaVersion\":3");
        assertThat(Topics.withPartitions(1).scored().valueSerde().deserializer().deserialize("posts.scored", bytes)).isEqualTo(scored);
    }
}
