package org.backbeat.alerts.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.backbeat.alerts.webhook.ssrf.TargetGuard;
import org.backbeat.alerts.webhook.subscription.CreatedSubscription;
import org.backbeat.alerts.webhook.subscription.InvalidSubscriptionException;
import org.backbeat.alerts.webhook.subscription.Subscription;
import org.backbeat.alerts.webhook.subscription.SubscriptionRequest;
import org.backbeat.alerts.webhook.subscription.SubscriptionStore;
import org.backbeat.alerts.webhook.subscription.SubscriptionView;
import org.backbeat.alerts.webhook.subscription.Subscriptions;
import org.backbeat.alerts.webhook.subscription.WebhookFormat;
import org.backbeat.core.Alert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Subscriptions on the real Elasticsearch server. */
@ExtendWith(RealInfra.class)
class SubscriptionStoreTest {

    private static final String INDEX = "test-webhook-subscriptions";
    private SubscriptionStore store;
    private Subscriptions subscriptions;

    @BeforeEach
    void freshIndex(ElasticsearchClient client) throws IOException {
        if (client.indices().exists(e -> e.index(INDEX)).value()) {
            client.indices().delete(d -> d.index(INDEX));
        }
        store = new SubscriptionStore(client, INDEX, 0);
        store.ensureCreated();
        subscriptions = new Subscriptions(store, new TargetGuard(Set.of()), Clock.systemUTC());
    }

    @Test
    void the_secret_is_returned_once_at_creation_and_afterwards_only_its_last_four_characters() {
        // when
        CreatedSubscription created = subscriptions.create(new SubscriptionRequest("PR team", "https://hooks.example.org/backbeat",
                "slack", List.of("amazon-volume"), List.of("amazon"), "WARNING", null));

        // then
        String secret = created.secret();
        assertThat(secret).startsWith("whsec_");
        SubscriptionView view = subscriptions.get(created.subscription().id()).orElseThrow();
        assertThat(view.secretHint()).isEqualTo("…" + secret.substring(secret.length() - 4));
        assertThat(view.format()).isEqualTo(WebhookFormat.SLACK);
        assertThat(view.filter().ruleIds()).containsExactly("amazon-volume");
        assertThat(view.filter().minSeverity()).isEqualTo(Alert.Severity.WARNING);
        assertThat(view.toString()).doesNotContain(secret.substring(6));
        Subscription stored = store.get(view.id()).orElseThrow();
        assertThat(stored.secret()).isEqualTo(secret);
        assertThat(stored.toString()).doesNotContain(secret.substring(6));
        assertThat(subscriptions.list()).extracting(SubscriptionView::id).containsExactly(view.id());
    }

    @Test
    void replacing_keeps_the_secret_and_disabling_and_enabling_sets_and_clears_the_reason() {
        CreatedSubscription created = subscriptions.create(new SubscriptionRequest(null, "https://a.example/x", null, null, null, null, null));
        String id = created.subscription().id();

        SubscriptionView disabled = subscriptions.replace(id, new SubscriptionRequest("n", "https://b.example/y", "DISCORD", null, null, null, false)).orElseThrow();
        SubscriptionView enabled = subscriptions.replace(id, new SubscriptionRequest("n", "https://b.example/y", "DISCORD", null, null, null, true)).orElseThrow();

        assertThat(disabled.enabled()).isFalse();
        assertThat(disabled.disabledReason()).isEqualTo("disabled by an admin");
        assertThat(enabled.enabled()).isTrue();
        assertThat(enabled.disabledReason()).isNull();
        assertThat(store.get(id).orElseThrow().secret()).isEqualTo(created.secret());
        assertThat(store.get(id).orElseThrow().url()).isEqualTo("https://b.example/y");
        assertThat(subscriptions.replace("sub_missing", new SubscriptionRequest(null, "https://a.example/", null, null, null, null, null))).isEmpty();
        assertThat(subscriptions.delete(id)).isTrue();
        assertThat(subscriptions.delete(id)).isFalse();
        assertThat(subscriptions.list()).isEmpty();
    }

    @Test
    void an_invalid_request_or_a_refused_ip_literal_is_not_stored() {
        assertThatThrownBy(() -> subscriptions.create(new SubscriptionRequest(null, "http://169.254.169.254/latest", null, null, null, null, null)))
                .isInstanceOf(InvalidSubscriptionException.class)
                .hasMessageContaining("169.254.169.254").hasMessageContaining("link-local");
        assertThatThrownBy(() -> subscriptions.create(new SubscriptionRequest(null, "gopher://x", "XML", null, null, null, null)))
                .isInstanceOf(InvalidSubscriptionException.class)
                .satisfies(e -> assertThat(((InvalidSubscriptionException) e).problems()).hasSize(2));
        assertThat(subscriptions.list()).isEmpty();
    }
}
