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
}
