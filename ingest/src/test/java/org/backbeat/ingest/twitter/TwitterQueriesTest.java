package org.backbeat.ingest.twitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.backbeat.core.Catalogue;
import org.backbeat.core.TrackedEntity;
import org.junit.jupiter.api.Test;

class TwitterQueriesTest {

    private final Catalogue catalogue = Catalogue.of("t", List.of(
            new TrackedEntity("umg", "Universal Music Group", "label", null, List.of("Universal Music", "UMG"), null,
                    List.of("UMG"), List.of("UniversalMusic")),
            new TrackedEntity("spotify", "Spotify", "service", null, List.of("Spotify"), null, List.of("Spotify"), List.of("spotify"))));

    @Test
    void terms_are_quoted_when_they_have_spaces_and_each_appears_once() {
        assertThat(TwitterQueries.searchTerms(catalogue))
                .containsExactly("\"Universal Music\"", "UMG", "@UMG", "#UniversalMusic", "Spotify", "@Spotify", "#spotify");
    }

    @Test
    void packing_fills_each_query_up_to_the_limit_with_the_suffix_counted() {
        List<String> terms = TwitterQueries.searchTerms(catalogue);

        // "\"Universal Music\" OR UMG OR @UMG" is 32 characters; with " -is:retweet" 44
        assertThat(TwitterQueries.pack(terms, 44, "-is:retweet")).containsExactly(
                "\"Universal Music\" OR UMG OR @UMG -is:retweet",
                "#UniversalMusic OR Spotify -is:retweet",
                "@Spotify OR #spotify -is:retweet");
        // URL-encoded, quotes, @ and # take three characters each (the first pair is 24 plain, 28 encoded)
        assertThat(TwitterQueries.packEncoded(terms, 30, "")).containsExactly(
                "\"Universal Music\" OR UMG", "@UMG OR #UniversalMusic", "Spotify OR @Spotify", "#spotify");
        assertThatThrownBy(() -> TwitterQueries.pack(terms, 10, "")).hasMessageContaining("\"Universal Music\"");
    }
}
