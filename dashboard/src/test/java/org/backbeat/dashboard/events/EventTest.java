package org.backbeat.dashboard.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import org.backbeat.core.Catalogue;
import org.junit.jupiter.api.Test;

class EventTest {

    private static final Catalogue CATALOGUE = Catalogue.defaults();

    private static Event valid() {
        return new Event("2011-07-14-spotify-us-launch", LocalDate.of(2011, 7, 14), "Spotify launches in the United States",
                List.of("spotify"), "launch", "https://example.org/spotify");
    }

    @Test
    void a_valid_event_has_no_problems() {
        assertThat(valid().problems(CATALOGUE)).isEmpty();
    }

    @Test
    void every_problem_is_named_with_what_to_fix() {
        Event bad = new Event("Bad Id", null, " ", List.of("spotify", "tiktok"), "party", "ftp://x");

        assertThat(bad.problems(CATALOGUE)).containsExactly(
                "id must be 1-100 lower-case letters, digits and single dashes, e.g. 2011-03-29-amazon-cloud-drive-launch",
                "date is required, as YYYY-MM-DD",
                "title is required",
                "entities: 'tiktok' is not a catalogue entity id (see /api/entities)",
                "kind must be one of [acquisition, announcement, deal, dispute, launch, lawsuit, listing, other, outage, policy, ruling, settlement, shutdown], was 'party'",
                "sourceUrl must be an http:// or https:// link to a source reporting the event");
    }

    @Test
    void a_missing_id_is_derived_from_date_and_title() {
        Event event = new Event(null, LocalDate.of(2011, 3, 29), "Amazon launches Cloud Drive & Cloud Player!",
                List.of("amazon"), "launch", "https://example.org").withGeneratedId();

        assertThat(event.id()).isEqualTo("2011-03-29-amazon-launches-cloud-drive-cloud-player");
        assertThat(event.problems(CATALOGUE)).isEmpty();
    }

    @Test
    void a_long_title_gives_an_id_cut_at_a_word_boundary_within_the_limit() {
        String id = Event.slug(LocalDate.of(2024, 1, 30), "word ".repeat(40));

        assertThat(id).hasSizeLessThanOrEqualTo(Event.MAX_ID).startsWith("2024-01-30-word-word").endsWith("-word");
    }

    @Test
    void the_seed_events_are_valid_unique_and_include_the_founding_events() {
        List<Event> seed = EventStore.seedEvents();

        assertThat(seed).hasSizeGreaterThanOrEqualTo(12);
        assertThat(seed).allSatisfy(e -> assertThat(e.problems(CATALOGUE)).as(e.id()).isEmpty());
        assertThat(new HashSet<>(seed.stream().map(Event::id).toList())).hasSameSizeAs(seed);
        assertThat(seed).allSatisfy(e -> assertThat(e.id()).startsWith(e.date().toString()));
        assertThat(seed).extracting(Event::date).contains(
                LocalDate.of(2011, 3, 29), LocalDate.of(2011, 5, 10), LocalDate.of(2011, 6, 6), LocalDate.of(2011, 7, 14),
                LocalDate.of(2015, 6, 30), LocalDate.of(2018, 4, 3));
    }
}
