package org.backbeat.alerts.webhook.delivery;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.backbeat.alerts.webhook.WebhookSigner;
import org.backbeat.alerts.webhook.http.WebhookHttpClient;
import org.backbeat.alerts.webhook.payload.PayloadRenderer;
import org.backbeat.alerts.webhook.ssrf.BlockedTargetException;
import org.backbeat.alerts.webhook.ssrf.TargetGuard;
import org.backbeat.alerts.webhook.ssrf.WebhookTarget;
import org.backbeat.alerts.webhook.subscription.Subscription;
import org.backbeat.core.Alert;

/**
 * One attempt: check the target, render the body in the subscription's format, sign it, POST it to the checked
 * address within the timeout, and judge the answer. Never throws for a receiver's failure: every outcome is an
 * {@link AttemptResult}.
 */
public final class WebhookSender {

    public static final String USER_AGENT = "Backbeat-Webhooks/1.0";

    private final TargetGuard guard;
    private final WebhookHttpClient http;
    private final PayloadRenderer renderer;
    private final Duration timeout;
    private final Clock clock;

    public WebhookSender(TargetGuard guard, WebhookHttpClient http, PayloadRenderer renderer, Duration timeout, Clock clock) {
        this.guard = guard;
        this.http = http;
        this.renderer = renderer;
        this.timeout = timeout;
        this.clock = clock;
    }

    public AttemptResult send(Subscription subscription, Alert alert, boolean test) {
        return post(subscription, alert.id(), () -> renderer.render(alert, subscription.format(), test));
    }

    /**
     * One signed POST of any Backbeat message (an alert, a report notice) to the subscription, through the same SSRF
     * guard, pinned client, timeout and judgement of the answer.
     *
     * @param messageId the {@code webhook-id}: the same on every retry of one message, the receiver's idempotency key
     * @param body      the exact bytes to sign and send, rendered once the target passed the guard
     */
    public AttemptResult post(Subscription subscription, String messageId, java.util.function.Supplier<byte[]> body) {
        long start = System.nanoTime();
        WebhookTarget target;
        try {
            target = guard.check(URI.create(subscription.url()));
        } catch (BlockedTargetException e) {
            return AttemptResult.blocked(e.getMessage());
        } catch (UnknownHostException e) {
            return AttemptResult.noAnswer("host " + subscription.host() + " does not resolve", elapsed(start));
        } catch (IllegalArgumentException e) {
            return AttemptResult.blocked("the URL is not valid: " + e.getMessage());
        }
        byte[] bytes = body.get();
        long timestamp = clock.instant().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", USER_AGENT);
        headers.putAll(WebhookSigner.headers(subscription.secret(), messageId, timestamp, bytes));
        try {
            return ResponsePolicy.judge(http.post(target, headers, bytes, timeout), clock.instant());
        } catch (SocketTimeoutException e) {
            return AttemptResult.noAnswer("timed out: " + e.getMessage(), elapsed(start));
        } catch (ConnectException e) {
            return AttemptResult.noAnswer("connection refused: " + e.getMessage(), elapsed(start));
        } catch (IOException e) {
            return AttemptResult.noAnswer(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), elapsed(start));
        }
    }

    private static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
