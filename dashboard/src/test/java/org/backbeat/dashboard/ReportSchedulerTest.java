package org.backbeat.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.backbeat.core.Catalogue;
import org.backbeat.core.Json;
import org.backbeat.core.ScoredPost;
import org.backbeat.dashboard.events.AdminToken;
import org.backbeat.dashboard.events.EventStore;
import org.backbeat.dashboard.events.EventsConfig;
import org.backbeat.dashboard.export.PostsExporter;
import org.backbeat.dashboard.reports.ReportDefinition;
import org.backbeat.dashboard.reports.ReportRun;
import org.backbeat.dashboard.reports.ReportScheduler;
import org.backbeat.dashboard.reports.ReportStore;
import org.backbeat.dashboard.reports.ReportsConfig;
import org.backbeat.dashboard.reports.Schedule;
import org.backbeat.index.schema.PostIndex;
import org.backbeat.index.testing.Fixtures;
import org.backbeat.index.testing.RealElasticsearch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report scheduler on the real Elasticsearch with a clock the test moves: a due report runs and writes its
 * file, a second tick does not run it again, a report missed while Backbeat was down runs once at the next start
 * (not once per missed day), and the routes save (admin token), list and serve the files.
 */
@ExtendWith(RealElasticsearch.class)
class ReportSchedulerTest {

    static final String INDEX = "test-reports-posts";
    static final List<ScoredPost> POSTS = ApiFixtures.posts();
    private static PostQueries queries;
    private static EventStore events;

    /** A clock the test sets. */
    static final class MovingClock extends Clock {
        volatile Instant now;

        MovingClock(String start) {
            now = Instant.parse(start);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(now, zone);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeAll
    static void indexTheFixtures(ElasticsearchClient client) throws IOException {
        PostIndex index = new PostIndex(client, INDEX, 0);
        index.ensureCreated();
        Fixtures.write(client, index, POSTS);
        queries = new PostQueries(index);
        events = new EventStore(client, new EventsConfig("test-reports-events", 0));
        events.ensureCreatedAndSeeded();
    }

    static ReportStore store(ElasticsearchClient client, String index, Path dir) {
        ReportStore store = new ReportStore(client, new ReportsConfig(index, 0, dir, java.time.Duration.ofSeconds(30)));
        store.ensureCreated();
        return store;
    }

    static ReportScheduler scheduler(ReportStore store, Clock clock) {
        return new ReportScheduler(store, ExportService.create(Catalogue.defaults(), queries, events,
                org.backbeat.dashboard.export.AlertStores.none(), PostsExporter.Settings.DEFAULTS, clock), clock);
    }

    static ReportDefinition daily(String name, Instant createdAt) {
        return new ReportDefinition(name, "posts", Map.of("entity", "amazon", "columns", "id,time"), "last 7 days",
                new Schedule("day", null, "07:00", "UTC"), createdAt);
    }

    @Test
    void a_due_report_runs_once_and_a_missed_one_runs_once_at_the_next_start(ElasticsearchClient client, @TempDir Path dir)
            throws IOException {
        // given a daily 07:00 report saved on 1 April 2011 and a clock on 4 April, 06:00
        ReportStore store = store(client, "test-reports-a", dir);
        store.put(daily("amazon-daily", Instant.parse("2011-04-01T00:00:00Z")));
        MovingClock clock = new MovingClock("2011-04-04T06:00:00Z");
        ReportScheduler scheduler = scheduler(store, clock);

        // when it ticks: the latest due run is 3 April 07:00, covering 27 March to 2 April
        List<ReportRun> first = scheduler.tick();
        List<ReportRun> again = scheduler.tick();

        // then one run, one file, with exactly the Amazon posts of those 7 days
        assertThat(first).hasSize(1);
        assertThat(first.get(0).status()).isEqualTo(ReportRun.DONE);
        assertThat(first.get(0).date()).isEqualTo(LocalDate.parse("2011-04-03"));
        assertThat(again).isEmpty();
        List<CSVRecord> rows = read(dir.resolve("amazon-daily/2011-04-03.csv"));
        assertThat(rows.stream().map(r -> r.get("id")).toList()).containsExactlyElementsOf(amazonIds("2011-03-27", "2011-04-03"));
        assertThat(first.get(0).rows()).isEqualTo(rows.size());

        // when Backbeat is down from then until 9 April, 08:00, and starts again (a new scheduler)
        clock.now = Instant.parse("2011-04-09T08:00:00Z");
        ReportScheduler restarted = scheduler(store, clock);
        List<ReportRun> caughtUp = restarted.tick();
        List<ReportRun> thenNothing = restarted.tick();

        // then the missed report runs once, for the latest due day, and not for each missed day
        assertThat(caughtUp).extracting(ReportRun::date).containsExactly(LocalDate.parse("2011-04-09"));
        assertThat(thenNothing).isEmpty();
        assertThat(files(dir.resolve("amazon-daily"))).containsExactly("2011-04-03.csv", "2011-04-09.csv");
        assertThat(read(dir.resolve("amazon-daily/2011-04-09.csv")).stream().map(r -> r.get("id")).toList())
                .containsExactlyElementsOf(amazonIds("2011-04-02", "2011-04-09"));
        assertThat(store.runs("amazon-daily")).extracting(ReportRun::date)
                .containsExactly(LocalDate.parse("2011-04-09"), LocalDate.parse("2011-04-03"));

        // and a second process racing the same tick does not write it again
        assertThat(scheduler(store, clock).tick()).isEmpty();
    }

    @Test
    void a_report_saved_after_its_time_today_waits_for_tomorrow_and_weekly_reports_run_on_their_day(
            ElasticsearchClient client, @TempDir Path dir) {
        ReportStore store = store(client, "test-reports-b", dir);
        MovingClock clock = new MovingClock("2011-04-04T08:00:00Z"); // a Monday
        store.put(daily("late", clock.now));
        store.put(new ReportDefinition("weekly", "series", Map.of("entity", "amazon"), "previous week",
                new Schedule("week", "monday", "09:30", "Europe/London"), Instant.parse("2011-03-01T00:00:00Z")));
        ReportScheduler scheduler = scheduler(store, clock);

        // at 08:00 UTC on Monday: "late" was saved after today's 07:00; the weekly one's latest due is last Monday 09:30 London
        assertThat(scheduler.tick()).extracting(ReportRun::name, ReportRun::date)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("weekly", LocalDate.parse("2011-03-28")));
        // at 08:31 UTC = 09:31 in London (BST): this Monday's weekly run
        clock.now = Instant.parse("2011-04-04T08:31:00Z");
        assertThat(scheduler.tick()).extracting(ReportRun::name, ReportRun::date)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("weekly", LocalDate.parse("2011-04-04")));
        clock.now = Instant.parse("2011-04-05T07:00:00Z");
        assertThat(scheduler.tick()).extracting(ReportRun::name).containsExactly("late");
    }

