package org.backbeat.dashboard.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.Header;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UnauthorizedResponse;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Collectors;
import org.backbeat.core.Catalogue;
import org.backbeat.core.Json;

/**
 * The events API. Reading is open to everyone; writing needs {@code Authorization: Bearer <admin token>}.
 * Register the handlers in the app's one route table:
 *
 * <pre>
 * GET    /api/events?entity=&amp;from=&amp;to=   {"events":[Event...]}  (entity: catalogue id; from/to: YYYY-MM-DD, inclusive)
 * GET    /api/events/{id}                 the Event, or 404
 * POST   /api/events                      admin; body an Event (id optional: derived from date and title) → 201 the stored Event
 * PUT    /api/events/{id}                 admin; body an Event (id absent or equal) → 200 the stored Event, or 404
 * DELETE /api/events/{id}                 admin → 204, or 404
 * </pre>
 *
 * Errors are thrown as Javalin {@code HttpResponseException}s (400 with what to fix, 401, 403 when no admin
 * token is configured, 404, 409 on a taken id) for the app's central error mapping; Elasticsearch failures
 * surface as {@link org.backbeat.dashboard.SearchUnavailableException} (503).
 */
public final class EventsController {

    /** Body of {@code GET /api/events}. */
    public record EventList(List<Event> events) {
    }

    private final EventStore store;
    private final Catalogue catalogue;
    private final AdminToken adminToken;
    private final ObjectMapper strictJson;

    public EventsController(EventStore store, Catalogue catalogue, AdminToken adminToken) {
        this.store = store;
        this.catalogue = catalogue;
        this.adminToken = adminToken;
        this.strictJson = Json.mapper().copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** {@code GET /api/events}. */
    public void list(Context ctx) {
        String entity = ctx.queryParam("entity");
        if (entity != null && (entity.isBlank() || "all".equals(entity))) {
            entity = null;
        }
        if (entity != null && catalogue.find(entity).isEmpty()) {
            throw new BadRequestResponse("entity must be a catalogue entity id (see /api/entities), was '" + entity + "'");
        }
        LocalDate from = date(ctx, "from");
        LocalDate to = date(ctx, "to");
        if (from != null && to != null && from.isAfter(to)) {
            throw new BadRequestResponse("from (" + from + ") must not be after to (" + to + ")");
        }
        ctx.json(new EventList(store.list(entity, from, to)));
    }

    /** {@code GET /api/events/{id}}. */
    public void get(Context ctx) {
        String id = ctx.pathParam("id");
        ctx.json(store.get(id).orElseThrow(() -> notFound(id)));
    }

    /** {@code POST /api/events}. */
    public void create(Context ctx) {
        requireAdmin(ctx);
        Event event = validated(parse(ctx).withGeneratedId());
        try {
            ctx.status(HttpStatus.CREATED).json(store.create(event));
        } catch (EventStore.DuplicateEventException e) {
            throw new ConflictResponse(e.getMessage());
        }
    }

    /** {@code PUT /api/events/{id}}. */
    public void update(Context ctx) {
        requireAdmin(ctx);
        String id = ctx.pathParam("id");
        Event body = parse(ctx);
        if (body.id() != null && !body.id().equals(id)) {
            throw new BadRequestResponse("the body's id '" + body.id() + "' differs from the path's '" + id
                    + "'; leave it out or make them equal (ids cannot be changed: delete and create instead)");
        }
        Event event = validated(body.withId(id));
        if (!store.update(event)) {
            throw notFound(id);
        }
        ctx.json(event);
    }

    /** {@code DELETE /api/events/{id}}. */
    public void delete(Context ctx) {
        requireAdmin(ctx);
        String id = ctx.pathParam("id");
        if (!store.delete(id)) {
            throw notFound(id);
        }
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private void requireAdmin(Context ctx) {
        if (!adminToken.isConfigured()) {
            throw new ForbiddenResponse(AdminToken.HOW_TO_SET);
        }
        if (!adminToken.accepts(ctx.header(Header.AUTHORIZATION))) {
            ctx.header(Header.WWW_AUTHENTICATE, "Bearer");
            throw new UnauthorizedResponse("this needs the admin token: send the header 'Authorization: Bearer <token>'");
        }
    }

    private Event parse(Context ctx) {
        String body = ctx.body();
        if (body.isBlank()) {
            throw new BadRequestResponse("the body must be a JSON event: {\"date\":\"YYYY-MM-DD\",\"title\":...,\"entities\":[...],\"kind\":...,\"sourceUrl\":...}");
        }
        try {
            Event event = strictJson.readValue(body, Event.class);
            if (event == null) {
                throw new BadRequestResponse("the body must be a JSON object, was null");
            }
            return event;
        } catch (UnrecognizedPropertyException e) {
            throw new BadRequestResponse("unknown field '" + e.getPropertyName() + "'; an event has id, date, title, entities, kind, sourceUrl");
        } catch (JsonMappingException e) {
            String field = e.getPath().stream().map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]" : r.getFieldName())
                    .collect(Collectors.joining("."));
            throw new BadRequestResponse(field.isEmpty() ? "the body must be a JSON object describing an event"
                    : "field '" + field + "' has the wrong form" + ("date".equals(field) ? ": use YYYY-MM-DD" : ""));
        } catch (JsonProcessingException e) {
            throw new BadRequestResponse("the body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private Event validated(Event event) {
        List<String> problems = event.problems(catalogue);
        if (!problems.isEmpty()) {
            throw new BadRequestResponse(String.join("; ", problems));
        }
        return event;
    }

    private static LocalDate date(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new BadRequestResponse(name + " must be a date like 2011-03-29, was '" + value + "'");
        }
    }

    private static NotFoundResponse notFound(String id) {
        return new NotFoundResponse("no event with id '" + id + "' (see /api/events)");
    }
}
