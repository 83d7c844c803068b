package org.backbeat.app;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.backbeat.core.Catalogue;
import org.backbeat.core.KafkaConfig;
import org.backbeat.core.Settings;
import org.backbeat.core.health.HealthCheck;
import org.backbeat.core.health.HealthStatus;
import org.backbeat.dashboard.DashboardApp;
import org.backbeat.dashboard.DashboardConfig;
import org.backbeat.dashboard.PostQueries;
import org.backbeat.dashboard.events.AdminToken;
import org.backbeat.dashboard.events.EventStore;
import org.backbeat.dashboard.events.EventsConfig;
import org.backbeat.index.HealthServer;
import org.backbeat.index.IndexConfig;
import org.backbeat.index.Indexer;
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
    static NlpService nlp(Settings settings, KafkaConfig kafka, Catalogue catalogue, Scorer scorer, Closer closer) {
        Clock clock = Clock.systemUTC();
        PostAnalyzer analyzer = PostAnalyzer.standard(catalogue, scorer, clock);
        NlpService nlp = closer.register(new NlpService(analyzer, kafka, NlpConfig.from(settings), clock));
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
    static Indexer index(IndexConfig config, KafkaConfig kafka, URI elasticsearch, Closer closer) {
        ElasticsearchClient client = EsClients.create(elasticsearch);
        closer.register(client::close);
        PostIndex index = new PostIndex(client, config.posts());
        index.ensureCreated();
        return closer.register(Indexer.create(kafka, config, index).start());
    }

    /**
     * The index process's {@code /health}: the indexer and the Elasticsearch it writes to (Kafka's trouble shows
     * in the indexer's state), started.
     */
    static HealthServer indexHealth(IndexConfig config, Indexer indexer, URI elasticsearch, Closer closer) {
        ElasticsearchClient client = EsClients.create(elasticsearch);
        closer.register(client::close);
        return closer.register(HealthServer.start(config.healthHost(), config.healthPort(),
                List.of(indexer.healthCheck(), new ElasticsearchHealthCheck(client, HEALTH_TIMEOUT))));
    }

    /**
     * The web app, which only reads Elasticsearch, started. {@code /api/health} reports Elasticsearch, then
     * {@code extraChecks}: what else runs in the same process (in the demo: Kafka, the indexer, the Streams app).
     */
    static DashboardApp dashboard(DashboardConfig config, URI elasticsearch, Catalogue catalogue,
                                  List<HealthCheck> extraChecks, Closer closer) {
        return dashboard(config, EventsConfig.defaults(), AdminToken.none(), elasticsearch, catalogue, extraChecks, closer);
    }

    /** As above, with where events are kept and the token event writes need. */
    static DashboardApp dashboard(DashboardConfig config, EventsConfig eventsConfig, AdminToken adminToken,
                                  URI elasticsearch, Catalogue catalogue, List<HealthCheck> extraChecks, Closer closer) {
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
        DashboardApp app = new DashboardApp(config, catalogue, new PostQueries(index), events, adminToken, checks);
        app.start();
        closer.register(app::stop);
        return app;
    }
}
