package org.backbeat.app;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.backbeat.alerts.AlertService;
import org.backbeat.alerts.AlertTopics;
import org.backbeat.alerts.AlertsConfig;
import org.backbeat.alerts.rules.AlertRule;
import org.backbeat.alerts.rules.RulesFile;
import org.backbeat.alerts.store.AlertHistory;
import org.backbeat.alerts.store.AlertHistoryWriter;
import org.backbeat.alerts.store.KafkaRulePublisher;
import org.backbeat.alerts.store.RuleStore;
import org.backbeat.alerts.webhook.DispatcherConfig;
import org.backbeat.alerts.webhook.WebhookDispatcher;
import org.backbeat.alerts.webhook.WebhookAdministration;
import org.backbeat.core.Catalogue;
import org.backbeat.core.TopicAdmin;
import org.backbeat.core.TrackedEntity;
import org.backbeat.core.KafkaConfig;
import org.backbeat.core.Settings;
import org.backbeat.core.health.HealthCheck;
import org.backbeat.core.health.HealthStatus;
import org.backbeat.core.metrics.ConsumerLag;
import org.backbeat.core.metrics.ProcessMetrics;
import org.backbeat.dashboard.DashboardApp;
import org.backbeat.dashboard.DashboardConfig;
import org.backbeat.dashboard.PostQueries;
import org.backbeat.dashboard.alerts.AlertsController;
import org.backbeat.dashboard.alerts.HistoryWindows;
import org.backbeat.dashboard.alerts.WebhooksController;
import org.backbeat.dashboard.events.AdminToken;
import org.backbeat.dashboard.events.EventStore;
import org.backbeat.dashboard.events.EventsConfig;
import org.backbeat.dashboard.reports.ReportStore;
import org.backbeat.dashboard.reports.ReportsConfig;
import org.backbeat.core.health.HealthServer;
import org.backbeat.index.IndexConfig;
import org.backbeat.index.Indexer;
import org.backbeat.index.Retention;
import org.backbeat.index.schema.ElasticsearchHealthCheck;
import org.backbeat.index.schema.EsClients;
import org.backbeat.index.schema.PostIndex;
import org.backbeat.nlp.pipeline.NlpConfig;
import org.backbeat.nlp.pipeline.NlpService;
import org.backbeat.nlp.pipeline.PostAnalyzer;
import org.backbeat.nlp.sentiment.Scorer;

/**
 * How each stage is wired, shared by its own command and by the demo so both run the same code.
 * Everything started is registered with the caller's {@link Closer}.
 */
final class Stages {

