package org.backbeat.alerts.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.backbeat.alerts.webhook.delivery.AttemptResult;
import org.backbeat.alerts.webhook.delivery.DeliveryState;
import org.backbeat.alerts.webhook.delivery.DeliveryStatus;
import org.backbeat.alerts.webhook.delivery.NextState;
import org.backbeat.alerts.webhook.delivery.ResponsePolicy;
import org.backbeat.alerts.webhook.delivery.RetryAfter;
import org.backbeat.alerts.webhook.delivery.RetrySchedule;
import org.backbeat.alerts.webhook.http.WebhookResponse;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");

    @Test
    void default_schedule_makes_nine_attempts_reaching_six_hours_with_full_jitter() {
        RetrySchedule max = new RetrySchedule(RetrySchedule.defaults().steps(), () -> 1.0);
        RetrySchedule min = new RetrySchedule(RetrySchedule.defaults().steps(), () -> 0.0);
        RetrySchedule half = new RetrySchedule(RetrySchedule.defaults().steps(), () -> 0.5);

        assertThat(max.maxAttempts()).isEqualTo(9);
        assertThat(max.delayAfter(1)).contains(Duration.ofSeconds(5));
        assertThat(max.delayAfter(2)).contains(Duration.ofSeconds(30));
        assertThat(max.delayAfter(8)).contains(Duration.ofHours(6));
        assertThat(max.delayAfter(9)).isEmpty();
        assertThat(min.delayAfter(3)).contains(Duration.ZERO);
        assertThat(half.delayAfter(7)).contains(Duration.ofMinutes(90));
        assertThat(RetrySchedule.parse("50ms, 2s,1m,1h").steps())
                .containsExactly(Duration.ofMillis(50), Duration.ofSeconds(2), Duration.ofMinutes(1), Duration.ofHours(1));
        assertThatThrownBy(() -> RetrySchedule.parse("5s,soon")).hasMessageContaining("'soon' is not one");
    }

    @Test
    void retry_after_reads_seconds_and_http_dates() {
        assertThat(RetryAfter.parse("120", NOW)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse("Wed, 02 Dec 2026 08:01:30 GMT", NOW)).contains(Duration.ofSeconds(90));
        assertThat(RetryAfter.parse("Wed, 02 Dec 2026 07:00:00 GMT", NOW)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
    }

    @Test
    void answers_are_judged_as_the_spec_and_common_practice_say() {
        assertThat(judge(204, Map.of()).verdict()).isEqualTo(AttemptResult.Verdict.SUCCESS);
        assertThat(judge(410, Map.of()).verdict()).isEqualTo(AttemptResult.Verdict.GONE);
        AttemptResult redirect = judge(302, Map.of("location", List.of("http://elsewhere.example/")));
        assertThat(redirect.verdict()).isEqualTo(AttemptResult.Verdict.RETRY);
        assertThat(redirect.error()).contains("302").contains("elsewhere.example").contains("not followed");
        AttemptResult limited = judge(429, Map.of("retry-after", List.of("7")));
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(judge(503, Map.of()).retryAfter()).isNull();
        assertThat(judge(400, Map.of()).verdict()).isEqualTo(AttemptResult.Verdict.RETRY);
    }

    @Test
    void a_failing_delivery_is_retried_on_the_schedule_then_parked_after_the_last_attempt() {
        NextState next = new NextState(new RetrySchedule(List.of(Duration.ofSeconds(5), Duration.ofSeconds(30)), () -> 1.0),
                Duration.ofHours(6));
        DeliveryState state = DeliveryState.pending(Alerts.volumeSpike("r", "amazon", NOW), "sub_1", 0, NOW);
        AttemptResult failed = AttemptResult.noAnswer("connection refused", Duration.ofMillis(3));

        DeliveryState second = next.after(state, failed, NOW, NOW);
        DeliveryState third = next.after(second, failed, NOW.plusSeconds(5), NOW.plusSeconds(5));
        DeliveryState parked = next.after(third, failed, NOW.plusSeconds(35), NOW.plusSeconds(35));

        assertThat(second.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(second.nextAttemptAt()).isEqualTo(NOW.plusSeconds(5));
        assertThat(second.revision()).isEqualTo(2);
        assertThat(third.nextAttemptAt()).isEqualTo(NOW.plusSeconds(35));
        assertThat(parked.status()).isEqualTo(DeliveryStatus.PARKED);
        assertThat(parked.reason()).contains("attempts used up (3 of 3)").contains("connection refused");
        assertThat(parked.attempts()).extracting(a -> a.number()).containsExactly(1, 2, 3);
        assertThat(parked.nextAttemptAt()).isNull();

        DeliveryState resent = parked.resent(NOW.plusSeconds(100));
        assertThat(resent.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(resent.attemptsInRound()).isZero();
        assertThat(resent.revision()).isEqualTo(parked.revision() + 1);
        assertThat(resent.nextAttemptNumber()).isEqualTo(4);
    }

    @Test
    void retry_after_is_honoured_up_to_its_cap_and_410_parks_at_once() {
        NextState next = new NextState(new RetrySchedule(List.of(Duration.ofSeconds(5), Duration.ofSeconds(30)), () -> 1.0),
                Duration.ofMinutes(10));
        DeliveryState state = DeliveryState.pending(Alerts.volumeSpike("r", "amazon", NOW), "sub_1", 0, NOW);

        DeliveryState asked = next.after(state, judge(429, Map.of("retry-after", List.of("120"))), NOW, NOW);
        DeliveryState capped = next.after(state, judge(503, Map.of("retry-after", List.of("86400"))), NOW, NOW);
        DeliveryState gone = next.after(state, judge(410, Map.of()), NOW, NOW);

        assertThat(asked.nextAttemptAt()).isEqualTo(NOW.plusSeconds(120));
        assertThat(capped.nextAttemptAt()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
        assertThat(gone.status()).isEqualTo(DeliveryStatus.PARKED);
        assertThat(gone.reason()).contains("410");
    }

    private static AttemptResult judge(int status, Map<String, List<String>> headers) {
        return ResponsePolicy.judge(new WebhookResponse(status, headers, "", Duration.ofMillis(12)), NOW);
    }
}
