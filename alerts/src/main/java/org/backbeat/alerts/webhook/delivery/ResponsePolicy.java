package org.backbeat.alerts.webhook.delivery;

import java.time.Duration;
import java.time.Instant;
import org.backbeat.alerts.webhook.http.WebhookResponse;

/**
 * What a receiver's answer means, as Standard Webhooks, GitHub and Stripe practice have it:
 * <ul>
 *   <li>2xx: delivered;</li>
 *   <li>410 Gone: the endpoint is gone; the subscription is disabled and the delivery parked;</li>
 *   <li>429 and 503: try again, after {@code Retry-After} when the receiver gave one;</li>
 *   <li>3xx: a failure (redirects are never followed: the signature is for this URL, and a redirect could lead the
 *       request past the SSRF guard); retried, because the receiver may be fixed;</li>
 *   <li>anything else: a failure, retried on the schedule.</li>
 * </ul>
 */
public final class ResponsePolicy {

    private ResponsePolicy() {
    }

    public static AttemptResult judge(WebhookResponse response, Instant now) {
        int status = response.status();
        Duration latency = response.latency();
        if (status >= 200 && status < 300) {
            return new AttemptResult(AttemptResult.Verdict.SUCCESS, status, latency, null, null);
        }
        if (status == 410) {
            return new AttemptResult(AttemptResult.Verdict.GONE, status, latency, "410 Gone: the receiver retired this endpoint", null);
        }
        String detail = response.bodySnippet().isEmpty() ? "" : ": " + abbreviate(response.bodySnippet());
        if (status == 429 || status == 503) {
            Duration wait = response.header("retry-after").flatMap(v -> RetryAfter.parse(v, now)).orElse(null);
            String asked = wait == null ? "" : " (Retry-After " + wait.toSeconds() + " s)";
            return new AttemptResult(AttemptResult.Verdict.RETRY, status, latency, "HTTP " + status + asked + detail, wait);
        }
        if (status >= 300 && status < 400) {
            String location = response.header("location").map(l -> " to " + abbreviate(l)).orElse("");
            return new AttemptResult(AttemptResult.Verdict.RETRY, status, latency,
                    "HTTP " + status + " redirect" + location + " not followed: webhooks are never redirected", null);
        }
        return new AttemptResult(AttemptResult.Verdict.RETRY, status, latency, "HTTP " + status + detail, null);
    }

    private static String abbreviate(String s) {
        String flat = s.replaceAll("\\s+", " ");
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }
}
