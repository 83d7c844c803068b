package org.backbeat.nlp.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import org.backbeat.core.Post;
import org.backbeat.core.Sentiment;
import org.backbeat.core.SentimentLabel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Hand-checked examples for the committed model; each label was checked by reading the text. */
class CalibratedScorerTest {

    /** Loading CoreNLP takes seconds: once for the class. */
    private static CalibratedScorer scorer;

    @BeforeAll
    static void loadScorer() {
        scorer = CalibratedScorer.load();
    }

    @Test
    void negation_turns_praise_into_a_complaint() {
        assertThat(scorer.score("The new album is good.").label()).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(scorer.score("The new album is not good.").label()).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(scorer.score("Not bad at all, I enjoyed it.").label()).isEqualTo(SentimentLabel.POSITIVE);
    }

    @Test
    void a_sarcasm_marker_makes_praise_negative() {
        assertThat(scorer.score("Great, another two hour delay. #sarcasm").label()).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(scorer.score("Yeah right, best customer service ever /s").label()).isEqualTo(SentimentLabel.NEGATIVE);
    }

    @Test
    void emoji_alone_carry_sentiment() {
        assertThat(scorer.score("\uD83D\uDE21\uD83D\uDE21").label()).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(scorer.score("\uD83D\uDE0D\uD83D\uDE0D").label()).isEqualTo(SentimentLabel.POSITIVE);
    }

    @Test
    void elongated_and_all_caps_words_are_read_as_the_words_they_stand_for() {
        // Raw CoreNLP calls all three neutral: it knows neither "sooooo", "goooood", "GOOD" nor "HATE".
        assertThat(scorer.score("This is sooooo goooood").label()).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(scorer.score("This is SO GOOD").label()).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(scorer.score("I HATE THIS").label()).isEqualTo(SentimentLabel.NEGATIVE);
    }

    @Test
    void a_factual_statement_is_neutral_and_a_lawsuit_negative() {
        assertThat(scorer.score("Amazon launched Cloud Drive on Tuesday.").label()).isEqualTo(SentimentLabel.NEUTRAL);
        assertThat(scorer.score("Universal Music sues Grooveshark over copyright infringement").label()).isEqualTo(SentimentLabel.NEGATIVE);
    }

    @Test
    void a_press_item_weighs_its_headline_as_much_as_its_summary() {
        String headline = "Universal Music sues Grooveshark over copyright infringement";
        String summary = "The label says the service streamed its catalogue without licences; "
                + "Grooveshark says it follows the law and will fight the suit in court.";
        Post post = Post.of("rss:1", "rss", Instant.parse("2011-11-18T10:00:00Z"), null, headline, summary, null, "en");

        Sentiment s = scorer.scorePost(post);

        double[] h = scorer.probabilities(headline);
        double[] b = scorer.probabilities(summary);
        assertThat(s.label()).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(s.score()).isCloseTo(0.5 * (h[2] - h[0]) + 0.5 * (b[2] - b[0]), within(1e-9));
        assertThat(s.confidence()).isCloseTo(0.5 * h[0] + 0.5 * b[0], within(1e-9));
    }

    @Test
    void a_post_without_headline_is_scored_on_its_text() {
        Post post = Post.of("twitter:1", "twitter", Instant.parse("2011-03-29T10:00:00Z"), "fan", null, "I love my new iPhone :)", null, "en");

        assertThat(scorer.scorePost(post)).isEqualTo(scorer.score("I love my new iPhone :)"));
    }

    @Test
    void sentences_get_their_own_sentiment_with_offsets_into_the_given_text() {
        String text = "The flight was late and the staff were rude. But the pilot was lovely \uD83D\uDE0D Thanks!";

        TextSentiment t = scorer.analyse(text);

        assertThat(t.overall()).isEqualTo(scorer.score(text));
        assertThat(t.sentences()).hasSize(2);
        SentenceSentiment first = t.sentences().get(0);
        SentenceSentiment second = t.sentences().get(1);
        assertThat(text.substring(first.begin(), first.end())).isEqualTo("The flight was late and the staff were rude.");
        assertThat(first.sentiment().label()).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(text.substring(second.begin(), second.end())).isEqualTo("But the pilot was lovely \uD83D\uDE0D Thanks!");
        assertThat(second.sentiment().label()).isEqualTo(SentimentLabel.POSITIVE);
    }

    @Test
    void score_sign_agrees_with_the_label_and_confidence_is_the_label_probability() {
        for (String text : new String[] {"I love it.", "It is awful.", "Amazon launched Cloud Drive on Tuesday."}) {
            Sentiment s = scorer.score(text);
            double[] p = scorer.probabilities(text);
            assertThat(s.confidence()).as(text).isCloseTo(p[s.label().ordinal()], within(1e-12));
            assertThat(s.score()).as(text).isCloseTo(p[2] - p[0], within(1e-12));
            if (s.label() == SentimentLabel.POSITIVE) {
                assertThat(s.score()).as(text).isPositive();
            } else if (s.label() == SentimentLabel.NEGATIVE) {
                assertThat(s.score()).as(text).isNegative();
            }
        }
    }

    @Test
    void blank_text_is_rejected() {
        assertThatThrownBy(() -> scorer.score(" \n\t")).isInstanceOf(IllegalArgumentException.class).hasMessage("nothing to score");
        assertThatThrownBy(() -> scorer.score(null)).isInstanceOf(IllegalArgumentException.class).hasMessage("nothing to score");
        assertThatThrownBy(() -> scorer.analyse("")).isInstanceOf(IllegalArgumentException.class).hasMessage("nothing to score");
    }

    @Test
    void the_model_names_its_version_and_corenlps() {
        assertThat(scorer.model()).isEqualTo("backbeat-sentiment-2+corenlp-4.5.10");
    }
}
