package org.backbeat.app;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.backbeat.core.Settings;
import org.backbeat.index.IndexConfig;
import org.backbeat.index.Retention;
import org.backbeat.index.schema.EsClients;
import org.backbeat.index.schema.PostIndex;
import org.backbeat.index.schema.PostIndexConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code backbeat retention --keep-months N [--dry-run]}: drops the monthly posts indices past retention, now. */
@Command(name = "retention", mixinStandardHelpOptions = true,
        description = {"Delete the monthly posts indices (<es.index>-yyyy.MM) of months before the current month minus N "
                + "(UTC): posts are kept for the current month and the N months before it. Requires --elasticsearch.",
                "The index process does the same once a day when es.retention-months (env BACKBEAT_ES_RETENTION_MONTHS) is set.",
                "Example: backbeat retention --keep-months 13 --dry-run"})
final class RetentionCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--keep-months", paramLabel = "N", description = "Months kept besides the current one (at least 1). "
            + "Default: es.retention-months.")
    Integer keepMonths;

    @Option(names = "--dry-run", description = "List what would be deleted; delete nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws java.io.IOException {
        Settings settings = common.settings(Map.of());
        AppConfig app = AppConfig.from(settings);
        int months = keepMonths != null ? keepMonths : IndexConfig.from(settings).retentionMonths();
        if (months < 1) {
            throw new IllegalArgumentException("say how many months to keep: --keep-months N (at least 1), or set "
                    + IndexConfig.RETENTION_MONTHS + " (env " + Settings.envName(IndexConfig.RETENTION_MONTHS) + ")");
        }
        try (ElasticsearchClient client = EsClients.create(app.requireElasticsearch())) {
            Retention retention = new Retention(new PostIndex(client, PostIndexConfig.from(settings)), months, Clock.systemUTC());
            List<String> indices = dryRun ? retention.expired() : retention.apply();
            System.out.println((dryRun ? "Would delete " : "Deleted ") + indices.size() + " posts indices of months before "
                    + retention.oldestKept() + (indices.isEmpty() ? "." : ":"));
            indices.forEach(i -> System.out.println("  " + i));
            return 0;
        }
    }
}
