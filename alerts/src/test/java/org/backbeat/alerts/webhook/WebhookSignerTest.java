package org.backbeat.alerts.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.backbeat.alerts.webhook.subscription.WebhookSecret;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    @Test
    void signature_matches_the_published_standard_webhooks_test_vector() {
        // The vector of the Standard Webhooks reference libraries: standard-webhooks/standard-webhooks,
        // libraries/java/src/test/java/com/standardwebhooks/WebhookTest.java, verifyWebhookSignWorks
        // (commit 14ae328070656be4fc19c75998cabda8eddbbe29); the JavaScript and Go libraries test the same one.
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        byte[] body = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

        String signature = WebhookSigner.sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, body);

        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void an_independent_verifier_accepts_the_headers_and_refuses_a_changed_body_id_or_stale_timestamp() {
        // given
        String secret = WebhookSecret.generate();
        byte[] body = "{\"type\":\"alert.firing\",\"data\":{\"entity\":\"amazon\"}}".getBytes(StandardCharsets.UTF_8);
        long now = 1_700_000_000L;

        // when
        var headers = WebhookSigner.headers(secret, "alert_abc", now, body);

        // then
        StandardWebhooksVerifier verifier = new StandardWebhooksVerifier(secret);
        assertThat(headers).containsEntry("webhook-id", "alert_abc").containsEntry("webhook-timestamp", "1700000000");
        assertThat(verifier.problem("alert_abc", "1700000000", headers.get("webhook-signature"), body, now)).isNull();
        assertThat(verifier.problem("alert_abc", "1700000000", headers.get("webhook-signature"), body, now + 299)).isNull();
        assertThat(verifier.problem("alert_abc", "1700000000", headers.get("webhook-signature"), body, now + 301))
                .isEqualTo("timestamp outside the tolerance");
        byte[] changed = body.clone();
        changed[changed.length - 3] = 'X';
        assertThat(verifier.problem("alert_abc", "1700000000", headers.get("webhook-signature"), changed, now))
                .isEqualTo("no matching v1 signature");
        assertThat(verifier.problem("alert_abd", "1700000000", headers.get("webhook-signature"), body, now))
                .isEqualTo("no matching v1 signature");
        assertThat(new StandardWebhooksVerifier(WebhookSecret.generate())
                .problem("alert_abc", "1700000000", headers.get("webhook-signature"), body, now)).isEqualTo("no matching v1 signature");
    }

    @Test
    void generated_secrets_are_whsec_and_32_random_bytes_and_only_their_last_four_characters_are_shown() {
        String a = WebhookSecret.generate();
        String b = WebhookSecret.generate();

        assertThat(a).startsWith("whsec_").isNotEqualTo(b);
        assertThat(Base64.getDecoder().decode(a.substring(6))).hasSize(32);
        assertThat(WebhookSecret.keyBytes(a)).hasSize(32);
        assertThat(WebhookSecret.hint(a)).isEqualTo("…" + a.substring(a.length() - 4)).hasSize(5);
    }
}
