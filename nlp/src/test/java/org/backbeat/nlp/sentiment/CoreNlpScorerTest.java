package org.backbeat.nlp.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.backbeat.core.Sentiment;
import org.backbeat.core.SentimentLabel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CoreNlpScorerTest {

    /** Loading takes seconds: once for the class. */
    private static CoreNlpScorer scorer;

    @BeforeAll
    static void loadScorer() {
        scorer = CoreNlpScorer.load();
    }

    @Test
    void enthusiastic_praise_is_positive() {
        Sentiment s = scorer.score("This is the best music service I have ever used, I love it.");

        assertThat(s.label()).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(s.score()).isGreaterThan(0.3);
        assertThat(s.confidence()).isGreaterThan(0.5);
    }

    @Test
    void outright_complaint_is_negative() {
        Sentiment s = scorer.score("This is terrible, the worst locker ever, I hate it.");

        assertThat(s.label()).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(s.score()).isLessThan(-0.3);
        assertThat(s.confidence()).isGreaterThan(0.5);
    }

    @Test
    void flat_statement_of_fact_is_neutral() {
        Sentiment s = scorer.score("Amazon launched Cloud Drive on Tuesday.");

        assertThat(s.label()).isEqualTo(SentimentLabel.NEUTRAL);
        assertThat(s.score()).isBetween(-0.2, 0.2);
    }

    @Test
    void score_sign_agrees_with_the_label_and_confidence_is_a_probability() {
        List<String> texts = List.of(
                "I love it.",
                "It is awful.",
                "Amazon launched Cloud Drive on Tuesday.",
                "The new player is wonderful and the sound is great.",
                "The app is slow, ugly and broken.");

        for (String text : texts) {
            Sentiment s = scorer.score(text);
            assertThat(s.confidence()).as(text).isBetween(0.0, 1.0);
            assertThat(s.score()).as(text).isBetween(-1.0, 1.0);
            if (s.label() == SentimentLabel.POSITIVE) {
                assertThat(s.score()).as(text).isPositive();
            } else if (s.label() == SentimentLabel.NEGATIVE) {
                assertThat(s.score()).as(text).isNegative();
            }
        }
        assertThat(scorer.score("The new player is wonderful and the sound is great.").label()).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(scorer.score("The app is slow, ugly and broken.").label()).isEqualTo(SentimentLabel.NEGATIVE);
    }

    @Test
    void a_post_is_the_token_weighted_average_of_its_sentences() {
        // 4 tokens: I love it .
        String shortPositive = "I love it.";
        // 10 tokens: The lag was terrible and the app crashed twice .
        String longNegative = "The lag was terrible and the app crashed twice.";
        double positive = scorer.score(shortPositive).score();
        double negative = scorer.score(longNegative).score();

        double both = scorer.score(shortPositive + " " + longNegative).score();

        // The score is linear in the distribution, so it averages like the distribution does.
        assertThat(both).isCloseTo((4 * positive + 10 * negative) / 14, within(1e-9));
        assertThat(both).isNotCloseTo((positive + negative) / 2, within(0.01));
    }

    @Test
    void five_classes_fold_into_three() {
        Sentiment s = CoreNlpScorer.fold(new double[] {0.1, 0.2, 0.3, 0.25, 0.15});

        assertThat(s.label()).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(s.confidence()).isCloseTo(0.40, within(1e-12));
        assertThat(s.score()).isCloseTo(-0.1 - 0.5 * 0.2 + 0.5 * 0.25 + 0.15, within(1e-12));
    }

    @Test
    void a_tie_between_folded_classes_is_neutral() {
        Sentiment s = CoreNlpScorer.fold(new double[] {0.2, 0.2, 0.4, 0.1, 0.1});

        assertThat(s.label()).isEqualTo(SentimentLabel.NEUTRAL);
        assertThat(s.confidence()).isCloseTo(0.4, within(1e-12));
    }

    @Test
    void blank_text_is_rejected() {
        assertThatThrownBy(() -> scorer.score("  \n\t")).isInstanceOf(IllegalArgumentException.class).hasMessage("nothing to score");
        assertThatThrownBy(() -> scorer.score(null)).isInstanceOf(IllegalArgumentException.class).hasMessage("nothing to score");
    }

    @Test
    void a_huge_text_is_scored_on_its_opening_only() {
        String sentence = "The store was slow today but the music was good. ";
        String huge = sentence.repeat(100 * 1024 / sentence.length() + 1);
        assertThat(huge.length()).isGreaterThan(100 * 1024);

        long start = System.nanoTime();
        Sentiment s = scorer.score(huge);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(s).isEqualTo(scorer.score(CoreNlpScorer.truncate(huge, CoreNlpScorer.MAX_CHARS)));
        assertThat(millis).as("scoring time in ms").isLessThan(20_000);
    }

    @Test
    void truncation_cuts_at_a_word_boundary_and_never_splits_a_surrogate_pair() {
        assertThat(CoreNlpScorer.truncate("short", 10)).isEqualTo("short");
        assertThat(CoreNlpScorer.truncate("aaaaaaaa bbbbbbbbbbbb", 12)).isEqualTo("aaaaaaaa bbb");
        assertThat(CoreNlpScorer.truncate("aaaaaaaaaa bb", 11)).isEqualTo("aaaaaaaaaa");
        assertThat(CoreNlpScorer.truncate("aaaaaaaaa\uD83C\uDFB5x", 10)).isEqualTo("aaaaaaaaa");
    }

    @Test
    void the_model_names_corenlp_and_its_version() {
        assertThat(scorer.model()).isEqualTo("corenlp-4.5.10/sr/sentiment");
    }
}
