package org.backbeat.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogueTest {

    private final Catalogue catalogue = Catalogue.defaults();

    @Test
    void default_catalogue_covers_labels_trade_bodies_and_services() {
        assertThat(catalogue.entities()).extracting(TrackedEntity::id)
                .contains("umg", "sony-music", "wmg", "emi", "riaa", "ifpi", "amazon", "amazon-cloud-drive",
                        "amazon-cloud-player", "itunes", "icloud", "itunes-match", "apple-music", "google-music",
                        "youtube-music", "spotify", "pandora", "deezer", "tidal", "soundcloud", "bandcamp",
                        "grooveshark", "mp3tunes", "napster");
    }

    @Test
    void a_product_mention_tags_the_product_and_its_company() {
        assertThat(catalogue.match("Just tried Amazon Cloud Player on my Droid")).containsExactly("amazon", "amazon-cloud-player");
        assertThat(catalogue.match("iTunes Match is $25 a year")).containsExactly("apple", "itunes-match");
    }

    @Test
    void aliases_match_on_word_boundaries_in_any_case() {
        assertThat(catalogue.match("spotify's US launch finally")).containsExactly("spotify");
        assertThat(catalogue.match("SPOTIFY!!!")).containsExactly("spotify");
        assertThat(catalogue.match("spotifyish playlists")).isEmpty();
        assertThat(catalogue.match("Universal   Music sues Grooveshark")).containsExactly("umg", "grooveshark");
    }

    @Test
    void acronyms_and_exact_case_aliases_match_only_as_written() {
        assertThat(catalogue.match("EMI signs a deal")).containsExactly("emi");
        assertThat(catalogue.match("the emi filter in my amp")).isEmpty();
        assertThat(catalogue.match("a tidal wave of apple pie")).isEmpty();
        assertThat(catalogue.match("Tidal pays artists more, says Apple")).containsExactly("apple", "tidal");
    }

    @Test
    void handles_and_hashtags_match_in_any_case() {
        assertThat(catalogue.match("@SpotifyUSA please add more indie")).containsExactly("spotify");
        assertThat(catalogue.match("loving #clouddrive so far")).containsExactly("amazon", "amazon-cloud-drive");
        assertThat(catalogue.match("email me at bob@spotify.example")).isEmpty();
    }

    @Test
    void a_catalogue_with_an_unknown_parent_or_a_shared_term_is_rejected() {
        TrackedEntity orphan = new TrackedEntity("x", "X", "product", "nobody", List.of("X-thing"), null, null, null);
        TrackedEntity a = new TrackedEntity("a", "A", "service", null, List.of("Beat"), null, null, null);
        TrackedEntity b = new TrackedEntity("b", "B", "service", null, List.of("beat"), null, null, null);

        assertThatThrownBy(() -> Catalogue.of("t", List.of(orphan))).hasMessageContaining("parent 'nobody'");
        assertThatThrownBy(() -> Catalogue.of("t", List.of(a, b))).hasMessageContaining("claimed by both");
    }

    @Test
    void mentions_keep_the_words_as_written_with_their_offsets() {
        String text = "RT @SpotifyUSA: Amazon's Cloud Player vs #iTunes, see https://spotify.com/x";

        List<Mention> mentions = catalogue.mentions(text);

        assertThat(mentions).containsExactly(
                new Mention("spotify", "@SpotifyUSA", 3, 14),
                new Mention("amazon", "Amazon", 16, 22),
                new Mention("amazon-cloud-player", "Cloud Player", 25, 37),
                new Mention("itunes", "#iTunes", 41, 48));
    }

    @Test
    void a_parent_carries_the_mentions_of_its_products() {
        List<EntityMatch> tags = catalogue.tag("Loving Cloud Player, and Amazon MP3 too");

        assertThat(tags).extracting(EntityMatch::entity).containsExactly("amazon", "amazon-cloud-player");
        assertThat(tags.get(0).words()).containsExactly("Cloud Player", "Amazon MP3");
        assertThat(tags.get(1).words()).containsExactly("Cloud Player");
    }

    @Test
    void ambiguous_aliases_need_their_context() {
        // given the context rules of catalogue.json, then
        assertThat(catalogue.match("Fires are destroying the Amazon rainforest")).isEmpty();
        assertThat(catalogue.match("A boat trip down the Amazon river")).isEmpty();
        assertThat(catalogue.match("Amazon launches a music locker")).containsExactly("amazon");
        assertThat(catalogue.match("Apple pie and Apple juice for breakfast")).isEmpty();
        assertThat(catalogue.match("I love the Big Apple")).isEmpty();
        assertThat(catalogue.match("Apple's iTunes price cut")).containsExactly("apple", "itunes");
        assertThat(catalogue.match("Universal sues Grooveshark over uploads")).containsExactly("umg", "grooveshark");
        assertThat(catalogue.match("Universal Studios opens a new ride")).isEmpty();
        assertThat(catalogue.match("Universal healthcare is on the ballot")).isEmpty();
        assertThat(catalogue.match("Pandora's box is open")).isEmpty();
        assertThat(catalogue.match("Pandora adds more ads")).containsExactly("pandora");
        assertThat(catalogue.match("Tidal waves hit the coast")).isEmpty();
        assertThat(catalogue.match("Bohemian Rhapsody is on the radio")).isEmpty();
        assertThat(catalogue.match("Napster is back, again")).containsExactly("napster");
    }

    @Test
    void emi_the_label_is_not_emi_the_loan_or_the_lowercase_word() {
        assertThat(catalogue.match("EMI sells its catalogue to Universal Music")).containsExactly("umg", "emi");
        assertThat(catalogue.match("No cost EMI on credit card purchases")).isEmpty();
        assertThat(catalogue.match("emi from the power supply")).isEmpty();
        assertThat(catalogue.mentions("Parlophone, an EMI label")).extracting(Mention::text)
                .containsExactly("Parlophone", "EMI");
    }

    @Test
    void context_rules_for_an_alias_the_entity_does_not_have_are_rejected() {
        AliasContext rule = new AliasContext("Nile", null, List.of("river"), null, null, 0);

        assertThatThrownBy(() -> new TrackedEntity("x", "X", "service", null, List.of("X"), null, null, null, List.of(rule)))
                .hasMessageContaining("'Nile', which is not one of its aliases");
    }
}
