package org.backbeat.dashboard.reports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.backbeat.dashboard.export.ExportKind;

/**
 * A saved report: what to export ({@code kind} and the export's parameters, as in the route's query string, without
 * {@code from}/{@code to}), over which {@code period} relative to each run, and when. Stored in Elasticsearch under
 * its {@code name}, which also names its folder: {@code <work-dir>/reports/<name>/<date>.csv}.
 *
 * @param createdAt when it was saved: runs scheduled before it are never made up for
 * @param webhooks  ids of webhook subscriptions told of every finished run, with an expiring download link (signed
 *                  like alerts; event type {@code report.completed}); empty for none
 */
public record ReportDefinition(String name, String kind, Map<String, String> filters, String period, Schedule schedule,
                               Instant createdAt, List<String> webhooks) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    static final int MAX_NAME = 64;

    static final int MAX_WEBHOOKS = 10;

    @com.fasterxml.jackson.annotation.JsonCreator
    public ReportDefinition {
        filters = filters == null ? Map.of() : new TreeMap<>(filters);
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
    }

    /** A report that notifies nobody. */
    public ReportDefinition(String name, String kind, Map<String, String> filters, String period, Schedule schedule,
                            Instant createdAt) {
        this(name, kind, filters, period, schedule, createdAt, List.of());
    }

    public ReportDefinition withWebhooks(List<String> subscriptionIds) {
        return new ReportDefinition(name, kind, filters, period, schedule, createdAt, subscriptionIds);
    }

    public ReportDefinition withCreatedAt(Instant at) {
        return new ReportDefinition(name, kind, filters, period, schedule, at, webhooks);
    }

    /** What is wrong with it, one message per problem saying what to fix; empty when it is valid. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (name == null || name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
            problems.add("name must be lower-case letters, digits and single dashes (at most " + MAX_NAME + "), like 'amazon-weekly'");
        }
        if (ExportKind.parse(kind).isEmpty()) {
            problems.add("kind must be one of " + ExportKind.choices());
        }
        if (filters.containsKey("from") || filters.containsKey("to")) {
            problems.add("filters must not hold from/to: the period sets them for each run");
        }
        try {
            RelativePeriod.parse(period);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (webhooks.size() > MAX_WEBHOOKS || webhooks.stream().anyMatch(id -> id == null || !id.matches("[A-Za-z0-9_-]{1,100}"))) {
            problems.add("webhooks must list at most " + MAX_WEBHOOKS + " webhook subscription ids (see /api/alerts/subscriptions)");
        }
        if (schedule == null) {
            problems.add("schedule is required: {\"every\": \"day\"|\"week\", \"day\": \"monday\", \"time\": \"07:00\", \"zone\": \"UTC\"}");
        } else {
            problems.addAll(schedule.problems());
        }
        return problems;
    }

    public ExportKind exportKind() {
        return ExportKind.parse(kind).orElseThrow();
    }

    public RelativePeriod relativePeriod() {
        return RelativePeriod.parse(period);
    }
}
