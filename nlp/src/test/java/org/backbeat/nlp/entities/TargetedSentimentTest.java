package org.backbeat.nlp.entities;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;
import org.backbeat.core.Catalogue;
import org.backbeat.core.EntityMatch;
import org.backbeat.core.EntitySentiment;
import org.backbeat.core.Sentiment;
import org.backbeat.core.SentimentLabel;
import org.backbeat.core.TextTokens;
import org.backbeat.nlp.sentiment.CountingScorer;
import org.backbeat.nlp.train.Csv;
import org.junit.jupiter.api.Test;

/** Clause targeting with the keyword {@link CountingScorer}, so every expected label is known by hand. */
class TargetedSentimentTest {

    private final Catalogue catalogue = Catalogue.defaults();
    private final TargetedSentiment targeted = TargetedSentiment.defaults();
    private final CountingScorer scorer = new CountingScorer();

    private List<EntitySentiment> analyse(String text) {
        List<EntityMatch> entities = catalogue.tag(text);
        return targeted.analyse(text, TextTokens.tokenize(text), scorer.analyse(text), entities, scorer);
    }

    private static SentimentLabel label(List<EntitySentiment> all, String entity) {
        return all.stream().filter(e -> e.entity().equals(entity)).findFirst().orElseThrow().sentiment().label();
    }

    @Test
    void a_contrast_marker_splits_one_sentence_into_clauses_scored_on_their_own() {
        List<EntitySentiment> out = analyse("I love Spotify while Deezer keeps crashing");

        assertThat(label(out, "spotify")).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(label(out, "deezer")).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(scorer.scoreCalls.get()).isEqualTo(2);
    }

    @Test
    void an_entity_in_one_whole_sentence_takes_that_sentence_without_scoring_again() {
        List<EntitySentiment> out = analyse("Tidal is awful. Bandcamp is great");

        assertThat(label(out, "tidal")).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(label(out, "bandcamp")).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(scorer.scoreCalls.get()).isZero();
    }

    @Test
    void an_entity_named_everywhere_takes_the_post_sentiment() {
        List<EntitySentiment> out = analyse("Spotify is great. Spotify crashed once");

        assertThat(out.get(0).sentiment()).isEqualTo(CountingScorer.NEUTRAL);
        assertThat(out.get(0).mentions()).containsExactly("Spotify");
    }

    @Test
    void the_entity_after_a_comparative_gets_the_opposite_polarity() {
        List<EntitySentiment> out = analyse("Spotify is great, better than Pandora");

        assertThat(label(out, "spotify")).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(out.stream().filter(e -> e.entity().equals("pandora")).findFirst().orElseThrow().sentiment())
                .isEqualTo(new Sentiment(SentimentLabel.NEGATIVE, -0.75, 0.8));
    }

    @Test
    void a_neutral_clause_takes_the_comparatives_own_direction() {
        List<EntitySentiment> out = analyse("Rdio is worse than Deezer");

        // Rdio is not in the catalogue: Deezer has nothing to be compared with
        assertThat(out).extracting(EntitySentiment::entity, e -> e.sentiment().label())
                .containsExactly(org.assertj.core.api.Assertions.tuple("deezer", SentimentLabel.NEUTRAL));
        List<EntitySentiment> both = analyse("Napster is worse than Deezer");
        assertThat(label(both, "napster")).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(label(both, "deezer")).isEqualTo(SentimentLabel.POSITIVE);
    }

    @Test
    void a_product_and_its_company_are_not_compared_with_each_other() {
        List<EntitySentiment> out = analyse("Amazon Cloud Player beats nothing");

        assertThat(out).extracting(e -> e.sentiment().label()).containsOnly(SentimentLabel.NEUTRAL);
    }

    @Test
    void csv_fields_may_hold_quotes_commas_and_line_breaks() throws Exception {
        List<List<String>> rows = Csv.parse(new StringReader("a,b\r\n\"x, \"\"y\"\"\nz\",2\r\nlast,\n"));

        assertThat(rows).containsExactly(List.of("a", "b"), List.of("x, \"y\"\nz", "2"), List.of("last", ""));
    }
}
