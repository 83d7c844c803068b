package org.backbeat.dashboard;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.ServiceUnavailableResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;
import org.backbeat.alerts.store.AlertHistory;
import org.backbeat.alerts.webhook.delivery.DeliveryLog;
import org.backbeat.alerts.webhook.delivery.DeliveryState;
import org.backbeat.alerts.webhook.delivery.DeliveryStatus;
import org.backbeat.core.Alert;
import org.backbeat.core.Catalogue;
import org.backbeat.core.quantify.ShareQuantifier;
import org.backbeat.dashboard.events.Event;
import org.backbeat.dashboard.events.EventStore;
import org.backbeat.dashboard.export.AlertStores;
import org.backbeat.dashboard.export.CsvRowWriter;
import org.backbeat.dashboard.export.CsvTable;
import org.backbeat.dashboard.export.ExportFileName;
import org.backbeat.dashboard.export.ExportKind;
import org.backbeat.dashboard.export.PostRow;
import org.backbeat.dashboard.export.PostsExporter;
import org.backbeat.dashboard.export.PostsTable;

/**
 * CSV exports of what the dashboard shows, for the HTTP route, the {@code export} command and scheduled reports.
 * {@link #prepare} validates the parameters (the JSON routes' own, through {@link Params}, plus {@code columns},
 * {@code bom} and, for posts, {@code per}) and fails with a 400 before anything is read; {@link Prepared#start()}
 * reads what the first byte needs (aggregations are computed whole, by the same {@link PostQueries} calls and
 * controller methods as the JSON routes; posts open a point in time); {@link Run#write} writes the CSV.
 */
public final class ExportService {

    /** Most event-and-entity rows one impact export estimates. */
    static final int MAX_IMPACT_ROWS = 100;

    private final Params params;
    private final PostQueries queries;
    private final PostsExporter posts;
    private final EntitiesController entities;
    private final ImpactController impact;
    private final EventStore events;
    private final AlertStores alertStores;
    private final Clock clock;
    private final CorrectedShares corrected;

    ExportService(Params params, PostQueries queries, PostsExporter posts, EntitiesController entities,
                  ImpactController impact, EventStore events, AlertStores alertStores, Clock clock,
                  CorrectedShares corrected) {
        this.corrected = corrected;
        this.params = params;
        this.queries = queries;
        this.posts = posts;
        this.entities = entities;
        this.impact = impact;
        this.events = events;
        this.alertStores = alertStores;
        this.clock = clock;
    }

    /** An export service of its own (for the command line), over the same queries the dashboard asks. */
    public static ExportService create(Catalogue catalogue, PostQueries queries, EventStore events, AlertStores alertStores,
                                       PostsExporter.Settings settings, Clock clock) {
        Params params = new Params(catalogue);
        return new ExportService(params, queries, new PostsExporter(queries.client(), queries.index(), settings),
                new EntitiesController(catalogue, params, queries), new ImpactController(catalogue, params, queries, events),
                events, alertStores, clock, CorrectedShares.standard());
    }

    /** A validated export: its kind, file name and how to start it. */
    public record Prepared(ExportKind kind, String fileName, boolean bom, Starter starter) {
        /**
         * Reads what the first byte needs. Failures to reach Elasticsearch are thrown here, before anything is
         * written ({@link SearchUnavailableException}, {@link org.backbeat.dashboard.export.ExportFailedException}).
         */
        public Run start() {
            return starter.start();
        }
    }

    @FunctionalInterface
    public interface Starter {
        Run start();
    }

    /** A started export. Close it (closes the point in time of a posts export). */
    public interface Run extends AutoCloseable {
        /**
         * Writes the CSV (header, rows) to {@code out} and flushes it; {@code out} stays open.
         *
         * @param progress told the rows (posts, for the posts export) written so far, after each page
         * @return rows written
         * @throws IOException what {@code out} threw (the client went away): the reads have stopped
         */
        long write(OutputStream out, LongConsumer progress) throws IOException;

        /** How many rows (posts, for the posts export) there will be: for a progress bar. */
        long total();

        @Override
        void close();
    }

