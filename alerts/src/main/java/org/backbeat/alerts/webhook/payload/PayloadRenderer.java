package org.backbeat.alerts.webhook.payload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.backbeat.alerts.webhook.subscription.WebhookFormat;
import org.backbeat.core.Alert;
import org.backbeat.core.Json;

/**
 * Turns an alert into the bytes of a webhook body in a subscription's format. The same alert always gives the
 * same bytes, so every retry sends (and signs) exactly what the first attempt did.
 */
public final class PayloadRenderer {

    private final ObjectMapper mapper = Json.mapper();
    private final DashboardLinks links;

    public PayloadRenderer(DashboardLinks links) {
        this.links = links;
    }

    public byte[] render(Alert alert, WebhookFormat format) {
        return render(alert, format, false);
    }

    /** @param test whether this is a "send a test alert" request (marked as such in the body) */
    public byte[] render(Alert alert, WebhookFormat format, boolean test) {
        String dashboardUrl = links.forAlert(alert);
        ObjectNode body = switch (format) {
            case JSON -> JsonPayload.render(mapper, alert, dashboardUrl, test);
            case SLACK -> SlackPayload.render(mapper, alert, dashboardUrl, test);
            case DISCORD -> DiscordPayload.render(mapper, alert, dashboardUrl, test);
        };
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a webhook body: " + e.getMessage(), e);
        }
    }
}
