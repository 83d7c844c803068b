package org.backbeat.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import org.backbeat.dashboard.events.Event;
import org.backbeat.dashboard.events.EventStore;
import org.backbeat.dashboard.events.EventsConfig;
import org.backbeat.index.testing.RealElasticsearch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link EventStore} on the real Elasticsearch server (lives in this package to share {@link RealElasticsearch}). */
@ExtendWith(RealElasticsearch.class)
class EventStoreTest {

    private static final String INDEX = "test-events-store";
    private EventStore store;
    private ElasticsearchClient client;

    @BeforeEach
    void freshIndex(ElasticsearchClient esClient) throws IOException {
        client = esClient;
        if (client.indices().exists(e -> e.index(INDEX)).value()) {
            client.indices().delete(d -> d.index(INDEX));
        }
        store = new EventStore(client, new EventsConfig(INDEX, 0));
    }

    private static Event event(String id, String date, String title, String... entities) {
        return new Event(id, LocalDate.parse(date), title, List.of(entities), "launch", "https://example.org/" + id);
    }

    @Test
    void first_start_creates_the_index_and_seeds_it_and_a_second_start_adds_nothing() throws IOException {
        // when
        int seeded = store.ensureCreatedAndSeeded();
        int again = new EventStore(client, new EventsConfig(INDEX, 0)).ensureCreatedAndSeeded();

        // then
        List<Event> seed = EventStore.seedEvents();
        assertThat(seeded).isEqualTo(seed.size());
        assertThat(again).isZero();
        assertThat(store.list(null, null, null)).containsExactlyElementsOf(
                seed.stream().sorted(java.util.Comparator.comparing(Event::date).thenComparing(Event::id)).toList());
        var mapping = client.indices().getMapping(m -> m.index(INDEX)).get(INDEX).mappings();
        assertThat(mapping.dynamic().jsonValue()).isEqualTo("strict");
        assertThat(mapping.properties().get("entities").isKeyword()).isTrue();
        assertThat(mapping.properties().get("date").isDate()).isTrue();
    }

    @Test
    void seeding_twice_keeps_what_an_admin_changed() {
        // given a seeded index where an admin corrected a title
        store.ensureCreated();
        List<Event> seed = EventStore.seedEvents();
        store.seed(seed);
        Event first = seed.get(0);
        Event corrected = new Event(first.id(), first.date(), "Corrected title", first.entities(), first.kind(), first.sourceUrl());
        store.update(corrected);

        // when
        int added = store.seed(seed);

        // then
        assertThat(added).isZero();
        assertThat(store.get(first.id())).contains(corrected);
    }

    @Test
    void events_are_listed_by_entity_and_inclusive_date_range_in_date_order() {
        // given
        store.ensureCreated();
        Event spotify = store.create(event("2011-07-14-spotify-us", "2011-07-14", "Spotify US", "spotify"));
        Event amazon = store.create(event("2011-03-29-amazon", "2011-03-29", "Amazon locker", "amazon", "amazon-cloud-drive"));
        Event google = store.create(event("2011-05-10-google", "2011-05-10", "Music Beta", "google", "google-music"));

        // then
        assertThat(store.list(null, null, null)).containsExactly(amazon, google, spotify);
        assertThat(store.list("amazon-cloud-drive", null, null)).containsExactly(amazon);
        assertThat(store.list(null, LocalDate.parse("2011-05-10"), LocalDate.parse("2011-07-14"))).containsExactly(google, spotify);
        assertThat(store.list(null, null, LocalDate.parse("2011-05-09"))).containsExactly(amazon);
        assertThat(store.list("spotify", LocalDate.parse("2011-01-01"), LocalDate.parse("2011-06-30"))).isEmpty();
    }

    @Test
    void get_update_and_delete_answer_for_unknown_ids_without_failing() {
        store.ensureCreated();
        Event amazon = store.create(event("2011-03-29-amazon", "2011-03-29", "Amazon locker", "amazon"));

        assertThat(store.get("2011-03-29-amazon")).contains(amazon);
        assertThat(store.get("nope")).isEmpty();
        assertThat(store.update(event("nope", "2011-01-01", "x", "amazon"))).isFalse();
        assertThat(store.delete("nope")).isFalse();
        assertThat(store.delete("2011-03-29-amazon")).isTrue();
        assertThat(store.get("2011-03-29-amazon")).isEmpty();
        assertThat(store.list(null, null, null)).isEmpty();
    }

    @Test
    void creating_a_taken_id_is_refused_and_keeps_the_stored_event() {
        store.ensureCreated();
        Event original = store.create(event("2011-03-29-amazon", "2011-03-29", "Amazon locker", "amazon"));

        assertThatThrownBy(() -> store.create(event("2011-03-29-amazon", "2012-01-01", "Other", "apple")))
                .isInstanceOf(EventStore.DuplicateEventException.class)
                .hasMessageContaining("'2011-03-29-amazon' exists already");
        assertThat(store.get("2011-03-29-amazon")).contains(original);
    }
}
