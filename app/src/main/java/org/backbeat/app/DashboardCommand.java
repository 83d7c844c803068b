package org.backbeat.app;

import java.util.List;
import java.util.concurrent.Callable;
import org.backbeat.alerts.webhook.DispatcherConfig;
import org.backbeat.core.Catalogue;
import org.backbeat.core.Settings;
import org.backbeat.dashboard.DashboardApp;
import org.backbeat.dashboard.DashboardConfig;
import org.backbeat.dashboard.events.AdminToken;
import org.backbeat.dashboard.events.EventsConfig;
import org.backbeat.dashboard.reports.ReportsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The dashboard process: the web app over the posts indices (it only reads; ./backbeat index writes them). */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = {"Serve the dashboard and JSON API over the posts in Elasticsearch until Ctrl-C. "
                + "Requires --elasticsearch. It only reads: ./backbeat index fills the index from posts.scored. With --kafka it "
                + "also serves the alert rules API and webhook resends, which it publishes to Kafka (it consumes nothing).",
                "Metrics for Prometheus at /metrics; with --kafka, /api/health also shows each stage's consumer lag.",
                "Settings: dashboard.port (7070), dashboard.host (127.0.0.1), es.index, es.replicas (0)."})
final class DashboardCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    PortOption port;

    @Override
    public Integer call() throws InterruptedException {
        Settings settings = common.settings(port.settings());
        AppConfig app = AppConfig.from(settings);
        DashboardConfig config = DashboardConfig.from(settings);
        Closer closer = new Closer();
        DashboardApp dashboard = closer.startOrClose(() -> Stages.dashboard(config, EventsConfig.from(settings),
                AdminToken.from(settings), ReportsConfig.from(settings), DispatcherConfig.from(settings),
                app.requireElasticsearch(), Catalogue.defaults(), List.of(), settings, app.kafka(),
                Stages.metrics("dashboard", closer), closer));
        System.out.println("Dashboard: http://" + config.host() + ":" + dashboard.javalin().port() + "/  Press Ctrl-C to stop.");
        RunUntilStopped.await(closer);
        return 0;
    }
}
