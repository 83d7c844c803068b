package org.backbeat.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class ContractTest {

    private final Topics topics = Topics.withPartitions(6);

    private static Post amazonPost() {
        return Post.of("simulated:7", "simulated", Instant.parse("2011-03-29T14:05:00Z"), "fan42",
                null, "Amazon Cloud Player is great \uD83C\uDFB5", "https://example.org/7", "en");
    }

    @Test
    void post_round_trips_through_the_raw_topic_serde() {
        Post post = amazonPost().withEngagement(new Engagement(12L, 3L, null, 1L))
                .withLinks("twitter:1", null, "twitter:2").withDeclared("amazon", "positive");

        byte[] bytes = topics.raw().valueSerde().serializer().serialize("posts.raw", post);
        Post back = topics.raw().valueSerde().deserializer().deserialize("posts.raw", bytes);

        assertThat(back).isEqualTo(post);
        assertThat(new String(bytes, StandardCharsets.UTF_8))
                .contains("\"schemaVersion\":2")
                .contains("\"publishedAt\":\"2011-03-29T14:05:00Z\"");
        assertThat(back.engagement().total()).isEqualTo(16);
        assertThat(back.quoteOf()).isEqualTo("twitter:2");
    }

    @Test
    void a_version_1_post_still_reads_with_the_newer_fields_empty() {
        String json = "{\"schemaVersion\":1,\"id\":\"twitter:1\",\"source\":\"twitter\",\"publishedAt\":\"2011-03-30T00:00:00Z\","
                + "\"author\":\"a\",\"text\":\"hi\",\"lang\":\"en\"}";

        Post post = topics.raw().valueSerde().deserializer().deserialize("posts.raw", json.getBytes(StandardCharsets.UTF_8));

        assertThat(post.schemaVersion()).isEqualTo(1);
        assertThat(post.lang()).isEqualTo("en");
        assertThat(post.engagement()).isNull();
        assertThat(post.repostOf()).isNull();
    }

    @Test
    void an_unscored_post_round_trips_and_needs_a_reason() {
        ScoredPost unscored = ScoredPost.unscored(amazonPost().withLang("de"), List.of("amazon"),
                List.of(new TopicMatch("cloud-locker", List.of("Cloud Player"))), "m", "t1", "language de",
                Instant.parse("2026-11-23T10:00:00Z"));

        byte[] bytes = topics.scored().valueSerde().serializer().serialize("posts.scored", unscored);
        ScoredPost back = topics.scored().valueSerde().deserializer().deserialize("posts.scored", bytes);

        assertThat(back).isEqualTo(unscored);
        assertThat(back.isScored()).isFalse();
        assertThatThrownBy(() -> new ScoredPost(2, amazonPost(), null, List.of(), List.of(), List.of(), "m", null, null,
                Instant.EPOCH)).hasMessageContaining("unscoredReason");
    }

    @Test
    void scored_post_round_trips_with_its_sentiment_and_entities() {
        Sentiment positive = new Sentiment(SentimentLabel.POSITIVE, 0.62, 0.71);
        ScoredPost scored = new ScoredPost(ScoredPost.SCHEMA_VERSION, amazonPost(), positive,
                List.of("amazon", "amazon-cloud-player"),
                List.of(new EntitySentiment("amazon", positive, List.of("Amazon"))),
                List.of(new TopicMatch("cloud-locker", List.of("Cloud Player"))),
                "corenlp-4.5.10", "topics-1", null, Instant.parse("2026-11-23T10:00:00Z"));

        byte[] bytes = topics.scored().valueSerde().serializer().serialize("posts.scored", scored);
        ScoredPost back = topics.scored().valueSerde().deserializer().deserialize("posts.scored", bytes);

        assertThat(back).isEqualTo(scored);
        assertThat(back.schemaVersion()).isEqualTo(ScoredPost.SCHEMA_VERSION);
        assertThat(back.id()).isEqualTo("simulated:7");
    }

    @Test
    void unknown_fields_from_a_newer_writer_are_ignored() {
        String json = "{\"schemaVersion\":2,\"id\":\"twitter:1\",\"source\":\"twitter\",\"publishedAt\":\"2011-03-30T00:00:00Z\","
                + "\"text\":\"hi\",\"likes\":12}";

        Post post = topics.raw().valueSerde().deserializer().deserialize("posts.raw", json.getBytes(StandardCharsets.UTF_8));

        assertThat(post.schemaVersion()).isEqualTo(2);
        assertThat(post.id()).isEqualTo("twitter:1");
        assertThat(post.author()).isNull();
    }

    @Test
    void malformed_or_incomplete_json_is_a_serialization_error_naming_the_type() {
        var deserializer = topics.raw().valueSerde().deserializer();

        assertThatThrownBy(() -> deserializer.deserialize("posts.raw", "{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("not a valid Post");
        assertThatThrownBy(() -> deserializer.deserialize("posts.raw",
                "{\"id\":\"x:1\",\"source\":\"x\",\"text\":\"no time\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("publishedAt");
    }

    @Test
    void sentiment_rejects_scores_outside_their_range() {
        assertThatThrownBy(() -> new Sentiment(SentimentLabel.NEUTRAL, 1.5, 0.5)).hasMessageContaining("[-1, 1]");
        assertThatThrownBy(() -> new Sentiment(SentimentLabel.NEUTRAL, 0, Double.NaN)).hasMessageContaining("[0, 1]");
    }

    @Test
    void ids_are_stable_and_source_prefixed() {
        assertThat(PostIds.twitter("52341")).isEqualTo("twitter:52341");
        assertThat(PostIds.rss("https://arstechnica.com/a")).isEqualTo(PostIds.rss("https://arstechnica.com/a"))
                .startsWith("rss:").hasSize(4 + 32)
                .isNotEqualTo(PostIds.rss("https://arstechnica.com/b"));
    }

    @Test
    void topics_default_to_six_partitions_and_the_documented_names() {
        assertThat(topics.newTopics()).extracting(t -> t.name() + "/" + t.numPartitions())
                .containsExactly("posts.raw/6", "posts.scored/6", "posts.dlq/6");
    }

    @Test
    void full_text_puts_the_headline_first() {
        Post press = Post.of("rss:1", "rss", Instant.EPOCH, null, "Labels sue MP3tunes", "The suit was filed.", null, "en");

        assertThat(press.fullText()).isEqualTo("Labels sue MP3tunes. The suit was filed.");
        assertThat(amazonPost().fullText()).isEqualTo(amazonPost().text());
    }
}