    /**
     * Validates the parameters of an export of {@code kind}.
     *
     * @throws BadRequestResponse saying what to send instead (unknown column, bad filter...)
     */
    public Prepared prepare(ExportKind kind, Params.Lookup p) {
        boolean bom = Boolean.parseBoolean(Params.choice(p, "bom", "false", "true", "false"));
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        try {
            return switch (kind) {
                case POSTS -> preparePosts(p, bom, today);
                case SERIES -> {
                    PostFilter filter = params.filter(p);
                    Interval interval = Params.interval(p);
                    ShareQuantifier.IntervalMethod method = CorrectedShares.method(p);
                    CsvTable<ExportTables.SeriesRow> table = ExportTables.SERIES.select(p.get("columns"));
                    yield new Prepared(kind, name(kind, filter, today), bom, () -> rows(table,
                            queries.series(filter, interval).stream()
                                    .map(b -> new ExportTables.SeriesRow(b, interval, corrected.shares(b, method))).toList(), bom));
                }
                case SHARE_OF_VOICE -> {
                    CsvTable<EntitiesController.Voice> table = ExportTables.SHARE_OF_VOICE.select(p.get("columns"));
                    PostFilter filter = params.filter(p);
                    yield new Prepared(kind, name(kind, filter.withEntity(null), today), bom,
                            () -> rows(table, entities.shareOfVoice(p).entities(), bom));
                }
                case TOPICS -> {
                    PostFilter filter = params.filter(p);
                    int size = Params.size(p, "size", 10, 100);
                    CsvTable<PostQueries.TopicStats> table = ExportTables.TOPICS.select(p.get("columns"));
                    yield new Prepared(kind, name(kind, filter, today), bom, () -> rows(table, queries.topTopics(filter, size), bom));
                }
                case TOP_POSTS -> {
                    PostFilter filter = params.filter(p);
                    PostQueries.Ranking ranking = PostQueries.Ranking.valueOf(Params.choice(p, "ranking",
                            PostQueries.Ranking.NEGATIVE.id(), "negative", "positive", "engaged").toUpperCase(java.util.Locale.ROOT));
                    int size = Params.size(p, "size", 10, PostsController.MAX_SIZE);
                    CsvTable<ExportTables.RankedPost> table = ExportTables.TOP_POSTS.select(p.get("columns"));
                    yield new Prepared(kind, name(ExportKind.TOP_POSTS, filter, today).replace("top-posts-", "top-posts-" + ranking.id() + "-"),
                            bom, () -> {
                                List<PostQueries.PostView> top = queries.topPosts(filter, ranking, size);
                                List<ExportTables.RankedPost> ranked = new ArrayList<>();
                                for (int i = 0; i < top.size(); i++) {
                                    ranked.add(new ExportTables.RankedPost(i + 1, ranking, top.get(i)));
                                }
                                return rows(table, ranked, bom);
                            });
                }
                case IMPACT -> prepareImpact(p, bom, today);
                case ALERTS -> prepareAlerts(p, bom, today);
                case DELIVERIES -> prepareDeliveries(p, bom, today);
            };
        } catch (IllegalArgumentException e) { // an unknown column, a bad per=
            throw new BadRequestResponse(e.getMessage());
        }
    }

    private Prepared preparePosts(Params.Lookup p, boolean bom, LocalDate today) {
        PostFilter filter = params.filter(p);
        PostRow.Per per = PostRow.Per.parse(Params.choice(p, "per", "post", "post", "entity"));
        CsvTable<PostRow> table = PostsTable.of(per).select(p.get("columns"));
        String entity = filter.entity();
        return new Prepared(ExportKind.POSTS, name(ExportKind.POSTS, filter, today), bom, () -> {
            PostsExporter.Cursor cursor = posts.open(filter.query());
            return new Run() {
                @Override
                public long write(OutputStream out, LongConsumer progress) throws IOException {
                    CsvRowWriter<PostRow> writer = new CsvRowWriter<>(out, table, bom);
                    long[] done = {0};
                    cursor.drain(page -> {
                        for (var post : page) {
                            for (PostRow row : PostRow.rows(post, per, entity)) {
                                writer.write(row);
                            }
                        }
                        writer.flush();
                        done[0] += page.size();
                        progress.accept(done[0]);
                    });
                    writer.finish();
                    return writer.rows();
                }

                @Override
                public long total() {
                    return posts.count(filter.query());
                }

                @Override
                public void close() {
                    cursor.close();
                }
            };
        });
    }

    /**
     * One row per event and entity: {@code event} (one event; default every event dated within {@code from}/{@code to}),
     * {@code entity} (one entity; default each entity of each event), {@code window} (days, as the JSON route).
     */
    private Prepared prepareImpact(Params.Lookup p, boolean bom, LocalDate today) {
        String entity = params.entity(p);
        TimeRange range = Params.range(p);
        int window = Params.size(p, "window", ImpactController.DEFAULT_WINDOW_DAYS, ImpactController.MAX_WINDOW_DAYS);
        String eventId = p.get("event");
        Weight weight = Weight.of(p);
        CsvTable<ImpactController.Response> table = ExportTables.IMPACT.select(p.get("columns"));
        String subject = eventId != null && !eventId.isBlank() ? eventId.strip() : entity;
        return new Prepared(ExportKind.IMPACT, ExportFileName.of(ExportKind.IMPACT, subject, range.from(), range.to(), today), bom, () -> {
            List<Event> chosen;
            if (eventId != null && !eventId.isBlank()) {
                chosen = List.of(events.get(eventId.strip())
                        .orElseThrow(() -> new NotFoundResponse("no event with id '" + eventId.strip() + "' (see /api/events)")));
            } else {
                chosen = events.list(entity, range.from() == null ? null : LocalDate.ofInstant(range.from(), ZoneOffset.UTC),
                        range.to() == null ? null : LocalDate.ofInstant(range.to().minusNanos(1), ZoneOffset.UTC));
            }
            List<ImpactController.Response> answers = new ArrayList<>();
            for (Event event : chosen) {
                for (String e : entity != null ? List.of(entity) : event.entities()) {
                    if (answers.size() >= MAX_IMPACT_ROWS) {
                        throw new BadRequestResponse("an impact export estimates at most " + MAX_IMPACT_ROWS
                                + " event-and-entity rows: narrow it with entity, event or from/to");
                    }
                    answers.add(impact.answer(event, e, window, weight));
                }
            }
            return rows(table, answers, bom);
        });
    }

