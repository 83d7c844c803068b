package org.backbeat.app;

import java.util.Map;
import java.util.concurrent.Callable;
import org.backbeat.core.Catalogue;
import org.backbeat.core.Settings;
import org.backbeat.core.TopicAdmin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The alerts process: rules evaluated on posts.scored into the alerts topic, the alert history, and the webhook dispatcher. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = {"Run the alert rules Kafka Streams app (posts.scored on event time -> windows -> rules from the "
                + "compacted alerts.rules topic -> alerts), copy alerts into the history index, and deliver them to the webhook "
                + "subscriptions (signed, retried, parked; see docs/alerts.md), until Ctrl-C. "
                + "Requires --kafka and --elasticsearch.",
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
        closer.startOrClose(() -> Stages.alerts(settings, app.kafka(), app.requireElasticsearch(), Catalogue.defaults(), closer));
        System.out.println("Evaluating alert rules on " + app.kafka().topics().scored().name()
                + " and delivering alerts to the webhook subscriptions. Press Ctrl-C to stop.");
        RunUntilStopped.await(closer);
        return 0;
    }
}
