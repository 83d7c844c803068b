package org.backbeat.alerts.webhook.delivery;

import java.time.Instant;

/**
 * One HTTP attempt, as the delivery log shows it.
 *
 * @param number     1 for the first attempt of the delivery, counting across resends
 * @param at         when it started (wall clock)
 * @param statusCode the HTTP status, null when there was no answer (timeout, refused, blocked)
 * @param latencyMs  from start to the status line, or to the failure
 * @param error      what went wrong for people, null on success
 */
public record Attempt(int number, Instant at, Integer statusCode, long latencyMs, String error) {
}