    static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);
    static final Duration STREAMS_START_TIMEOUT = Duration.ofSeconds(60);

    private Stages() {
    }

    /**
     * The Streams app scoring {@code posts.raw} into {@code posts.scored}, started. Pass a
     * {@link org.backbeat.nlp.pipeline.PerThreadScorer} for one scorer per stream thread.
     */
    static NlpService nlp(Settings settings, KafkaConfig kafka, Catalogue catalogue, Scorer scorer, ProcessMetrics metrics,
                          Closer closer) {
        Clock clock = Clock.systemUTC();
        PostAnalyzer analyzer = PostAnalyzer.standard(catalogue, scorer, clock);
        NlpService nlp = closer.register(new NlpService(analyzer, kafka, NlpConfig.from(settings), clock));
        nlp.bindMetrics(metrics);
        nlp.start();
        return nlp;
    }

    static HealthCheck streamsHealth(NlpService nlp) {
        return HealthCheck.of("streams", () -> {
            KafkaStreams.State state = nlp.state();
            return state == KafkaStreams.State.RUNNING ? HealthStatus.up(state.name()) : HealthStatus.down(state.name());
        });
    }

    /**
     * The index stage: its own Elasticsearch client, the posts indices made ready, and the indexer copying
     * {@code posts.scored} into them, started.
     */
    static Indexer index(IndexConfig config, KafkaConfig kafka, URI elasticsearch, ProcessMetrics metrics, Closer closer) {
        ElasticsearchClient client = EsClients.create(elasticsearch);
        closer.register(client::close);
        PostIndex index = new PostIndex(client, config.posts());
        index.ensureCreated();
        if (config.retentionMonths() > 0) {
            java.util.concurrent.ScheduledExecutorService retention = new Retention(index, config.retentionMonths(),
                    Clock.systemUTC()).scheduleDaily(Duration.ofDays(1));
            closer.register(retention::shutdownNow);
        }
        Indexer indexer = closer.register(Indexer.create(kafka, config, index).bindMetrics(metrics));
        indexer.start();
        return indexer;
    }

    /**
     * The index process's {@code /health}: the indexer and the Elasticsearch it writes to (Kafka's trouble shows
     * in the indexer's state), started.
     */
    static HealthServer indexHealth(IndexConfig config, Indexer indexer, URI elasticsearch, ProcessMetrics metrics,
                                    Closer closer) {
        ElasticsearchClient client = EsClients.create(elasticsearch);
        closer.register(client::close);
        return closer.register(HealthServer.start(config.healthHost(), config.healthPort(),
                List.of(indexer.healthCheck(), new ElasticsearchHealthCheck(client, HEALTH_TIMEOUT)), metrics));
    }

    /** The registry of a process's meters ({@code process=<name>}), closed with the process. */
    static ProcessMetrics metrics(String process, Closer closer) {
        return closer.register(ProcessMetrics.create(process));
    }

    /**
     * The stages whose consumer-group lag the dashboard's {@code /api/health} shows, with the groups the same settings
     * give those stages' processes.
     */
    static List<ConsumerLag.Stage> lagStages(Settings settings) {
        return List.of(
                new ConsumerLag.Stage("nlp", NlpConfig.from(settings).applicationId()),
                new ConsumerLag.Stage("index", IndexConfig.from(settings).group()),
                new ConsumerLag.Stage("alerts", AlertsConfig.from(settings).applicationId()),
                new ConsumerLag.Stage("alert-history", AlertHistoryWriter.DEFAULT_GROUP),
                new ConsumerLag.Stage("webhooks", DispatcherConfig.from(settings).groupId()));
    }

    /**
     * The web app, which only reads Elasticsearch, started. {@code /api/health} reports Elasticsearch, then
     * {@code extraChecks}: what else runs in the same process (in the demo: Kafka, the indexer, the Streams app).
     */
    static DashboardApp dashboard(DashboardConfig config, URI elasticsearch, Catalogue catalogue,
                                  List<HealthCheck> extraChecks, Closer closer) {
        return dashboard(config, EventsConfig.defaults(), AdminToken.none(), null, null, elasticsearch, catalogue,
                extraChecks, null, null, null, closer);
    }

    /**
     * As above, with where events are kept, the token admin writes need, where scheduled reports are kept and
     * written ({@code reportsConfig}, null: no reports in this process; the app starts and stops the scheduler),
     * and the webhook subscriptions and deliveries API ({@code webhooks}: the dispatcher's settings, so
     * the SSRF allow-list and timeout of test sends are the same; null: that API answers 503). Resends are written
     * to Kafka, and so are alert rule changes (to the rules topic); with no {@code kafka} bootstrap both APIs say
     * what to set. The dashboard never consumes Kafka; with a bootstrap, {@code /api/health} shows every stage's
     * consumer-group lag. {@code metrics}: served at {@code /metrics} (null: 404).
     */
    static DashboardApp dashboard(DashboardConfig config, EventsConfig eventsConfig, AdminToken adminToken,
                                  ReportsConfig reportsConfig, DispatcherConfig webhooks, URI elasticsearch,
                                  Catalogue catalogue, List<HealthCheck> extraChecks, Settings settings,
                                  KafkaConfig kafka, ProcessMetrics metrics, Closer closer) {
        ElasticsearchClient client = EsClients.create(elasticsearch);
        closer.register(client::close);
        // Reads need the alias; whichever of the index and dashboard processes comes first creates it.
        PostIndex index = new PostIndex(client, config.posts());
        index.ensureCreated();

        List<HealthCheck> checks = new ArrayList<>();
        checks.add(new ElasticsearchHealthCheck(client, HEALTH_TIMEOUT));
        checks.addAll(extraChecks);
        EventStore events = new EventStore(client, eventsConfig);
        events.ensureCreatedAndSeeded();
        String bootstrap = kafka == null ? null : kafka.bootstrapServers();
        AlertsController alerts;
        if (bootstrap == null) {
            alerts = AlertsController.unavailable("alert rules need Kafka (their changes go to the rules topic): "
                    + "start the dashboard with --kafka host:port or set BACKBEAT_KAFKA");
        } else {
            AlertsConfig alertsConfig = AlertsConfig.from(settings);
            AlertTopics topics = AlertTopics.from(kafka.topics(), settings);
            TopicAdmin.ensureTopics(bootstrap, topics.newTopics(), TopicAdmin.DEFAULT_TIMEOUT);
            RuleStore rules = ruleStore(alertsConfig, topics, kafka, client, catalogue, closer);
            rules.ensureCreated();
            AlertHistory history = new AlertHistory(client, alertsConfig.historyIndex());
            alerts = new AlertsController(rules, history, new HistoryWindows(client, index.alias()),
                    catalogue.entities().stream().map(TrackedEntity::id).toList(), adminToken);
        }
        WebhooksController webhooksController = webhooks == null
                ? WebhooksController.unavailable("webhooks are not set up in this dashboard process")
                : new WebhooksController(closer.register(WebhookAdministration.create(webhooks, client, bootstrap)), adminToken);
        DashboardApp.Parts parts = DashboardApp.Parts.none().withAlerts(alerts).withWebhooks(webhooksController)
                .withMetrics(metrics);
        if (bootstrap != null) {
            parts = parts.withLag(new ConsumerLag(bootstrap, lagStages(settings), HEALTH_TIMEOUT));
        }
        if (reportsConfig != null) {
            ReportStore reports = new ReportStore(client, reportsConfig);
            reports.ensureCreated();
            parts = parts.withReports(reports, Clock.systemUTC());
        }
        DashboardApp app = new DashboardApp(config, catalogue, new PostQueries(index), events, adminToken, checks, parts);
        app.start();
        closer.register(app::stop);
        return app;
    }

    /**
     * The alerts stage: its topics created, the rule store ready (seeded from the rules file when empty, every
     * rule published to the rules topic), the alert history writer and the alert topology, started.
     */
    static AlertsStage alerts(Settings settings, KafkaConfig kafka, URI elasticsearch, Catalogue catalogue, Closer closer) {
        return alerts(settings, kafka, elasticsearch, catalogue, metrics("alerts", closer), closer,
                java.util.function.UnaryOperator.identity());
    }

    /** As above, with the configuration read from the settings adjusted (the demo widens the grace period). */
    static AlertsStage alerts(Settings settings, KafkaConfig kafka, URI elasticsearch, Catalogue catalogue,
                              ProcessMetrics metrics, Closer closer, java.util.function.UnaryOperator<AlertsConfig> adjust) {
        AlertsConfig config = adjust.apply(AlertsConfig.from(settings));
        AlertTopics topics = AlertTopics.from(kafka.topics(), settings);
        TopicAdmin.ensureTopics(kafka.bootstrapServers(), topics.newTopics(), TopicAdmin.DEFAULT_TIMEOUT);
        ElasticsearchClient client = EsClients.create(elasticsearch);
        closer.register(client::close);
        RuleStore rules = ruleStore(config, topics, kafka, client, catalogue, closer);
        seedRules(config, rules, catalogue);
        AlertHistory history = new AlertHistory(client, config.historyIndex());
        history.ensureCreated();
        closer.register(new AlertHistoryWriter(kafka.bootstrapServers(), AlertHistoryWriter.DEFAULT_GROUP, topics, history).start());
        AlertService service = closer.register(new AlertService(kafka.bootstrapServers(), topics, config, Clock.systemUTC()));
        service.bindMetrics(metrics);
        service.start();
        WebhookDispatcher dispatcher = closer.register(WebhookDispatcher.create(kafka.bootstrapServers(),
                DispatcherConfig.from(settings), client, kafka.topics().deadLetter(), metrics.registry()));
        dispatcher.start();
        return new AlertsStage(service, dispatcher);
    }

    /** The alerts process's two parts: rules evaluated into the alerts topic, and the webhook dispatcher. */
    record AlertsStage(AlertService service, WebhookDispatcher dispatcher) {

        /** The rules app's state and the dispatcher's, for {@code /api/health}. */
        List<HealthCheck> healthChecks() {
            return List.of(HealthCheck.of("alerts", () -> {
                KafkaStreams.State state = service.state();
                return state == KafkaStreams.State.RUNNING ? HealthStatus.up(state.name()) : HealthStatus.down(state.name());
            }), dispatcher.healthCheck());
        }
    }

    /** The rule store over the rules index, publishing to the rules topic. */
    static RuleStore ruleStore(AlertsConfig config, AlertTopics topics, KafkaConfig kafka, ElasticsearchClient client,
                               Catalogue catalogue, Closer closer) {
        KafkaRulePublisher publisher = closer.register(new KafkaRulePublisher(kafka.bootstrapServers(), topics.rules(),
                "backbeat-rule-store"));
        return new RuleStore(client, config.rulesIndex(), publisher, entityIds(catalogue));
    }

    private static void seedRules(AlertsConfig config, RuleStore rules, Catalogue catalogue) {
        List<AlertRule> seed = java.nio.file.Files.isRegularFile(config.rulesFile())
                ? RulesFile.read(config.rulesFile(), entityIds(catalogue)) : List.of();
        if (seed.isEmpty()) {
            org.slf4j.LoggerFactory.getLogger(Stages.class).warn("No rules file at {} ({}): no rules seeded",
                    config.rulesFile(), AlertsConfig.RULES_FILE);
        }
        if (rules.seedIfEmpty(seed) == 0) {
            rules.publishAll(); // the topic follows the index, whatever happened while this process was down
        }
    }

    static java.util.Set<String> entityIds(Catalogue catalogue) {
        return catalogue.entities().stream().map(TrackedEntity::id).collect(java.util.stream.Collectors.toSet());
    }
}
