package org.backbeat.alerts.webhook.payload;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.backbeat.core.Alert;

/**
 * Links into the dashboard with its filters set to an alert's entity, topic and time: the week of baseline
 * before the window and the window itself, hourly for windows under a day. The dashboard reads these
 * query parameters on load ({@code entity}, {@code topic}, {@code from}, {@code to}, {@code interval}); {@code alert}
 * names the alert for the Alerts panel.
 */
public final class DashboardLinks {

    private final String baseUrl;

    /** @param baseUrl where people reach the dashboard, e.g. {@code https://backbeat.example.org} */
    public DashboardLinks(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public String forAlert(Alert alert) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("entity", Alert.ALL_ENTITIES.equals(alert.entity()) ? "all" : alert.entity());
        if (alert.topic() != null) {
            params.put("topic", alert.topic());
        }
        LocalDate from = alert.windowStart().minus(Duration.ofDays(7)).atOffset(ZoneOffset.UTC).toLocalDate();
        LocalDate to = alert.windowEnd().atOffset(ZoneOffset.UTC).toLocalDate();
        params.put("from", from.toString());
        params.put("to", to.toString());
        Duration window = Duration.between(alert.windowStart(), alert.windowEnd());
        params.put("interval", window.compareTo(Duration.ofDays(1)) < 0 ? "hour" : "day");
        params.put("alert", alert.id());
        return baseUrl + "/?" + params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
