package org.backbeat.nlp.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.backbeat.core.Catalogue;
import org.backbeat.core.EntitySentiment;
import org.backbeat.core.Post;
import org.backbeat.core.ScoredPost;
import org.backbeat.core.SentimentLabel;
import org.backbeat.nlp.pipeline.PostAnalyzer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The known weaknesses of the production scorer ({@link Scorers#standard()}), as cases. A case that works
 * asserts the right label; a case known to fail asserts today's wrong label, with a comment naming its line
 * in docs/nlp-evaluation.md "Known limits". When one of these changes, the behaviour changed: update the
 * docs' line and the assertion together.
 */
class KnownWeaknessesTest {

    private static Scorer scorer;
    private static PostAnalyzer analyzer;

    @BeforeAll
    static void loadTheProductionScorer() {
        scorer = Scorers.standard();
        analyzer = PostAnalyzer.standard(Catalogue.defaults(), scorer, Clock.fixed(Instant.parse("2026-12-02T00:00:00Z"), ZoneOffset.UTC));
    }

    private static SentimentLabel label(String text) {
        return scorer.score(text).label();
    }

    @Test
    void cant_wait_reads_as_eagerness_not_as_negation() {
        assertThat(label("Going to the concert tomorrow, can't wait!")).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(label("Going to the concert tomorrow, cannot wait!")).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(label("Can't wait for the new album")).isEqualTo(SentimentLabel.POSITIVE);
    }

    @Test
    void cant_wait_for_something_to_end_is_still_read_as_eagerness() {
        // Known limits: "can't wait" ... the idiom wins even where it means the opposite. Should be negative.
        assertThat(label("I can't wait for this to be over")).isEqualTo(SentimentLabel.POSITIVE);
    }

    @Test
    void marked_sarcasm_turns_praise_negative() {
        assertThat(label("Great, another two hour delay. #sarcasm")).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(label("Great, another two hour delay. #not")).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(label("Great, another two hour delay /s")).isEqualTo(SentimentLabel.NEGATIVE);
    }

    @Test
    void unmarked_sarcasm_is_read_literally() {
        // Known limits: "Sarcasm without a marker is read literally". Should be negative.
        assertThat(label("Great, another two hour delay.")).isEqualTo(SentimentLabel.POSITIVE);
    }

    @Test
    void thumbs_up_reads_positive() {
        assertThat(label("👍")).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(label("New single out today 👍")).isEqualTo(SentimentLabel.POSITIVE);
    }

    @Test
    void a_red_heart_reads_neutral() {
        // Known limits: "Emoji whose Unicode name has no rated word (❤ HEAVY BLACK HEART ...)". Should be positive.
        assertThat(label("❤")).isEqualTo(SentimentLabel.NEUTRAL);
        assertThat(label("❤️")).isEqualTo(SentimentLabel.NEUTRAL);
        assertThat(label("New single out today ❤")).isEqualTo(SentimentLabel.NEUTRAL);
    }

    @Test
    void news_of_an_event_at_a_company_gives_the_company_the_events_sentiment() {
        // Known limits: "News about an event at a company ... negative towards Apple". Should be neutral towards Apple.
        String headline = "Protesters stage a die-in at the Apple store";
        ScoredPost tweet = analyzer.analyse(Post.of("t1", "csv", Instant.EPOCH, null, null, headline, null, "en"));
        ScoredPost press = analyzer.analyse(Post.of("p1", "feed", Instant.EPOCH, null, headline, "", null, "en"));

        assertThat(towardsApple(tweet)).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(towardsApple(press)).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(tweet.sentiment().label()).isEqualTo(SentimentLabel.NEGATIVE);
    }

    private static SentimentLabel towardsApple(ScoredPost post) {
        return post.entitySentiments().stream().filter(e -> e.entity().equals("apple")).map(EntitySentiment::sentiment)
                .findFirst().orElseThrow().label();
    }
}
