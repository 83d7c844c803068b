package org.backbeat.alerts.webhook.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides a delivery's next state from its current state and what an attempt came to: the retry policy in one
 * place, without I/O.
 */
public final class NextState {

    private final RetrySchedule schedule;
    private final Duration maxRetryAfter;

    /**
     * @param schedule      the waits between attempts
     * @param maxRetryAfter the longest {@code Retry-After} honoured; a receiver asking for more waits this long
     */
    public NextState(RetrySchedule schedule, Duration maxRetryAfter) {
        this.schedule = schedule;
        this.maxRetryAfter = maxRetryAfter;
    }

    public RetrySchedule schedule() {
        return schedule;
    }

    /**
     * @param startedAt when the attempt started (its time in the log)
     * @param now       when it ended: waits count from here
     */
    public DeliveryState after(DeliveryState current, AttemptResult result, Instant startedAt, Instant now) {
        Attempt attempt = result.toAttempt(current.nextAttemptNumber(), startedAt);
        int made = current.attemptsInRound() + 1;
        switch (result.verdict()) {
            case SUCCESS:
                return current.after(attempt, DeliveryStatus.DELIVERED, null, "delivered: HTTP " + result.statusCode(), now);
            case GONE:
                return current.after(attempt, DeliveryStatus.PARKED, null,
                        "the receiver answered 410 Gone: the subscription was disabled", now);
            case BLOCKED:
                return current.after(attempt, DeliveryStatus.PARKED, null, "refused: " + result.error(), now);
            default:
                break;
        }
        if (current.test()) {
            return current.after(attempt, DeliveryStatus.FAILED, null, "test failed: " + result.error(), now);
        }
        Optional<Duration> wait = schedule.delayAfter(made);
        if (wait.isEmpty()) {
            return current.after(attempt, DeliveryStatus.PARKED, null,
                    "attempts used up (" + made + " of " + schedule.maxAttempts() + "); last: " + result.error(), now);
        }
        if (result.retryAfter() != null) {
            Duration asked = result.retryAfter().compareTo(maxRetryAfter) > 0 ? maxRetryAfter : result.retryAfter();
            return current.after(attempt, DeliveryStatus.PENDING, now.plus(asked),
                    "retry " + (made + 1) + " of " + schedule.maxAttempts() + " after " + asked.toMillis()
                            + " ms, as the receiver asked (" + result.statusCode() + ")", now);
        }
        return current.after(attempt, DeliveryStatus.PENDING, now.plus(wait.get()),
                "retry " + (made + 1) + " of " + schedule.maxAttempts() + " after " + wait.get().toMillis() + " ms; last: "
                        + result.error(), now);
    }
}