    /**
     * The alert history, newest first, as {@code /api/alerts/history}: {@code rule}, {@code entity} (an entity id, or
     * {@code *} for the rules over every post), {@code from}/{@code to} on the time it fired or resolved ({@code to}
     * exclusive, like every export). More than {@link AlertHistory#MAX_ALERTS} matches is a 400, never a cut file.
     */
    private Prepared prepareAlerts(Params.Lookup p, boolean bom, LocalDate today) {
        AlertHistory history = alertStores.history();
        if (history == null) {
            throw new ServiceUnavailableResponse("the alert history is not set up in this process");
        }
        String rule = blankToNull(p.get("rule"));
        String entity = Alert.ALL_ENTITIES.equals(blankToNull(p.get("entity"))) ? Alert.ALL_ENTITIES : params.entity(p);
        TimeRange range = Params.range(p);
        CsvTable<Alert> table = ExportTables.ALERTS.select(p.get("columns"));
        String subject = rule != null ? rule + (entity == null ? "" : "-" + entity) : entity;
        return new Prepared(ExportKind.ALERTS, ExportFileName.of(ExportKind.ALERTS, subject, range.from(), range.to(), today), bom, () -> {
            Instant lastIncluded = range.to() == null ? null : range.to().minusMillis(1); // the history's `to` is inclusive
            List<Alert> alerts = history.search(rule, entity, range.from(), lastIncluded, AlertHistory.MAX_ALERTS);
            requireWhole(alerts.size(), AlertHistory.MAX_ALERTS, "alerts", "rule, entity or from/to");
            return rows(table, alerts, bom);
        });
    }

    /**
     * The webhook delivery log, one row per attempt, as {@code /api/alerts/deliveries}: {@code alert},
     * {@code subscription}, {@code status}, and {@code from}/{@code to} on when the delivery was created. More than
     * {@link DeliveryLog#MAX_RESULTS} deliveries is a 400, never a cut file.
     */
    private Prepared prepareDeliveries(Params.Lookup p, boolean bom, LocalDate today) {
        DeliveryLog log = alertStores.deliveries();
        if (log == null) {
            throw new ServiceUnavailableResponse("the webhook delivery log is not set up in this process");
        }
        String alert = blankToNull(p.get("alert"));
        String subscription = blankToNull(p.get("subscription"));
        String statusName = blankToNull(p.get("status"));
        DeliveryStatus status = null;
        if (statusName != null) {
            try {
                status = DeliveryStatus.valueOf(statusName.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadRequestResponse("status must be one of " + java.util.Arrays.toString(DeliveryStatus.values())
                        + ", was '" + statusName + "'");
            }
        }
        DeliveryStatus chosen = status;
        TimeRange range = Params.range(p);
        CsvTable<ExportTables.DeliveryAttempt> table = ExportTables.DELIVERIES.select(p.get("columns"));
        String subject = subscription != null ? subscription : alert;
        return new Prepared(ExportKind.DELIVERIES, ExportFileName.of(ExportKind.DELIVERIES, subject, range.from(), range.to(), today),
                bom, () -> {
                    List<DeliveryState> found = log.find(alert, subscription, chosen, true, range.from(), range.to(), DeliveryLog.MAX_RESULTS);
                    requireWhole(found.size(), DeliveryLog.MAX_RESULTS, "deliveries", "alert, subscription, status or from/to");
                    return rows(table, found.stream().flatMap(d -> ExportTables.DeliveryAttempt.of(d).stream()).toList(), bom);
                });
    }

    /** A search that filled its page may have left matches out: refuse rather than write a file that looks whole. */
    private static void requireWhole(int found, int max, String what, String narrowBy) {
        if (found >= max) {
            throw new BadRequestResponse("an export of " + what + " holds at most " + (max - 1) + " of them and at least " + max
                    + " match: narrow it with " + narrowBy);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String name(ExportKind kind, PostFilter filter, LocalDate today) {
        String subject = filter.entity();
        if (filter.topic() != null) {
            subject = (subject == null ? "all" : subject) + "-" + filter.topic();
        }
        return ExportFileName.of(kind, subject, filter.range().from(), filter.range().to(), today);
    }

    /** A run over rows already computed. */
    private static <T> Run rows(CsvTable<T> table, List<T> rows, boolean bom) {
        return new Run() {
            @Override
            public long write(OutputStream out, LongConsumer progress) throws IOException {
                CsvRowWriter<T> writer = new CsvRowWriter<>(out, table, bom);
                writer.writeAll(rows);
                writer.finish();
                progress.accept(rows.size());
                return writer.rows();
            }

            @Override
            public long total() {
                return rows.size();
            }

            @Override
            public void close() {
                // nothing held
            }
        };
    }
}
