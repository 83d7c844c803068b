package org.backbeat.nlp.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.backbeat.core.Catalogue;
import org.backbeat.core.EntitySentiment;
import org.backbeat.core.Post;
import org.backbeat.core.ScoredPost;
import org.backbeat.core.SentimentLabel;
import org.backbeat.core.TopicMatch;
import org.backbeat.nlp.sentiment.Scorer;
import org.backbeat.nlp.sentiment.Scorers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The analyzer with the production scorer ({@link Scorers#standard()}) on hand-checked posts. */
class PostAnalyzerTest {

    private static final Instant NOW = Instant.parse("2026-11-24T00:00:00Z");

    /** Loading takes seconds: once for the class. */
    private static PostAnalyzer analyzer;

    @BeforeAll
    static void load() {
        analyzer = PostAnalyzer.standard(Catalogue.defaults(), Scorers.standard(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static Post post(String text, String lang) {
        return Post.of("twitter:1", "twitter", Instant.parse("2011-03-29T14:05:00Z"), "fan42", null, text, null, lang);
    }

    private static EntitySentiment towards(ScoredPost scored, String entity) {
        return scored.entitySentiments().stream().filter(e -> e.entity().equals(entity)).findFirst().orElseThrow();
    }

    @Test
    void a_press_item_is_scored_with_its_headline_weighed_apart_from_a_long_summary() {
        // given a damning headline over a long, upbeat summary
        String summary = "The service is great. Fans love the new app, the sound is wonderful, the catalogue is huge "
                + "and the price is fair. Everyone we asked was delighted with it.";
        Post press = new Post(Post.SCHEMA_VERSION, "rss:1", "rss", Instant.parse("2011-03-29T14:05:00Z"), null,
                "Labels sue Grooveshark over massive copyright infringement", summary, "https://example.org/a", "en",
                null, null, null, null, null, null);

        // when
        ScoredPost scored = analyzer.analyse(press);

        // then the post's sentiment is the headline-weighted one, which is below the plain full-text reading
        Scorer scorer = Scorers.standard();
        assertThat(scored.sentiment()).isEqualTo(scorer.scorePost(press));
        assertThat(scored.sentiment().score()).isLessThan(scorer.score(press.fullText()).score());
        assertThat(scored.topics()).extracting(TopicMatch::topic).contains("lawsuit");
    }

    @Test
    void two_entities_in_contrasting_clauses_get_opposite_sentiment() {
        ScoredPost scored = analyzer.analyse(post("Spotify is wonderful, but Pandora is terrible and keeps crashing.", "en"));

        assertThat(scored.entities()).containsExactly("spotify", "pandora");
        assertThat(towards(scored, "spotify").sentiment().label()).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(towards(scored, "pandora").sentiment().label()).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(scored.topics()).containsExactly(new TopicMatch("outage-bug", List.of("crashing")));
    }

    @Test
    void the_entity_after_a_comparative_gets_the_opposite_polarity() {
        ScoredPost scored = analyzer.analyse(post("Amazon's locker beats iTunes", "en"));

        assertThat(scored.entitySentiments()).extracting(EntitySentiment::entity, e -> e.sentiment().label(), EntitySentiment::mentions)
                .containsExactly(
                        tuple("amazon", SentimentLabel.POSITIVE, List.of("Amazon")),
                        tuple("apple", SentimentLabel.NEGATIVE, List.of("iTunes")),
                        tuple("itunes", SentimentLabel.NEGATIVE, List.of("iTunes")));
        assertThat(scored.topics()).containsExactly(new TopicMatch("cloud-locker", List.of("locker")));
    }

    @Test
    void a_lawsuit_headline_names_its_parties_and_its_topics() {
        Post headline = Post.of("rss:1", "rss", Instant.parse("2011-03-30T09:00:00Z"), null,
                "EMI sues MP3tunes over unlicensed music locker", "The label says the service infringes its copyrights.", null, "en");

        ScoredPost scored = analyzer.analyse(headline);

        assertThat(scored.entities()).containsExactly("emi", "mp3tunes");
        assertThat(scored.topics()).containsExactly(
                new TopicMatch("cloud-locker", List.of("music locker")),
                new TopicMatch("lawsuit", List.of("sues", "infringes")),
                new TopicMatch("licensing-deal", List.of("unlicensed")),
                new TopicMatch("piracy", List.of("copyrights")));
        assertThat(scored.taxonomyVersion()).isEqualTo("topics-2026-11-24");
        assertThat(scored.model()).isEqualTo(Scorers.standard().model());
    }

    @Test
    void a_post_in_another_language_is_unscored_but_tagged() {
        ScoredPost scored = analyzer.analyse(post("Spotify startet in Deutschland, endlich! #Spotify", "de"));

        assertThat(scored.isScored()).isFalse();
        assertThat(scored.sentiment()).isNull();
        assertThat(scored.unscoredReason()).isEqualTo("language de is not scored: the model reads en only");
        assertThat(scored.entities()).containsExactly("spotify");
        assertThat(scored.entitySentiments()).isEmpty();
        assertThat(scored.scoredAt()).isEqualTo(NOW);
    }

    @Test
    void the_rainforest_is_not_amazon_and_lowercase_emi_is_not_the_label() {
        ScoredPost scored = analyzer.analyse(post("Saving the Amazon rainforest matters more than emi filters or EMI loans", "en"));

        assertThat(scored.entities()).isEmpty();
        assertThat(scored.entitySentiments()).isEmpty();
        assertThat(scored.isScored()).isTrue();
    }

    @Test
    void handles_and_hashtags_are_mentions_as_written() {
        ScoredPost scored = analyzer.analyse(post("@SpotifyUSA and #GooglePlayMusic both added my album, thanks @UMG!", "en-GB"));

        assertThat(scored.entitySentiments()).extracting(EntitySentiment::entity, EntitySentiment::mentions).containsExactly(
                tuple("umg", List.of("@UMG")),
                tuple("google", List.of("#GooglePlayMusic")),
                tuple("google-music", List.of("#GooglePlayMusic")),
                tuple("spotify", List.of("@SpotifyUSA")));
        assertThat(scored.topics()).containsExactly(new TopicMatch("artist-release", List.of("album")));
        assertThat(scored.isScored()).isTrue();
    }
}