    @Test
    void the_routes_save_with_the_admin_token_list_definitions_and_runs_and_serve_the_files(ElasticsearchClient client,
                                                                                           @TempDir Path dir) {
        ReportStore store = store(client, "test-reports-c", dir);
        MovingClock clock = new MovingClock("2011-04-04T06:00:00Z");
        DashboardApp app = new DashboardApp(DashboardConfig.defaults().withIndex(INDEX), Catalogue.defaults(), queries, events,
                AdminToken.of(DashboardApiTest.TOKEN), List.of(), store, clock);
        String body = "{\"kind\":\"posts\",\"filters\":{\"entity\":\"amazon\",\"columns\":\"id,text\",\"bom\":\"true\"},"
                + "\"period\":\"last 7 days\",\"schedule\":{\"every\":\"day\",\"time\":\"05:00\",\"zone\":\"UTC\"}}";
        JavalinTest.test(app.javalin(), (server, http) -> {
            Response anonymous = http.request("/api/reports/amazon-daily", b -> b.put(java.net.http.HttpRequest.BodyPublishers.ofString(body)));
            assertThat(anonymous.code()).isEqualTo(401);
            Response badFilter = http.request("/api/reports/bad", b -> b.header("Authorization", "Bearer " + DashboardApiTest.TOKEN)
                    .put(java.net.http.HttpRequest.BodyPublishers.ofString(body.replace("\"id,text\"", "\"id,mood\""))));
            assertThat(badFilter.code()).isEqualTo(400);
            assertThat(Json.mapper().readTree(badFilter.body().string()).get("error").asText()).startsWith("unknown column mood");
            Response saved = http.request("/api/reports/amazon-daily", b -> b.header("Authorization", "Bearer " + DashboardApiTest.TOKEN)
                    .put(java.net.http.HttpRequest.BodyPublishers.ofString(body)));
            assertThat(saved.code()).isEqualTo(200);

            // the definition was saved at 06:00, after today's 05:00: the first run is tomorrow's
            clock.now = Instant.parse("2011-04-05T05:00:00Z");
            assertThat(app.scheduler() == null ? List.of() : app.scheduler().tick()).hasSize(1);

            JsonNode list = Json.mapper().readTree(http.get("/api/reports").body().string()).get("reports");
            assertThat(list).hasSize(1);
            assertThat(list.get(0).get("definition").get("name").asText()).isEqualTo("amazon-daily");
            assertThat(list.get(0).get("nextRun").asText()).isEqualTo("2011-04-06T05:00:00Z");
            JsonNode run = list.get(0).get("runs").get(0);
            assertThat(run.get("status").asText()).isEqualTo("done");
            assertThat(run.get("file").asText()).isEqualTo("amazon-daily/2011-04-05.csv".replace('/', java.io.File.separatorChar));

            Response file = http.get("/api/reports/amazon-daily/files/2011-04-05.csv");
            assertThat(file.code()).isEqualTo(200);
            assertThat(file.body().string()).startsWith("\uFEFFid,text\r\n");
            assertThat(http.get("/api/reports/amazon-daily/files/2011-04-04.csv").code()).isEqualTo(404);
            assertThat(http.get("/api/reports/..%2F..%2Fetc/files/2011-04-04.csv").code()).isEqualTo(404);
        });
    }

    private static List<String> amazonIds(String from, String to) {
        Instant start = LocalDate.parse(from).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = LocalDate.parse(to).atStartOfDay(ZoneOffset.UTC).toInstant();
        return POSTS.stream().filter(p -> p.entities().contains("amazon"))
                .filter(p -> !p.post().publishedAt().isBefore(start) && p.post().publishedAt().isBefore(end))
                .sorted(java.util.Comparator.comparing((ScoredPost p) -> p.post().publishedAt()))
                .map(ScoredPost::id).toList();
    }

    private static List<CSVRecord> read(Path file) throws IOException {
        try (CSVParser parser = CSVParser.parse(new StringReader(Files.readString(file)), CSVFormat.RFC4180.builder().setHeader().get())) {
            return parser.getRecords();
        }
    }

    private static List<String> files(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
