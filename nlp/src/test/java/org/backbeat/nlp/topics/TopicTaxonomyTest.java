package org.backbeat.nlp.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.backbeat.core.TopicMatch;
import org.junit.jupiter.api.Test;

class TopicTaxonomyTest {

    private final TopicTaxonomy taxonomy = TopicTaxonomy.defaults();

    @Test
    void the_taxonomy_is_versioned_and_covers_the_music_industry_topics() {
        assertThat(taxonomy.version()).isEqualTo("topics-2026-11-24");
        assertThat(taxonomy.topicIds()).containsExactly("cloud-locker", "lawsuit", "licensing-deal", "piracy", "pricing",
                "streaming-launch", "drm", "business-earnings", "artist-release", "outage-bug", "royalties",
                "acquisition-merger", "regulation-antitrust", "layoffs", "privacy-security", "advertising");
    }

    @Test
    void a_lawsuit_headline_is_about_lawsuit_and_piracy_with_the_words_as_written() {
        List<TopicMatch> topics = taxonomy.tag("Universal Music SUES Grooveshark over copyright infringement; judge to rule on injunction");

        assertThat(topics).containsExactly(
                new TopicMatch("lawsuit", List.of("SUES", "copyright infringement", "judge", "injunction")),
                new TopicMatch("piracy", List.of("copyright")));
    }

    @Test
    void inflections_of_a_term_match_and_other_words_do_not() {
        assertThat(taxonomy.tag("EMI sued MP3tunes")).containsExactly(new TopicMatch("lawsuit", List.of("sued")));
        assertThat(taxonomy.tag("labels are suing again")).containsExactly(new TopicMatch("lawsuit", List.of("suing")));
        assertThat(taxonomy.tag("Spotify royalties are tiny")).containsExactly(new TopicMatch("royalties", List.of("royalties")));
        assertThat(taxonomy.tag("a suede jacket in the pursuit of happiness")).isEmpty();
    }

    @Test
    void hashtags_phrases_and_prices_are_evidence() {
        assertThat(taxonomy.tag("#piracy is down 20%, file-sharing too")).containsExactly(
                new TopicMatch("piracy", List.of("#piracy", "file-sharing")),
                new TopicMatch("outage-bug", List.of("is down")));
        assertThat(taxonomy.tag("Cloud Drive: 20 GB for $20 a year")).containsExactly(
                new TopicMatch("cloud-locker", List.of("Cloud Drive", "GB")),
                new TopicMatch("pricing", List.of("$20", "a year")));
    }

    @Test
    void inflected_forms_follow_regular_english_rules() {
        assertThat(TopicTaxonomy.forms("sue")).contains("sues", "sued", "suing");
        assertThat(TopicTaxonomy.forms("settle")).contains("settles", "settled", "settling");
        assertThat(TopicTaxonomy.forms("royalty")).contains("royalties");
        assertThat(TopicTaxonomy.forms("ban")).contains("banned", "banning");
        assertThat(TopicTaxonomy.forms("ep")).containsExactly("ep");
    }
}
