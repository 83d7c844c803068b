package org.backbeat.app;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.backbeat.alerts.AlertsConfig;
import org.backbeat.alerts.store.AlertHistory;
import org.backbeat.alerts.webhook.DispatcherConfig;
import org.backbeat.alerts.webhook.delivery.DeliveryLog;
import org.backbeat.core.Catalogue;
import org.backbeat.core.Settings;
import org.backbeat.dashboard.ExportService;
import org.backbeat.dashboard.Params;
import org.backbeat.dashboard.PostQueries;
import org.backbeat.dashboard.events.EventStore;
import org.backbeat.dashboard.events.EventsConfig;
import org.backbeat.dashboard.export.AlertStores;
import org.backbeat.dashboard.export.ExportKind;
import org.backbeat.dashboard.export.PostsExporter;
import org.backbeat.index.schema.EsClients;
import org.backbeat.index.schema.PostIndexConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code backbeat export <kind> [filters] -o FILE}: the CSV the dashboard's download buttons give, written by the
 * same code, straight from Elasticsearch. The file appears only when the export is whole (it is written beside,
 * then moved); a progress bar on stderr shows rows done of the total, the rate and the time left.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export posts, series, share-of-voice, topics, top-posts, impact, alerts or deliveries as CSV "
                + "(docs/reports.md). "
                + "Requires --elasticsearch.",
                "Example: backbeat export posts --entity amazon --from 2011-03-01 --to 2011-06-01 -o amazon.csv"})
final class ExportCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "KIND", description = "posts, series, share-of-voice, topics, top-posts, impact, alerts or deliveries")
    String kind;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Where to write the CSV.")
    Path output;

    @Option(names = "--entity", description = "A catalogue entity id (sentiment is then towards it).") String entity;
    @Option(names = "--topic") String topic;
    @Option(names = "--source") String source;
    @Option(names = "--lang") String lang;
    @Option(names = "--from", description = "Start, inclusive: 2011-03-01 or an ISO-8601 instant.") String from;
    @Option(names = "--to", description = "End, exclusive.") String to;
    @Option(names = "--label", description = "negative, neutral or positive.") String label;
    @Option(names = "--min-score") String minScore;
    @Option(names = "--max-score") String maxScore;
    @Option(names = "--text", description = "Words the text or headline contains (a phrase).") String text;
    @Option(names = "--interval", description = "series: hour, day or week.") String interval;
    @Option(names = "--entities", description = "share-of-voice: comma-separated entity ids.") String entities;
    @Option(names = "--ranking", description = "top-posts: negative, positive or engaged.") String ranking;
    @Option(names = "--size", description = "topics, top-posts: how many rows.") String size;
    @Option(names = "--event", description = "impact: one event id.") String event;
    @Option(names = "--window", description = "impact: days before and after.") String window;
    @Option(names = "--rule", description = "alerts: one rule id.") String rule;
    @Option(names = "--alert", description = "deliveries: one alert id.") String alert;
    @Option(names = "--subscription", description = "deliveries: one subscription id.") String subscription;
    @Option(names = "--status", description = "deliveries: PENDING, DELIVERED, PARKED or CANCELLED.") String status;
    @Option(names = "--per", description = "posts: post or entity.") String per;
    @Option(names = "--columns", description = "Comma-separated columns, in that order.") String columns;
    @Option(names = "--bom", description = "Start with a UTF-8 byte order mark (for Excel).") boolean bom;
    @Option(names = "--page-size", defaultValue = "2000", description = "Posts per Elasticsearch page (default ${DEFAULT-VALUE}).")
    int pageSize;
    @Option(names = "--no-progress", description = "No progress bar.") boolean noProgress;

    /** The export's parameters, named as in the HTTP route's query string. */
    Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("entity", entity);
        p.put("topic", topic);
        p.put("source", source);
        p.put("lang", lang);
        p.put("from", from);
        p.put("to", to);
        p.put("label", label);
        p.put("minScore", minScore);
        p.put("maxScore", maxScore);
        p.put("text", text);
        p.put("interval", interval);
        p.put("entities", entities);
        p.put("ranking", ranking);
        p.put("size", size);
        p.put("event", event);
        p.put("window", window);
        p.put("rule", rule);
        p.put("alert", alert);
        p.put("subscription", subscription);
        p.put("status", status);
        p.put("per", per);
        p.put("columns", columns);
        p.put("bom", Boolean.toString(bom));
        return p;
    }

    @Override
    public Integer call() throws IOException {
        ExportKind exportKind = ExportKind.parse(kind).orElseThrow(() -> new IllegalArgumentException(
                "no export of kind '" + kind + "': one of " + ExportKind.choices()));
        Settings settings = common.settings(Map.of());
        AppConfig app = AppConfig.from(settings);
        try (ElasticsearchClient client = EsClients.create(app.requireElasticsearch(), EsClients.DEFAULT_CONNECT_TIMEOUT,
                Duration.ofMinutes(2))) {
            PostQueries queries = new PostQueries(client, PostIndexConfig.from(settings).index());
            ExportService exports = ExportService.create(Catalogue.defaults(), queries,
                    new EventStore(client, EventsConfig.from(settings)),
                    new AlertStores(new AlertHistory(client, AlertsConfig.from(settings).historyIndex()),
                            new DeliveryLog(client, DispatcherConfig.from(settings).deliveriesIndex(), 0)),
                    PostsExporter.Settings.DEFAULTS.withPageSize(Math.min(500, pageSize), pageSize), Clock.systemUTC());
            ExportService.Prepared prepared = exports.prepare(exportKind, Params.Lookup.of(parameters()));
            Path part = output.resolveSibling(output.getFileName() + ".part");
            Instant started = Instant.now();
            long rows;
            try (ExportService.Run run = prepared.start()) {
                long total = run.total();
                ProgressBar bar = new ProgressBar(System.err, total, Clock.systemUTC(), !noProgress,
                        exportKind == ExportKind.POSTS ? "posts" : "rows", true);
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(part), 1 << 16)) {
                    rows = run.write(out, done -> bar.update(done, done));
                }
                bar.finish(total, total);
                Files.move(part, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (RuntimeException | IOException e) {
                Files.deleteIfExists(part);
                throw e;
            }
            double seconds = Math.max(0.001, Duration.between(started, Instant.now()).toMillis() / 1000.0);
            System.err.printf(Locale.ROOT, "Wrote %,d rows to %s in %.1f s%n", rows, output, seconds);
            return 0;
        }
    }
}
