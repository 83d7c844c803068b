package org.backbeat.alerts.webhook.delivery;

import java.time.Duration;

/**
 * What one attempt came to.
 *
 * @param verdict    what to do next
 * @param statusCode the HTTP status, null when there was no answer
 * @param latency    from the start of the attempt to the answer or the failure
 * @param error      what went wrong, for people; null on success
 * @param retryAfter the wait the receiver asked for (429/503 with {@code Retry-After}), null when none
 */
public record AttemptResult(Verdict verdict, Integer statusCode, Duration latency, String error, Duration retryAfter) {

    public enum Verdict {
        /** 2xx: delivered. */
        SUCCESS,
        /** Try again later: timeouts, refused connections, 3xx, 4xx and 5xx other than 410. */
        RETRY,
        /** 410 Gone: the receiver says the endpoint is gone for good; the subscription is disabled. */
        GONE,
        /** The SSRF guard refused the target: parked at once, never retried. */
        BLOCKED
    }

    public static AttemptResult noAnswer(String error, Duration latency) {
        return new AttemptResult(Verdict.RETRY, null, latency, error, null);
    }

    public static AttemptResult blocked(String error) {
        return new AttemptResult(Verdict.BLOCKED, null, Duration.ZERO, error, null);
    }

    public Attempt toAttempt(int number, java.time.Instant at) {
        return new Attempt(number, at, statusCode, latency.toMillis(), error);
    }
}
