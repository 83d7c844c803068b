package org.backbeat.app;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.backbeat.alerts.AlertsConfig;
import org.backbeat.core.Catalogue;
import org.backbeat.core.Settings;
import org.backbeat.core.TopicAdmin;
import org.backbeat.core.health.HealthServer;
import org.backbeat.core.metrics.ProcessMetrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The alerts process: rules evaluated on posts.scored into the alerts topic, the alert history, and the webhook dispatcher. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = {"Run the alert rules Kafka Streams app (posts.scored on event time -> windows -> rules from the "
                + "compacted alerts.rules topic -> alerts), copy alerts into the history index, and deliver them to the webhook "
                + "subscriptions (signed, retried, parked; see docs/alerts.md), until Ctrl-C. "
                + "Requires --kafka and --elasticsearch.",
                "Health and metrics: GET http://127.0.0.1:7074/health and /metrics (Prometheus); settings alerts.health-host, "
                        + "alerts.health-port (0 = any free port, -1 = none).",
                "Settings: alerts.rules-file (config/alert-rules.json, seeded when the rule store is empty), alerts.grace (15m), "
                        + "alerts.threads (1), alerts.application-id, alerts.state-dir, alerts.topic (alerts), "
                        + "alerts.rules-topic (alerts.rules), alerts.rules-index (backbeat-alert-rules), "
                        + "alerts.history-index (backbeat-alerts); the dispatcher's webhook.* settings and BACKBEAT_WEBHOOK_ALLOWED_HOSTS."})
final class AlertsCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws InterruptedException {
        Settings settings = common.settings(Map.of());
        AppConfig app = AppConfig.from(settings);
        TopicAdmin.ensureTopics(app.requireKafka(), app.kafka().topics());
        Closer closer = new Closer();
        AlertsConfig config = AlertsConfig.from(settings);
        String health = closer.startOrClose(() -> {
            ProcessMetrics metrics = Stages.metrics("alerts", closer);
            Stages.AlertsStage alerts = Stages.alerts(settings, app.kafka(), app.requireElasticsearch(), Catalogue.defaults(),
                    metrics, closer, UnaryOperator.identity());
            if (config.healthPort() < 0) {
                return "";
            }
            HealthServer server = closer.register(HealthServer.start(config.healthHost(), config.healthPort(),
                    alerts.healthChecks(), metrics));
            return " Health at http://" + config.healthHost() + ":" + server.port() + "/health.";
        });
        System.out.println("Evaluating alert rules on " + app.kafka().topics().scored().name()
                + " and delivering alerts to the webhook subscriptions." + health + " Press Ctrl-C to stop.");
        RunUntilStopped.await(closer);
        return 0;
    }
}
