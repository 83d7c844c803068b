package org.backbeat.dashboard.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.backbeat.alerts.webhook.subscription.WebhookFormat;
import org.backbeat.core.Json;
import org.backbeat.dashboard.TimeRange;

/**
 * The notice of a finished report run, event type {@value #TYPE}, in a subscription's format: Backbeat's JSON envelope
 * (as alerts: {@code type}, {@code timestamp}, {@code data}), or one line of text for Slack ({@code text}) and
 * Discord ({@code content}). Its {@code webhook-id} ({@link #messageId}) is the same for every attempt of one run.
 */
final class ReportNotice {

    static final String TYPE = "report.completed";
    static final int SCHEMA_VERSION = 1;

    private ReportNotice() {
    }

    /** {@code report_<name>_<yyyymmdd>}: one id per run, the receiver's idempotency key. */
    static String messageId(ReportRun run) {
        return "report_" + run.name().replace('-', '_') + "_" + run.date().toString().replace("-", "");
    }

    static byte[] render(WebhookFormat format, ReportDefinition definition, ReportRun run, TimeRange period,
                         DownloadLinks.Link link, Instant now) {
        ObjectNode root = Json.mapper().createObjectNode();
        switch (format) {
            case SLACK -> root.put("text", sentence(definition, run, period, link));
            case DISCORD -> root.put("content", sentence(definition, run, period, link));
            default -> {
                root.put("type", TYPE);
                root.put("timestamp", now.toString());
                ObjectNode data = root.putObject("data");
                data.put("schemaVersion", SCHEMA_VERSION);
                data.put("report", definition.name());
                data.put("kind", definition.kind());
                ObjectNode p = data.putObject("period");
                p.put("text", definition.period());
                p.put("from", period.from().toString());
                p.put("to", period.to().toString());
                data.put("date", run.date().toString());
                data.put("scheduledFor", run.scheduledFor().toString());
                data.put("rows", run.rows());
                data.put("file", run.file());
                ObjectNode download = data.putObject("download");
                download.put("url", link.url());
                download.put("expiresAt", link.expiresAt().toString());
            }
        }
        try {
            return Json.mapper().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report notice is plain JSON", e);
        }
    }

    /** For chat: names and numbers only (report names are [a-z0-9-]), so nothing needs escaping. */
    private static String sentence(ReportDefinition definition, ReportRun run, TimeRange period, DownloadLinks.Link link) {
        return "Backbeat report " + definition.name() + " (" + definition.kind() + ", " + definition.period() + ": "
                + period.from() + " to " + period.to() + "): " + run.rows() + " rows. Download until " + link.expiresAt()
                + ": " + link.url();
    }
}
