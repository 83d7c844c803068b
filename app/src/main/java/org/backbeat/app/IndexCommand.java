package org.backbeat.app;

import java.util.Map;
import java.util.concurrent.Callable;
import org.backbeat.core.Settings;
import org.backbeat.core.TopicAdmin;
import org.backbeat.core.metrics.ProcessMetrics;
import org.backbeat.core.health.HealthServer;
import org.backbeat.index.IndexConfig;
import org.backbeat.index.Indexer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The index process: posts.scored into the Elasticsearch posts indices, with its own /health. */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = {"Index posts.scored into Elasticsearch (one document per post id, monthly indices behind one alias; "
                + "records that cannot be indexed -> posts.dlq) until Ctrl-C. Requires --kafka and --elasticsearch.",
                "Health: GET http://127.0.0.1:7072/health (the indexer and Elasticsearch); metrics: /metrics (Prometheus).",
                "Settings: es.index (backbeat-posts), es.replicas (0), indexer.group (backbeat-indexer), "
                        + "indexer.health-host (127.0.0.1), indexer.health-port (7072; 0 = any free port), "
                        + "es.retention-months (0: keep every month; N: drop months before the current one minus N, daily)."})
final class IndexCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws InterruptedException {
        Settings settings = common.settings(Map.of());
        AppConfig app = AppConfig.from(settings);
        TopicAdmin.ensureTopics(app.requireKafka(), app.kafka().topics());
        IndexConfig config = IndexConfig.from(settings);
        Closer closer = new Closer();
        HealthServer health = closer.startOrClose(() -> {
            ProcessMetrics metrics = Stages.metrics("index", closer);
            Indexer indexer = Stages.index(config, app.kafka(), app.requireElasticsearch(), metrics, closer);
            return Stages.indexHealth(config, indexer, app.requireElasticsearch(), metrics, closer);
        });
        System.out.println("Indexing " + app.kafka().topics().scored().name() + " into " + config.posts().index()
                + "; health at http://" + config.healthHost() + ":" + health.port() + "/health  Press Ctrl-C to stop.");
        RunUntilStopped.await(closer);
        return 0;
    }
}
