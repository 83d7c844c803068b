package org.backbeat.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.Map;
import org.backbeat.core.Catalogue;
import org.backbeat.core.Json;
import org.backbeat.dashboard.events.AdminToken;
import org.backbeat.dashboard.events.EventStore;
import org.backbeat.dashboard.events.EventsConfig;
import org.backbeat.dashboard.events.EventsController;
import org.backbeat.index.testing.RealElasticsearch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link EventsController} behind a small Javalin app of this test's own, wired the way {@link DashboardApp}
 * wires its controllers (same JSON mapper, errors as {@code {"status","error"}}), on the real Elasticsearch.
 */
@ExtendWith(RealElasticsearch.class)
class EventsControllerTest {

    private static final String INDEX = "test-events-api";
    private static final String TOKEN = "s3cret-admin-token-for-tests";
    private static final ObjectMapper JSON = Json.mapper();
    private static final String SPOTIFY = """
            {"date":"2011-07-14","title":"Spotify launches in the United States","entities":["spotify"],
             "kind":"launch","sourceUrl":"https://example.org/spotify-us"}""";

    private EventStore store;

    @BeforeEach
    void freshIndex(ElasticsearchClient client) throws IOException {
        if (client.indices().exists(e -> e.index(INDEX)).value()) {
            client.indices().delete(d -> d.index(INDEX));
        }
        store = new EventStore(client, new EventsConfig(INDEX, 0));
        store.ensureCreated();
    }

