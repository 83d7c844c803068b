package org.backbeat.app;

import java.util.List;
import java.util.concurrent.Callable;
import org.backbeat.core.Catalogue;
import org.backbeat.core.Settings;
import org.backbeat.core.TopicAdmin;
import org.backbeat.dashboard.DashboardApp;
import org.backbeat.dashboard.DashboardConfig;
import org.backbeat.dashboard.events.AdminToken;
import org.backbeat.dashboard.events.EventsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The dashboard process: the indexer (posts.scored -> Elasticsearch) and the web app. */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = {"Index posts.scored into Elasticsearch and serve the dashboard and JSON API until Ctrl-C. "
                + "Requires --kafka and --elasticsearch.",
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
        TopicAdmin.ensureTopics(app.requireKafka(), app.kafka().topics());
        DashboardConfig config = DashboardConfig.from(settings);
        Closer closer = new Closer();
        DashboardApp dashboard = closer.startOrClose(() -> Stages.dashboard(config, EventsConfig.from(settings),
                AdminToken.from(settings), app.kafka(), app.requireElasticsearch(),
                Catalogue.defaults(), List.of(), closer));
        System.out.println("Dashboard: http://" + config.host() + ":" + dashboard.javalin().port() + "/  Press Ctrl-C to stop.");
        RunUntilStopped.await(closer);
        return 0;
    }
}
