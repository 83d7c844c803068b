package org.backbeat.app;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.backbeat.alerts.webhook.DispatcherConfig;
import org.backbeat.core.Catalogue;
import org.backbeat.core.KafkaConfig;
import org.backbeat.core.Settings;
import org.backbeat.core.TopicAdmin;
import org.backbeat.core.metrics.ProcessMetrics;
import org.backbeat.dashboard.DashboardApp;
import org.backbeat.dashboard.DashboardConfig;
import org.backbeat.dashboard.events.AdminToken;
import org.backbeat.dashboard.events.EventsConfig;
import org.backbeat.dashboard.reports.ReportsConfig;
import org.backbeat.index.IndexConfig;
import org.backbeat.index.Indexer;
import org.backbeat.infra.LocalElasticsearch;
import org.backbeat.infra.LocalInfra;
import org.backbeat.infra.LocalKafka;
import org.backbeat.infra.PortCheck;
import org.backbeat.ingest.JsonlReplay;
import org.backbeat.ingest.KafkaPostSink;
import org.backbeat.ingest.ReplayStats;
import org.backbeat.ingest.sim.Scenarios;
import org.backbeat.ingest.sim.SimulatedPosts;
import org.backbeat.alerts.AlertsConfig;
import org.backbeat.nlp.pipeline.PerThreadScorer;
import org.backbeat.nlp.sentiment.Scorers;
import org.backbeat.nlp.pipeline.NlpService;
import org.backbeat.nlp.sentiment.Scorer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The all-in-one launcher: local Kafka and Elasticsearch (unless external ones are configured), the
 * Streams app, the indexer and the dashboard in one process (the same stages as {@code nlp}, {@code index} and
 * {@code dashboard}), then a replay of the demo data.
 * {@link #close()} stops everything in reverse order; so does a failure half way through start-up.
 */
final class Demo implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Demo.class);

    /**
     * @param replay a JSONL file to replay, or null for the simulated data set
     * @param seed   seed of the simulated data set
     */
    record Options(Path replay, long seed) {
    }

    /** The alert topology's grace period in the demo: the replay's disorder in event time (see startAll). */
    static final java.time.Duration DEMO_ALERTS_GRACE = java.time.Duration.ofDays(30);

    private final Closer closer;
    private final URI dashboardUri;
    private final NlpService nlp;
    private final String bootstrapServers;
    private final URI elasticsearchUri;

    private Demo(Closer closer, URI dashboardUri, NlpService nlp, String bootstrapServers, URI elasticsearchUri) {
        this.closer = closer;
        this.dashboardUri = dashboardUri;
        this.nlp = nlp;
        this.bootstrapServers = bootstrapServers;
        this.elasticsearchUri = elasticsearchUri;
    }

    static Demo start(Settings settings, Options options) {
        Closer closer = new Closer();
        // Whatever fails half way, what did start is stopped: no orphan Elasticsearch, no bound port.
        return closer.startOrClose(() -> startAll(settings, options, closer));
    }

    private static Demo startAll(Settings settings, Options options, Closer closer) {
        AppConfig app = AppConfig.from(settings);
        DashboardConfig dashboardConfig = DashboardConfig.from(settings);
        // Say so now, not after half a minute of starting Kafka, Elasticsearch and CoreNLP.
        if (dashboardConfig.port() != 0 && PortCheck.isBound(dashboardConfig.port())) {
            throw new IllegalStateException("port " + dashboardConfig.port() + " is already in use: stop what uses it, "
                    + "or choose another with --port (0 picks a free one)");
        }
        Catalogue catalogue = Catalogue.defaults();
        // Loading CoreNLP's models takes as long as starting Elasticsearch: do both at once.
        CompletableFuture<Scorer> scorer = CompletableFuture.supplyAsync(() -> new PerThreadScorer(Scorers::standard));
        String bootstrap = app.kafka().bootstrapServers();
        URI elasticsearch = app.elasticsearch();
        if (bootstrap == null && elasticsearch == null) {
            // Both local: LocalInfra starts them in parallel and stops one if the other fails.
            LocalInfra infra = closer.register(LocalInfra.start(new LocalInfra.Settings(
                    app.workDir(), 0, 0, requireEsHome(app), app.esHeapMb())));
            bootstrap = infra.bootstrapServers();
            elasticsearch = infra.elasticsearchUri();
        } else if (bootstrap == null) {
            bootstrap = closer.register(LocalKafka.start(app.workDir().resolve("kafka"), 0)).bootstrapServers();
        } else if (elasticsearch == null) {
            elasticsearch = closer.register(LocalElasticsearch.start(LocalElasticsearch.Settings
                    .of(requireEsHome(app), app.workDir().resolve("elasticsearch")).withHeapMb(app.esHeapMb()))).httpUri();
        }
        KafkaConfig kafka = app.kafka().withBootstrap(bootstrap);
        TopicAdmin.ensureTopics(bootstrap, kafka.topics());

        // One process, one registry: the dashboard serves every stage's meters at /metrics.
        ProcessMetrics metrics = Stages.metrics("demo", closer);
        NlpService nlp = Stages.nlp(settings, kafka, catalogue, join(scorer), metrics, closer);
        dashboardConfig = dashboardConfig
                .withDataNotice(options.replay() == null ? "Simulated data: " + Scenarios.cloudLockers2011().name()
                        + ". Replay real posts with ./backbeat demo --replay FILE.jsonl." : null);
        Indexer indexer = Stages.index(IndexConfig.from(settings), kafka, elasticsearch, metrics, closer);
        // The demo replays three months in seconds through six partitions and two topologies: posts reach the alert
        // topology days out of event-time order, so its windows stay open for a month (unless alerts.grace is set).
        Stages.AlertsStage alerts = Stages.alerts(settings, kafka, elasticsearch, catalogue, metrics, closer,
                c -> settings.get(AlertsConfig.GRACE).isPresent() ? c : c.withGrace(DEMO_ALERTS_GRACE));
        // One process runs every stage here, so its /api/health reports them all.
        KafkaHealthCheck kafkaHealth = closer.register(new KafkaHealthCheck(bootstrap, Stages.HEALTH_TIMEOUT));
        DashboardApp dashboard = Stages.dashboard(dashboardConfig, EventsConfig.from(settings),
                AdminToken.from(settings), ReportsConfig.from(settings), DispatcherConfig.from(settings), elasticsearch,
                catalogue, Stream.concat(Stream.of(kafkaHealth, indexer.healthCheck(), Stages.streamsHealth(nlp)),
                        alerts.healthChecks().stream()).toList(),
                settings, kafka, metrics, closer);
        URI uri = URI.create("http://" + dashboardConfig.host() + ":" + dashboard.javalin().port() + "/");

        replay(kafka, options);
        return new Demo(closer, uri, nlp, bootstrap, elasticsearch);
    }

    private static void replay(KafkaConfig kafka, Options options) {
        try (KafkaPostSink sink = new KafkaPostSink(kafka, "backbeat-demo-replay")) {
            ReplayStats stats = options.replay() == null
                    ? new SimulatedPosts(Scenarios.cloudLockers2011()).replay(options.seed(), sink)
                    : new JsonlReplay(sink, Clock.systemUTC()).replay(options.replay());
            log.info("Sent {} posts to {} ({} rejected); scoring runs in the background",
                    stats.accepted(), kafka.topics().raw().name(), stats.rejected());
        }
    }

    private static Path requireEsHome(AppConfig app) {
        if (app.esHome() == null) {
            throw new IllegalStateException("no Elasticsearch distribution: run through ./backbeat (it sets "
                    + LocalElasticsearch.HOME_PROPERTY + "), set BACKBEAT_ES_HOME, or pass --elasticsearch URL");
        }
        return app.esHome();
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    URI dashboardUri() {
        return dashboardUri;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    URI elasticsearchUri() {
        return elasticsearchUri;
    }

    NlpService nlp() {
        return nlp;
    }

    @Override
    public void close() {
        closer.close();
    }
}
