package org.backbeat.alerts.webhook.http;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a receiver answered.
 *
 * @param status      the HTTP status code
 * @param headers     response headers, names in lower case
 * @param bodySnippet the start of the body for the delivery log (at most {@link WebhookHttpClient#SNIPPET_BYTES}
 *                    bytes), empty when none was read
 * @param latency     from the start of the attempt (DNS and connect included) to the status line
 */
public record WebhookResponse(int status, Map<String, List<String>> headers, String bodySnippet, Duration latency) {

    public WebhookResponse {
        headers = Map.copyOf(headers);
        bodySnippet = bodySnippet == null ? "" : bodySnippet;
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
