package org.backbeat.nlp.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class TextNormaliserTest {

    private final TextNormaliser normaliser = TextNormaliser.withVocabulary(Set.of("so", "good", "yes", "cool", "please"));

    @Test
    void reply_mentions_and_urls_are_dropped_and_inline_mentions_become_someone() {
        NormalisedText n = normaliser.normalise("@united @delta what @dhepburn said http://t.co/abc");

        assertThat(n.modelText()).isEqualTo("what someone said ");
        assertThat(n.mentions()).isEqualTo(3);
        assertThat(n.urls()).isEqualTo(1);
        assertThat(n.tokens()).containsExactly("what", "someone", "said");
    }

    @Test
    void retweet_prefix_is_dropped() {
        NormalisedText n = normaliser.normalise("RT @x: Great show tonight");

        assertThat(n.modelText()).isEqualTo("Great show tonight");
    }

    @Test
    void hashtags_are_split_at_camel_case_and_underscores() {
        NormalisedText n = normaliser.normalise("Loved it #SoHappy #best_day_ever");

        assertThat(n.modelText()).isEqualTo("Loved it So Happy best day ever ");
        assertThat(n.hashtags()).isEqualTo(2);
        assertThat(n.tokens()).containsExactly("loved", "it", "so", "happy", "best", "day", "ever");
    }

    @Test
    void elongations_shorten_to_a_known_word_and_caps_are_lower_cased_for_the_model() {
        NormalisedText n = normaliser.normalise("sooooo goooood, NEVER again, yesss, coooool");

        assertThat(n.modelText()).isEqualTo("so good, never again, yes, cool");
        assertThat(n.elongated()).isEqualTo(4);
        assertThat(n.capsWords()).isEqualTo(1);
    }

    @Test
    void emoji_and_emoticons_leave_the_model_text_and_become_features() {
        NormalisedText n = normaliser.normalise("Delayed again \uD83D\uDE21\uD83D\uDE21 :( but <3 the crew \uD83D\uDC4D\uD83C\uDFFD");

        assertThat(n.modelText()).isEqualTo("Delayed again but the crew ");
        assertThat(n.emoji()).containsExactly("\uD83D\uDE21", "\uD83D\uDE21", "\uD83D\uDC4D");
        assertThat(n.emoticons()).containsExactly(":(", "<3");
    }

    @Test
    void sarcasm_markers_are_flagged_and_html_entities_decoded() {
        assertThat(normaliser.normalise("Great, another delay. #sarcasm").sarcasm()).isTrue();
        assertThat(normaliser.normalise("I just love waiting /s").sarcasm()).isTrue();
        assertThat(normaliser.normalise("I just love waiting").sarcasm()).isFalse();
        assertThat(normaliser.normalise("rock &amp; roll").modelText()).isEqualTo("rock & roll");
    }

    @Test
    void model_text_offsets_map_back_to_the_original() {
        String text = "@a Terrible service. Loved the crew \uD83D\uDE0D";
        NormalisedText n = normaliser.normalise(text);

        int loved = n.modelText().indexOf("Loved");
        assertThat(text.substring(n.originBegin(loved), n.originEnd(loved + 5))).isEqualTo("Loved");
        assertThat(text.substring(n.originBegin(0), n.originEnd(8))).isEqualTo("Terrible");
    }
}
