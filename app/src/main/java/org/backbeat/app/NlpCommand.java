package org.backbeat.app;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.backbeat.core.Catalogue;
import org.backbeat.core.Settings;
import org.backbeat.core.TopicAdmin;
import org.backbeat.core.health.HealthServer;
import org.backbeat.core.metrics.ProcessMetrics;
import org.backbeat.nlp.pipeline.NlpConfig;
import org.backbeat.nlp.pipeline.NlpService;
import org.backbeat.nlp.pipeline.PerThreadScorer;
import org.backbeat.nlp.sentiment.Scorers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The nlp process: the Streams app scoring posts.raw into posts.scored on an external Kafka. */
@Command(name = "nlp", mixinStandardHelpOptions = true,
        description = {"Run the scoring Kafka Streams app (posts.raw -> CoreNLP -> posts.scored, bad records -> posts.dlq) "
                + "until Ctrl-C. Requires --kafka.",
                "Health and metrics: GET /health and /metrics (Prometheus) on the port printed at start (nlp.health-port).",
                "Settings: nlp.threads (default: the number of cores), nlp.application-id (shared by every instance), "
                        + "nlp.state-dir (one per instance), nlp.cache-size, instance-id (static membership; 'hostname': "
                        + "the host name), nlp.standby-replicas (0), nlp.health-host (127.0.0.1), nlp.health-port (0 = any "
                        + "free port, the default, so several instances fit on one host; -1 = none)."})
final class NlpCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws InterruptedException {
        Settings settings = common.settings(Map.of());
        AppConfig app = AppConfig.from(settings);
        TopicAdmin.ensureTopics(app.requireKafka(), app.kafka().topics());
        NlpConfig config = NlpConfig.from(settings);
        Closer closer = new Closer();
        String health = closer.startOrClose(() -> {
            ProcessMetrics metrics = Stages.metrics("nlp", closer);
            NlpService nlp = Stages.nlp(settings, app.kafka(), Catalogue.defaults(), new PerThreadScorer(Scorers::standard),
                    metrics, closer);
            if (config.healthPort() < 0) {
                return "";
            }
            HealthServer server = closer.register(HealthServer.start(config.healthHost(), config.healthPort(),
                    List.of(Stages.streamsHealth(nlp)), metrics));
            return "; health at http://" + config.healthHost() + ":" + server.port() + "/health";
        });
        System.out.println("Scoring posts from " + app.kafka().topics().raw().name() + health + ". Press Ctrl-C to stop.");
        RunUntilStopped.await(closer);
        return 0;
    }
}
