package org.backbeat.dashboard.reports;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backbeat.core.Json;
import org.backbeat.dashboard.ExportService;
import org.backbeat.dashboard.export.ExportKind;
import org.backbeat.dashboard.Params;
import org.backbeat.dashboard.TimeRange;
import org.backbeat.dashboard.events.AdminToken;

/**
 * Scheduled reports over HTTP: {@code GET /api/reports} (definitions with their next run and past runs),
 * {@code PUT /api/reports/{name}} and {@code DELETE /api/reports/{name}} (admin token), and
 * {@code GET /api/reports/{name}/files/{date}.csv} (a run's file; the admin token for a report of deliveries, which
 * names subscriptions) and {@code GET /api/reports/download/{token}} (a run's file through the expiring link of a
 * report notice: no token, but a 403 for a link that is forged or expired).
 */
public final class ReportsController {

    /** A definition as listed: with when it runs next and its runs, newest first. */
    public record Listed(ReportDefinition definition, Instant nextRun, List<ReportRun> runs) {
    }

    public record ListResponse(List<Listed> reports) {
    }

    private final ReportStore store;
    private final ReportScheduler scheduler;
    private final ExportService exports;
    private final AdminToken adminToken;
    private final Clock clock;

    public ReportsController(ReportStore store, ReportScheduler scheduler, ExportService exports, AdminToken adminToken, Clock clock) {
        this.store = store;
        this.scheduler = scheduler;
        this.exports = exports;
        this.adminToken = adminToken;
        this.clock = clock;
    }

    public void list(Context ctx) {
        Instant now = clock.instant();
        Map<String, List<ReportRun>> runs = new LinkedHashMap<>();
        for (ReportRun run : store.runs(null)) {
            runs.computeIfAbsent(run.name(), n -> new ArrayList<>()).add(run);
        }
        List<Listed> listed = new ArrayList<>();
        // which subscriptions a report notifies is for admins, as the subscriptions themselves are
        boolean admin = adminToken.accepts(ctx.header(io.javalin.http.Header.AUTHORIZATION));
        for (ReportDefinition d : store.list()) {
            Instant next = d.problems().isEmpty() ? d.schedule().nextAfter(now).toInstant() : null;
            listed.add(new Listed(admin ? d : d.withWebhooks(List.of()), next, runs.getOrDefault(d.name(), List.of())));
        }
        ctx.json(new ListResponse(listed));
    }

    /** Creates or replaces a definition (its runs and files stay). */
    public void put(Context ctx) {
        requireAdmin(ctx);
        String name = ctx.pathParam("name");
        ReportDefinition body;
        try {
            body = Json.mapper().readValue(ctx.body(), ReportDefinition.class);
        } catch (IOException e) {
            throw new BadRequestResponse("the body must be a report definition: {\"kind\": \"posts\", \"filters\": {\"entity\": "
                    + "\"amazon\"}, \"period\": \"last 7 days\", \"schedule\": {\"every\": \"week\", \"day\": \"monday\", "
                    + "\"time\": \"07:00\", \"zone\": \"Europe/London\"}}");
        }
        if (body.name() != null && !body.name().equals(name)) {
            throw new BadRequestResponse("the body's name '" + body.name() + "' differs from the path's '" + name + "'");
        }
        ReportDefinition definition = new ReportDefinition(name, body.kind(), body.filters(), body.period(), body.schedule(),
                store.get(name).map(ReportDefinition::createdAt).orElse(clock.instant()), body.webhooks());
        List<String> problems = definition.problems();
        if (!problems.isEmpty()) {
            throw new BadRequestResponse(String.join("; ", problems));
        }
        // the filters are checked as an export would check them, over the period of a run today
        TimeRange range = definition.relativePeriod().range(LocalDate.now(clock.withZone(definition.schedule().zoneId())),
                definition.schedule().zoneId());
        Map<String, String> parameters = new LinkedHashMap<>(definition.filters());
        parameters.put("from", range.from().toString());
        parameters.put("to", range.to().toString());
        exports.prepare(definition.exportKind(), Params.Lookup.of(parameters));
        store.put(definition);
        ctx.json(definition);
    }

    public void delete(Context ctx) {
        requireAdmin(ctx);
        String name = ctx.pathParam("name");
        if (!store.delete(name)) {
            throw new NotFoundResponse("no report named '" + name + "' (see /api/reports)");
        }
        ctx.status(204);
    }

    /** A run's CSV file. */
    public void file(Context ctx) throws IOException {
        String name = ctx.pathParam("name");
        LocalDate date;
        try {
            date = LocalDate.parse(ctx.pathParam("date"));
        } catch (DateTimeParseException e) {
            throw new BadRequestResponse("the date must look like 2011-03-29");
        }
        if (store.get(name).map(d -> ExportKind.parse(d.kind()).map(ExportKind::adminOnly).orElse(false)).orElse(false)) {
            adminToken.require(ctx);
        }
        Path file = scheduler.file(name, date).orElseThrow(() -> new NotFoundResponse(
                "no file of report '" + name + "' for " + date + " (see /api/reports)"));
        send(ctx, name, date, file);
    }

    /** A run's file through the link of a report notice: the link's signature and expiry are the authority. */
    public void download(Context ctx) throws IOException {
        DownloadLinks.Target target;
        try {
            target = scheduler.links().verify(ctx.pathParam("token"));
        } catch (DownloadLinks.InvalidLinkException e) {
            throw new ForbiddenResponse(e.getMessage());
        }
        Path file = scheduler.file(target.name(), target.date()).orElseThrow(() -> new NotFoundResponse(
                "the file of report '" + target.name() + "' for " + target.date() + " is no longer there"));
        ctx.header("Cache-Control", "no-store");
        send(ctx, target.name(), target.date(), file);
    }

    private static void send(Context ctx, String name, LocalDate date, Path file) throws IOException {
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"backbeat-report-" + name + "-" + date + ".csv\"");
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(ctx.res().getOutputStream());
        }
    }

    private void requireAdmin(Context ctx) {
        adminToken.require(ctx);
    }
}
