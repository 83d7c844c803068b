package org.backbeat.dashboard.reports;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.backbeat.alerts.webhook.delivery.AttemptResult;
import org.backbeat.alerts.webhook.subscription.WebhookFormat;
import org.backbeat.dashboard.TimeRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the webhook subscriptions a report names ({@link ReportDefinition#webhooks()}) that a run finished: a
 * {@link ReportNotice} with an expiring {@link DownloadLinks} link, signed with each subscription's secret as alerts
 * are. A receiver that fails is tried again after each pause of {@code backoff} (default 2 s, then 10 s), then given up
 * on with a warning in the log: the run itself stays done, and its file is listed in {@code /api/reports}.
 */
final class ReportNotifier {

    private static final Logger log = LoggerFactory.getLogger(ReportNotifier.class);
    static final List<Duration> DEFAULT_BACKOFF = List.of(Duration.ofSeconds(2), Duration.ofSeconds(10));

    /** Sends one signed message to a subscription: {@code DeliveryAdmin::sendMessage}. Empty: no such subscription. */
    @FunctionalInterface
    interface Sender {
        Optional<AttemptResult> send(String subscriptionId, String messageId, Function<WebhookFormat, byte[]> body);
    }

    /** How a notice to one subscription went. */
    record Outcome(String subscriptionId, boolean delivered, int attempts, String detail) {
    }

    private final Sender sender;
    private final DownloadLinks links;
    private final Clock clock;
    private final List<Duration> backoff;

    ReportNotifier(Sender sender, DownloadLinks links, Clock clock, List<Duration> backoff) {
        this.sender = sender;
        this.links = links;
        this.clock = clock;
        this.backoff = List.copyOf(backoff);
    }

    List<Outcome> notify(ReportDefinition definition, ReportRun run, TimeRange period) {
        List<Outcome> outcomes = new ArrayList<>();
        if (definition.webhooks().isEmpty()) {
            return outcomes;
        }
        if (sender == null) {
            log.warn("Report {} names webhook subscriptions {}, but webhooks are not set up in this process: no notice sent",
                    definition.name(), definition.webhooks());
            return outcomes;
        }
        DownloadLinks.Link link = links.link(run.name(), run.date());
        String messageId = ReportNotice.messageId(run);
        for (String subscription : definition.webhooks()) {
            Outcome outcome = notifyOne(subscription, messageId,
                    format -> ReportNotice.render(format, definition, run, period, link, clock.instant()));
            outcomes.add(outcome);
            if (outcome.delivered()) {
                log.info("Report {} for {}: notice {} delivered to subscription {} ({} attempts)", run.name(), run.date(), messageId,
                        subscription, outcome.attempts());
            } else {
                log.warn("Report {} for {}: notice {} not delivered to subscription {} after {} attempts: {}", run.name(), run.date(),
                        messageId, subscription, outcome.attempts(), outcome.detail());
            }
        }
        return outcomes;
    }

    private Outcome notifyOne(String subscription, String messageId, Function<WebhookFormat, byte[]> body) {
        for (int attempt = 1; ; attempt++) {
            Optional<AttemptResult> result = sender.send(subscription, messageId, body);
            if (result.isEmpty()) {
                return new Outcome(subscription, false, attempt - 1, "no such subscription");
            }
            AttemptResult r = result.get();
            String detail = r.statusCode() == null ? r.error() : "HTTP " + r.statusCode();
            if (r.verdict() == AttemptResult.Verdict.SUCCESS) {
                return new Outcome(subscription, true, attempt, detail);
            }
            if (r.verdict() != AttemptResult.Verdict.RETRY || attempt > backoff.size()) {
                return new Outcome(subscription, false, attempt, detail);
            }
            try {
                Thread.sleep(backoff.get(attempt - 1).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(subscription, false, attempt, "interrupted while waiting to try again");
            }
        }
    }
}
