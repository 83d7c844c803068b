package org.backbeat.dashboard;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.javalin.validation.ValidationError;
import io.javalin.validation.ValidationException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.backbeat.alerts.webhook.WebhookStorageException;
import org.backbeat.core.Catalogue;
import org.backbeat.core.Json;
import org.backbeat.core.health.HealthCheck;
import org.backbeat.core.metrics.ConsumerLag;
import org.backbeat.core.metrics.ProcessMetrics;
import org.backbeat.dashboard.alerts.AlertsController;
import org.backbeat.dashboard.alerts.WebhooksController;
import org.backbeat.dashboard.events.AdminToken;
import org.backbeat.dashboard.events.EventStore;
import org.backbeat.dashboard.events.EventsController;
import org.backbeat.dashboard.reports.ReportScheduler;
import org.backbeat.dashboard.reports.ReportStore;
import org.backbeat.dashboard.reports.ReportsController;
import org.backbeat.index.schema.SearchUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard web app: the page at {@code /} (plain HTML/JS with ECharts from its WebJar), the JSON API, its
 * OpenAPI document at {@code /openapi.json} and swagger-ui at {@code /api-docs}. Every route is declared in
 * {@link #configure}; handlers live in small controllers; errors are thrown and mapped to JSON
 * {@code {"status":400,"error":"..."}} in one place. {@code docs/api.md} and {@code openapi.json} describe each route.
 */
public final class DashboardApp {

    private static final Logger log = LoggerFactory.getLogger(DashboardApp.class);
    public static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(3);

    /** Body of every error response. */
    record ErrorBody(int status, String error) {
    }

    /** The controllers, built once from the app's dependencies. */
    private record Controllers(ProcessMetrics metrics, HealthController health, InfoController info, EntitiesController entities,
                               SeriesController series, TopicsController topics, PostsController posts,
                               EventsController events, ImpactController impact, CandidatesController candidates,
                               ApiDocsController docs, AlertsController alerts, WebhooksController webhooks,
                               ExportController export, ReportsController reports) {
    }

    private final DashboardConfig config;
    private final HealthController health;
    private final ReportScheduler scheduler;
    private final Javalin javalin;

    /**
     * @param config       port, host and the data notice
     * @param catalogue    the tracked entities, listed by {@code /api/entities}
     * @param queries      read side of the posts indices
     * @param events       the events index (created and seeded by the caller)
     * @param adminToken   what event writes must present ({@link AdminToken#none()}: writes refused)
     * @param healthChecks components reported by {@code /api/health}: what this process depends on (Elasticsearch;
     *                     in the all-in-one demo also Kafka, the indexer and the Streams app)
     */
    public DashboardApp(DashboardConfig config, Catalogue catalogue, PostQueries queries, EventStore events,
                        AdminToken adminToken, List<HealthCheck> healthChecks) {
        this(config, catalogue, queries, events, adminToken, healthChecks,
                Parts.none());
    }

    /**
     * The parts a dashboard process may or may not serve, each optional: the alert rules, backtest and history API
     * ({@code /api/alerts/rules}, {@code /api/alerts/history}), the webhook subscriptions and deliveries API
     * ({@code /api/alerts/subscriptions}, {@code /api/alerts/deliveries}), both answering 503 with what to set when
     * absent; and scheduled reports, definitions and runs in {@code reports} (null: none in this process, the routes
     * answer 404), run by a scheduler that {@link #start} starts and {@link #stop} stops.
     *
     * @param clock what "now" is for exports' file names and the report scheduler
     */
    public record Parts(AlertsController alerts, WebhooksController webhooks, ReportStore reports, Clock clock,
                        ProcessMetrics metrics, ConsumerLag lag) {

        public static Parts none() {
            return new Parts(AlertsController.unavailable("alert rules are not set up in this dashboard process"),
                    WebhooksController.unavailable("webhooks are not set up in this dashboard process"), null,
                    Clock.systemUTC(), null, null);
        }

        public Parts withAlerts(AlertsController alerts) {
            return new Parts(alerts, webhooks, reports, clock, metrics, lag);
        }

        public Parts withWebhooks(WebhooksController webhooks) {
            return new Parts(alerts, webhooks, reports, clock, metrics, lag);
        }

        public Parts withReports(ReportStore reports, Clock clock) {
            return new Parts(alerts, webhooks, reports, clock, metrics, lag);
        }

        /** The process's meters, served at {@code /metrics} (null: that route answers 404). */
        public Parts withMetrics(ProcessMetrics metrics) {
            return new Parts(alerts, webhooks, reports, clock, metrics, lag);
        }

        /** The stages' consumer groups, whose lag {@code /api/health} reports (closed with the app). */
        public Parts withLag(ConsumerLag lag) {
            return new Parts(alerts, webhooks, reports, clock, metrics, lag);
        }
    }

    /** As the first, with the alert rules API. */
    public DashboardApp(DashboardConfig config, Catalogue catalogue, PostQueries queries, EventStore events,
                        AdminToken adminToken, List<HealthCheck> healthChecks, AlertsController alerts) {
        this(config, catalogue, queries, events, adminToken, healthChecks, Parts.none().withAlerts(alerts));
    }

    /** As the first, with the webhooks API. */
    public DashboardApp(DashboardConfig config, Catalogue catalogue, PostQueries queries, EventStore events,
                        AdminToken adminToken, List<HealthCheck> healthChecks, WebhooksController webhooks) {
        this(config, catalogue, queries, events, adminToken, healthChecks, Parts.none().withWebhooks(webhooks));
    }

    /** As the first, with scheduled reports. */
    public DashboardApp(DashboardConfig config, Catalogue catalogue, PostQueries queries, EventStore events,
                        AdminToken adminToken, List<HealthCheck> healthChecks, ReportStore reports, Clock clock) {
        this(config, catalogue, queries, events, adminToken, healthChecks, Parts.none().withReports(reports, clock));
    }

    /** Every part as given: see {@link Parts}. */
    public DashboardApp(DashboardConfig config, Catalogue catalogue, PostQueries queries, EventStore events,
                        AdminToken adminToken, List<HealthCheck> healthChecks, Parts parts) {
        ReportStore reports = parts.reports();
        Clock clock = parts.clock();
        this.config = config;
        this.health = new HealthController(healthChecks, parts.lag(), HEALTH_TIMEOUT);
        Params params = new Params(catalogue);
        EntitiesController entities = new EntitiesController(catalogue, params, queries);
        ImpactController impact = new ImpactController(catalogue, params, queries, events);
        // One quantifier for the chart and its CSV: the same corrected shares in both.
        CorrectedShares corrected = CorrectedShares.standard();
        ExportService exports = new ExportService(params, queries, new org.backbeat.dashboard.export.PostsExporter(
                queries.client(), queries.index(), org.backbeat.dashboard.export.PostsExporter.Settings.DEFAULTS), entities, impact, events,
                new org.backbeat.dashboard.export.AlertStores(parts.alerts().historyStore(), parts.webhooks().deliveryLog()), clock,
                corrected);
        this.scheduler = reports == null ? null : new ReportScheduler(reports, exports, clock, parts.webhooks().deliveryAdmin());
        Controllers controllers = new Controllers(parts.metrics(), health, new InfoController(config, catalogue),
                entities, new SeriesController(params, queries, corrected),
                new TopicsController(params, queries), new PostsController(params, queries),
                new EventsController(events, catalogue, adminToken), impact,
                new CandidatesController(params, queries), new ApiDocsController(), parts.alerts(), parts.webhooks(),
                new ExportController(exports, adminToken),
                reports == null ? null : new ReportsController(reports, scheduler, exports, adminToken, clock));
        this.javalin = Javalin.create(c -> configure(c, controllers));
    }

    private static void configure(JavalinConfig config, Controllers c) {
        config.startup.showJavalinBanner = false;
        config.jsonMapper(new JavalinJackson(Json.mapper(), false));
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = "/public";
            files.location = Location.CLASSPATH;
        });
        config.staticFiles.enableWebjars();
        config.requestLogger.http((ctx, ms) -> log.debug("{} {} -> {} in {} ms", ctx.method(), ctx.path(), ctx.status(), ms));

        config.routes.before(SecurityHeaders::apply);
        if (c.metrics() != null) {
            RequestMetrics requests = new RequestMetrics(c.metrics().registry());
            config.routes.beforeMatched(requests::start);
            config.routes.afterMatched(requests::record);
        }
        config.routes.get("/metrics", ctx -> {
            if (c.metrics() == null) {
                throw new NotFoundResponse("no metrics in this process");
            }
            ctx.contentType(ProcessMetrics.CONTENT_TYPE).result(c.metrics().scrape());
        });

        config.routes.get("/api/health", c.health()::health);
        config.routes.get("/api/info", c.info()::info);
        config.routes.get("/api/entities", c.entities()::list);
        config.routes.get("/api/share-of-voice", c.entities()::shareOfVoice);
        config.routes.get("/api/series", c.series()::series);
        config.routes.get("/api/series/drivers", c.series()::drivers);
        config.routes.get("/api/topics", c.topics()::top);
        config.routes.get("/api/top-posts", c.posts()::top);
        config.routes.get("/api/posts", c.posts()::list);
        config.routes.get("/api/posts/{id}", c.posts()::get);
        config.routes.get("/api/events", c.events()::list);
        config.routes.post("/api/events", c.events()::create);
        config.routes.get("/api/events/{id}", c.events()::get);
        config.routes.put("/api/events/{id}", c.events()::update);
        config.routes.delete("/api/events/{id}", c.events()::delete);
        config.routes.get("/api/impact", c.impact()::impact);
        config.routes.get("/api/impact/drivers", c.impact()::drivers);
        config.routes.get("/api/candidates", c.candidates()::candidates);
        config.routes.get("/api/alerts/rules", c.alerts()::listRules);
        config.routes.post("/api/alerts/rules", c.alerts()::createRule);
        config.routes.post("/api/alerts/rules/backtest", c.alerts()::backtest);
        config.routes.get("/api/alerts/rules/{id}", c.alerts()::getRule);
        config.routes.put("/api/alerts/rules/{id}", c.alerts()::updateRule);
        config.routes.delete("/api/alerts/rules/{id}", c.alerts()::deleteRule);
        config.routes.get("/api/alerts/history", c.alerts()::history);
        config.routes.get("/api/alerts/subscriptions", c.webhooks()::listSubscriptions);
        config.routes.post("/api/alerts/subscriptions", c.webhooks()::createSubscription);
        config.routes.get("/api/alerts/subscriptions/{id}", c.webhooks()::getSubscription);
        config.routes.put("/api/alerts/subscriptions/{id}", c.webhooks()::updateSubscription);
        config.routes.delete("/api/alerts/subscriptions/{id}", c.webhooks()::deleteSubscription);
        config.routes.post("/api/alerts/subscriptions/{id}/test", c.webhooks()::testSubscription);
        config.routes.get("/api/alerts/deliveries", c.webhooks()::listDeliveries);
        config.routes.get("/api/alerts/deliveries/parked", c.webhooks()::parked);
        config.routes.get("/api/alerts/deliveries/{id}", c.webhooks()::getDelivery);
        config.routes.post("/api/alerts/deliveries/{id}/resend", c.webhooks()::resend);
        config.routes.get("/api/export/{kind}.csv", c.export()::export);
        config.routes.get("/api/reports", ctx -> reports(c).list(ctx));
        config.routes.put("/api/reports/{name}", ctx -> reports(c).put(ctx));
        config.routes.delete("/api/reports/{name}", ctx -> reports(c).delete(ctx));
        config.routes.get("/api/reports/{name}/files/{date}.csv", ctx -> reports(c).file(ctx));
        config.routes.get("/api/reports/download/{token}", ctx -> reports(c).download(ctx));
        config.routes.get("/openapi.json", c.docs()::openApi);
        config.routes.get("/api-docs", c.docs()::page);

        config.routes.exception(ValidationException.class, (e, ctx) -> error(ctx, 400, describe(e)));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
        config.routes.exception(QueryRejectedException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
        config.routes.exception(org.backbeat.alerts.rules.InvalidRuleException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
        config.routes.exception(org.backbeat.alerts.store.StoreUnavailableException.class, (e, ctx) -> {
            log.warn("Answering 503 for {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            error(ctx, 503, e.getMessage());
        });
        config.routes.exception(SearchUnavailableException.class, (e, ctx) -> {
            log.warn("Answering 503 for {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            error(ctx, 503, e.getMessage());
        });
        config.routes.exception(WebhookStorageException.class, (e, ctx) -> {
            log.warn("Answering 503 for {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            error(ctx, 503, e.getMessage());
        });
        config.routes.exception(Exception.class, (e, ctx) -> {
            log.error("Unexpected error on {} {}", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal error: " + e.getClass().getSimpleName() + " (see the server log)");
        });
    }

    private static ReportsController reports(Controllers c) {
        if (c.reports() == null) {
            throw new NotFoundResponse("scheduled reports are not set up in this process");
        }
        return c.reports();
    }

    /** The report scheduler, or null when this app has no reports. */
    public ReportScheduler scheduler() {
        return scheduler;
    }

    /** The Javalin instance, for {@code JavalinTest} and for embedding. */
    public Javalin javalin() {
        return javalin;
    }

    /** Starts on the configured host and port; returns the port actually bound. */
    public int start() {
        return start(config.port());
    }

    /** Starts on the configured host and the given port (0: any free one); returns the port actually bound. */
    public int start(int port) {
        javalin.start(config.host(), port);
        if (scheduler != null) {
            scheduler.start();
        }
        log.info("Dashboard at http://{}:{}/", config.host(), javalin.port());
        return javalin.port();
    }

    public void stop() {
        if (scheduler != null) {
            scheduler.close();
        }
        javalin.stop();
        health.close();
    }

    private static void error(Context ctx, int status, String message) {
        ctx.status(status).json(new ErrorBody(status, message));
    }

    private static String describe(ValidationException e) {
        return e.getErrors().entrySet().stream()
                .map(entry -> entry.getValue().stream().map(ValidationError::getMessage)
                        .map(m -> m.equals("TYPE_CONVERSION_FAILED") ? entry.getKey() + " has the wrong type" : m)
                        .collect(Collectors.joining("; ")))
                .collect(Collectors.joining("; "));
    }
}
