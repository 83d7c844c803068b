package org.backbeat.dashboard.events;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.Result;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.transport.TransportException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.backbeat.core.Json;
import org.backbeat.index.schema.SearchUnavailableException;
import org.elasticsearch.client.ResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events index: create it with its strict mapping, seed it from {@value #SEED_RESOURCE} the first time,
 * and create, list, get, update and delete {@link Event}s. Writes wait for a refresh, so what an admin saved is
 * in the next list. Needs nothing the minimal Elasticsearch distribution lacks (no scripts, no delete-by-query).
 */
public final class EventStore {

    private static final Logger log = LoggerFactory.getLogger(EventStore.class);
    /** The classpath resource with the seed events. */
    public static final String SEED_RESOURCE = "/org/backbeat/dashboard/events.json";
    /** Most events a list returns. */
    public static final int MAX_EVENTS = 1000;

    /** Thrown by {@link #create} when an event with the id exists. */
    public static final class DuplicateEventException extends RuntimeException {
        public DuplicateEventException(String id) {
            super("an event with id '" + id + "' exists already; choose another id or update it with PUT /api/events/" + id);
        }
    }

    private final ElasticsearchClient client;
    private final String index;
    private final int replicas;

    public EventStore(ElasticsearchClient client, EventsConfig config) {
        this.client = client;
        this.index = config.index();
        this.replicas = config.replicas();
    }

    public String index() {
        return index;
    }

    /**
     * Creates the index unless it exists and, when this call created it, adds the seed events. Seeding uses
     * each event's stable id with create-only writes, so a repeat (two processes starting together) neither
     * duplicates nor overwrites anything, and events an admin deleted do not come back on the next start.
     *
     * @return how many seed events were added (0 when the index existed)
     */
    public int ensureCreatedAndSeeded() {
        return ensureCreated() ? seed(seedEvents()) : 0;
    }

    /** Creates the index unless it exists; returns whether this call created it. */
    public boolean ensureCreated() {
        try {
            if (client.indices().exists(e -> e.index(index)).value()) {
                return false;
            }
            client.indices().create(c -> c.index(index)
                    .settings(s -> s.numberOfShards("1").numberOfReplicas(Integer.toString(replicas)))
                    .mappings(mapping()));
            log.info("Created Elasticsearch index {} for events", index);
            return true;
        } catch (ElasticsearchException e) {
            if ("resource_already_exists_exception".equals(e.error().type())) {
                return false;
            }
            throw unavailable("create the events index", e);
        } catch (IOException e) {
            throw unavailable("create the events index", e);
        }
    }

    /**
     * Adds the events whose ids are not stored yet, in one bulk request of create-only operations; returns how
     * many were added. Ids already stored are left as they are (an admin may have corrected them).
     */
    public int seed(List<Event> events) {
        if (events.isEmpty()) {
            return 0;
        }
        try {
            BulkResponse response = client.bulk(b -> {
                b.index(index).refresh(Refresh.WaitFor);
                events.forEach(e -> b.operations(op -> op.create(c -> c.id(e.id()).document(e))));
                return b;
            });
            int added = 0;
            for (BulkResponseItem item : response.items()) {
                if (item.error() == null) {
                    added++;
                } else if (item.status() != 409) {
                    throw new SearchUnavailableException("cannot seed event " + item.id() + " into " + index + ": "
                            + item.error().type() + " " + item.error().reason(), null);
                }
            }
            log.info("Seeded {} of {} events into {}", added, events.size(), index);
            return added;
        } catch (ElasticsearchException | IOException e) {
            throw unavailable("seed events", e);
        }
    }

    /** The seed events shipped in {@value #SEED_RESOURCE}. */
    public static List<Event> seedEvents() {
        try (InputStream in = EventStore.class.getResourceAsStream(SEED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the seed events " + SEED_RESOURCE + " are missing from the classpath");
            }
            return Json.mapper().readValue(in, new TypeReference<List<Event>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the seed events " + SEED_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stores a new event (it must have an id; see {@link Event#withGeneratedId()}).
     *
     * @throws DuplicateEventException when the id is taken
     */
    public Event create(Event event) {
        Objects.requireNonNull(event.id(), "event id");
        try {
            client.create(c -> c.index(index).id(event.id()).document(event).refresh(Refresh.WaitFor));
            return event;
        } catch (ElasticsearchException e) {
            if (e.status() == 409) {
                throw new DuplicateEventException(event.id());
            }
            throw unavailable("store event " + event.id(), e);
        } catch (IOException e) {
            // the REST client reports a create conflict as an HTTP-level 409, not as a parsed Elasticsearch error
            if (httpStatus(e) == 409) {
                throw new DuplicateEventException(event.id());
            }
            throw unavailable("store event " + event.id(), e);
        }
    }

    /** The event with this id, if stored. */
    public Optional<Event> get(String id) {
        try {
            GetResponse<Event> response = client.get(g -> g.index(index).id(id), Event.class);
            return response.found() ? Optional.ofNullable(response.source()) : Optional.empty();
        } catch (ElasticsearchException | IOException e) {
            throw unavailable("read event " + id, e);
        }
    }

    /**
     * Events by date (then id), optionally only those concerning {@code entity} and dated within
     * {@code [from, to]} (both inclusive, either may be null); at most {@value #MAX_EVENTS}.
     */
    public List<Event> list(String entity, LocalDate from, LocalDate to) {
        Query query = Query.of(q -> q.bool(b -> {
            if (entity != null) {
                b.filter(f -> f.term(t -> t.field("entities").value(entity)));
            }
            if (from != null || to != null) {
                b.filter(f -> f.range(r -> r.date(d -> {
                    d.field("date");
                    if (from != null) {
                        d.gte(from.toString());
                    }
                    if (to != null) {
                        d.lte(to.toString());
                    }
                    return d;
                })));
            }
            return b;
        }));
        try {
            SearchResponse<Event> response = client.search(s -> s.index(index).query(query).size(MAX_EVENTS)
                    .sort(o -> o.field(f -> f.field("date").order(SortOrder.Asc)))
                    .sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc))), Event.class);
            List<Event> events = new ArrayList<>();
            for (Hit<Event> hit : response.hits().hits()) {
                events.add(hit.source());
            }
            return events;
        } catch (ElasticsearchException | IOException e) {
            throw unavailable("list events", e);
        }
    }

    /** Replaces the stored event of {@code event.id()}; returns false when there is none. */
    public boolean update(Event event) {
        try {
            // Index with if_seq_no would need a read first; an exists check then a full replace is enough for
            // an admin-only, low-rate resource. A delete racing this update may resurrect the event.
            if (!client.exists(e -> e.index(index).id(event.id())).value()) {
                return false;
            }
            client.index(i -> i.index(index).id(event.id()).document(event).refresh(Refresh.WaitFor));
            return true;
        } catch (ElasticsearchException | IOException e) {
            throw unavailable("update event " + event.id(), e);
        }
    }

    /** Deletes the event; returns false when there was none. */
    public boolean delete(String id) {
        try {
            return client.delete(d -> d.index(index).id(id).refresh(Refresh.WaitFor)).result() == Result.Deleted;
        } catch (ElasticsearchException e) {
            if (e.status() == 404) {
                return false;
            }
            throw unavailable("delete event " + id, e);
        } catch (IOException e) {
            if (httpStatus(e) == 404) {
                return false;
            }
            throw unavailable("delete event " + id, e);
        }
    }

    /** The strict mapping of {@link Event}. */
    static TypeMapping mapping() {
        return TypeMapping.of(m -> m
                .dynamic(DynamicMapping.Strict)
                .properties("id", p -> p.keyword(k -> k))
                .properties("date", p -> p.date(d -> d.format("strict_date")))
                .properties("title", p -> p.text(t -> t.analyzer("standard")))
                .properties("entities", p -> p.keyword(k -> k))
                .properties("kind", p -> p.keyword(k -> k))
                .properties("sourceUrl", p -> p.keyword(k -> k.index(false))));
    }

    /** The HTTP status behind a client I/O failure, or -1 when there was no response (connection refused, timeout). */
    static int httpStatus(IOException e) {
        if (e instanceof TransportException transport) {
            return transport.statusCode();
        }
        if (e instanceof ResponseException response) {
            return response.getResponse().getStatusLine().getStatusCode();
        }
        return -1;
    }

    private SearchUnavailableException unavailable(String what, Exception e) {
        return new SearchUnavailableException("cannot " + what + " in Elasticsearch index " + index + ": " + e.getMessage(), e);
    }
}