    private Javalin app(AdminToken token) {
        EventsController events = new EventsController(store, Catalogue.defaults(), token);
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(Json.mapper(), false));
            config.routes.get("/api/events", events::list);
            config.routes.get("/api/events/{id}", events::get);
            config.routes.post("/api/events", events::create);
            config.routes.put("/api/events/{id}", events::update);
            config.routes.delete("/api/events/{id}", events::delete);
            config.routes.exception(HttpResponseException.class, (e, ctx) ->
                    ctx.status(e.getStatus()).json(Map.of("status", e.getStatus(), "error", e.getMessage())));
        });
    }

    private static Response post(io.javalin.testtools.HttpClient http, String body, String authorization) {
        return http.request("/api/events", b -> {
            b.post(BodyPublishers.ofString(body)).header("Content-Type", "application/json");
            if (authorization != null) {
                b.header("Authorization", authorization);
            }
        });
    }

    private static String error(Response response) throws IOException {
        return JSON.readTree(response.body().string()).get("error").asText();
    }

    @Test
    void an_admin_creates_an_event_that_everyone_can_list_and_get() {
        JavalinTest.test(app(AdminToken.of(TOKEN)), (server, http) -> {
            // when
            Response created = post(http, SPOTIFY, "Bearer " + TOKEN);

            // then
            assertThat(created.code()).isEqualTo(201);
            JsonNode event = JSON.readTree(created.body().string());
            assertThat(event.get("id").asText()).isEqualTo("2011-07-14-spotify-launches-in-the-united-states");
            assertThat(event.get("date").asText()).isEqualTo("2011-07-14");

            JsonNode listed = JSON.readTree(http.get("/api/events?entity=spotify&from=2011-07-01&to=2011-07-31").body().string());
            assertThat(listed.get("events")).hasSize(1);
            assertThat(listed.get("events").get(0)).isEqualTo(event);
            assertThat(JSON.readTree(http.get("/api/events?entity=amazon").body().string()).get("events")).isEmpty();

            Response got = http.get("/api/events/2011-07-14-spotify-launches-in-the-united-states");
            assertThat(got.code()).isEqualTo(200);
            assertThat(JSON.readTree(got.body().string())).isEqualTo(event);
        });
    }

    @Test
    void writes_without_the_right_token_are_refused_and_change_nothing() {
        JavalinTest.test(app(AdminToken.of(TOKEN)), (server, http) -> {
            Response none = post(http, SPOTIFY, null);
            Response wrong = post(http, SPOTIFY, "Bearer not-the-token-at-all");
            Response deleted = http.request("/api/events/x", b -> b.delete(BodyPublishers.noBody()).header("Authorization", "Bearer nope"));

            assertThat(none.code()).isEqualTo(401);
            assertThat(none.headers().get("WWW-Authenticate")).containsExactly("Bearer");
            assertThat(error(none)).isEqualTo("this needs the admin token: send the header 'Authorization: Bearer <token>'");
            assertThat(wrong.code()).isEqualTo(401);
            assertThat(deleted.code()).isEqualTo(401);
            assertThat(store.list(null, null, null)).isEmpty();
        });
    }

    @Test
    void with_no_token_configured_writes_are_refused_with_how_to_set_one() {
        JavalinTest.test(app(AdminToken.none()), (server, http) -> {
            Response response = post(http, SPOTIFY, "Bearer anything-at-all-here");

            assertThat(response.code()).isEqualTo(403);
            assertThat(error(response)).isEqualTo(AdminToken.HOW_TO_SET).contains("BACKBEAT_ADMIN_TOKEN");
        });
    }

    @Test
    void invalid_events_get_400_saying_what_to_fix() {
        JavalinTest.test(app(AdminToken.of(TOKEN)), (server, http) -> {
            String auth = "Bearer " + TOKEN;

            Response badFields = post(http, """
                    {"date":"2011-07-14","title":"x","entities":["tiktok"],"kind":"party","sourceUrl":"javascript:alert(1)"}""", auth);
            Response badDate = post(http, """
                    {"date":"14/07/2011","title":"x","entities":["spotify"],"kind":"launch","sourceUrl":"https://e.org"}""", auth);
            Response unknownField = post(http, """
                    {"date":"2011-07-14","title":"x","entities":["spotify"],"kind":"launch","sourceURL":"https://e.org"}""", auth);
            Response notJson = post(http, "{", auth);
            Response badQuery = http.get("/api/events?from=yesterday");

            assertThat(badFields.code()).isEqualTo(400);
            assertThat(error(badFields)).isEqualTo("entities: 'tiktok' is not a catalogue entity id (see /api/entities); "
                    + "kind must be one of [acquisition, announcement, deal, dispute, launch, lawsuit, listing, other, outage, policy, ruling, settlement, shutdown], was 'party'; "
                    + "sourceUrl must be an http:// or https:// link to a source reporting the event");
            assertThat(badDate.code()).isEqualTo(400);
            assertThat(error(badDate)).isEqualTo("field 'date' has the wrong form: use YYYY-MM-DD");
            assertThat(error(unknownField)).isEqualTo("unknown field 'sourceURL'; an event has id, date, title, entities, kind, sourceUrl");
            assertThat(notJson.code()).isEqualTo(400);
            assertThat(error(notJson)).startsWith("the body is not valid JSON");
            assertThat(badQuery.code()).isEqualTo(400);
            assertThat(error(badQuery)).isEqualTo("from must be a date like 2011-03-29, was 'yesterday'");
            assertThat(store.list(null, null, null)).isEmpty();
        });
    }

    @Test
    void update_and_delete_work_on_known_ids_and_answer_404_otherwise() {
        JavalinTest.test(app(AdminToken.of(TOKEN)), (server, http) -> {
            String auth = "Bearer " + TOKEN;
            post(http, SPOTIFY, auth);
            String id = "2011-07-14-spotify-launches-in-the-united-states";
            String changed = SPOTIFY.replace("Spotify launches in the United States", "Spotify opens in the US");

            Response updated = http.request("/api/events/" + id, b -> b.put(BodyPublishers.ofString(changed)).header("Authorization", auth));
            Response updateMissing = http.request("/api/events/nope", b -> b.put(BodyPublishers.ofString(changed)).header("Authorization", auth));
            Response idMismatch = http.request("/api/events/" + id, b -> b.put(BodyPublishers.ofString(
                    changed.replace("{", "{\"id\":\"other\","))).header("Authorization", auth));
            Response getMissing = http.get("/api/events/nope");

            assertThat(updated.code()).isEqualTo(200);
            assertThat(store.get(id).orElseThrow().title()).isEqualTo("Spotify opens in the US");
            assertThat(updateMissing.code()).isEqualTo(404);
            assertThat(error(updateMissing)).isEqualTo("no event with id 'nope' (see /api/events)");
            assertThat(idMismatch.code()).isEqualTo(400);
            assertThat(getMissing.code()).isEqualTo(404);

            Response deleted = http.request("/api/events/" + id, b -> b.delete(BodyPublishers.noBody()).header("Authorization", auth));
            Response deletedAgain = http.request("/api/events/" + id, b -> b.delete(BodyPublishers.noBody()).header("Authorization", auth));
            assertThat(deleted.code()).isEqualTo(204);
            assertThat(deletedAgain.code()).isEqualTo(404);
            assertThat(store.get(id)).isEmpty();
        });
    }

    @Test
    void creating_the_same_event_twice_is_a_conflict() {
        JavalinTest.test(app(AdminToken.of(TOKEN)), (server, http) -> {
            post(http, SPOTIFY, "Bearer " + TOKEN);
            Response again = post(http, SPOTIFY, "Bearer " + TOKEN);

            assertThat(again.code()).isEqualTo(409);
            assertThat(error(again)).contains("exists already");
        });
    }
}
