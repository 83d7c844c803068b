package org.backbeat.alerts.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.backbeat.alerts.webhook.subscription.SubscriptionFilter;
import org.backbeat.alerts.webhook.subscription.SubscriptionRequest;
import org.backbeat.alerts.webhook.subscription.WebhookFormat;
import org.backbeat.core.Alert;
import org.junit.jupiter.api.Test;

class SubscriptionRequestTest {

    @Test
    void a_valid_request_has_no_problems_and_defaults_to_json_for_every_alert() {
        SubscriptionRequest request = new SubscriptionRequest(null, "https://hooks.example.org/x", null, null, null, null, null);

        assertThat(request.problems()).isEmpty();
        assertThat(request.formatOrDefault()).isEqualTo(WebhookFormat.JSON);
        assertThat(request.filter()).isEqualTo(SubscriptionFilter.any());
        assertThat(request.enabledOrDefault()).isTrue();
    }

    @Test
    void every_problem_is_named_with_what_to_fix() {
        assertThat(new SubscriptionRequest(null, null, null, null, null, null, null).problems())
                .containsExactly("url is required: the http:// or https:// address that receives the alerts");
        assertThat(new SubscriptionRequest(null, "ftp://x.example/", "TEAMS", List.of(""), null, "LOUD", null).problems())
                .containsExactly(
                        "url must start with http:// or https://, was 'ftp:…'",
                        "format must be one of [JSON, SLACK, DISCORD], was 'TEAMS'",
                        "minSeverity must be one of [INFO, WARNING, CRITICAL], was 'LOUD'",
                        "ruleIds must not contain empty values");
        assertThat(new SubscriptionRequest(null, "https://user:pw@x.example/", null, null, null, null, null).problems())
                .singleElement().asString().contains("must not carry a user name or password");
        assertThat(new SubscriptionRequest(null, "https:// bad", null, null, null, null, null).problems())
                .singleElement().asString().startsWith("url is not a valid URL");
    }

    @Test
    void filters_match_rule_entity_and_minimum_severity() {
        Instant t = Instant.parse("2011-03-29T14:00:00Z");
        SubscriptionFilter filter = new SubscriptionRequest(null, "https://x.example/", "slack", List.of("r1", " r2 "),
                List.of("amazon"), "warning", null).filter();

        assertThat(filter.matches(Alerts.volumeSpike("r2", "amazon", t, Alert.Severity.WARNING, "x"))).isTrue();
        assertThat(filter.matches(Alerts.volumeSpike("r2", "amazon", t, Alert.Severity.CRITICAL, "x"))).isTrue();
        assertThat(filter.matches(Alerts.volumeSpike("r2", "amazon", t, Alert.Severity.INFO, "x"))).isFalse();
        assertThat(filter.matches(Alerts.volumeSpike("r3", "amazon", t, Alert.Severity.WARNING, "x"))).isFalse();
        assertThat(filter.matches(Alerts.volumeSpike("r1", "spotify", t, Alert.Severity.WARNING, "x"))).isFalse();
    }
}
