package org.backbeat.alerts.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.backbeat.alerts.webhook.delivery.AttemptResult;
import org.backbeat.alerts.webhook.delivery.WebhookSender;
import org.backbeat.alerts.webhook.http.WebhookHttpClient;
import org.backbeat.alerts.webhook.payload.DashboardLinks;
import org.backbeat.alerts.webhook.payload.PayloadRenderer;
import org.backbeat.alerts.webhook.ssrf.TargetGuard;
import org.backbeat.alerts.webhook.subscription.Subscription;
import org.backbeat.alerts.webhook.subscription.SubscriptionFilter;
import org.backbeat.alerts.webhook.subscription.WebhookFormat;
import org.backbeat.alerts.webhook.subscription.WebhookSecret;
import org.backbeat.core.Alert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One attempt against a real receiver on 127.0.0.1 that checks signatures independently. */
class WebhookSenderTest {

    private static final Duration TIMEOUT = Duration.ofMillis(700);
    private final String secret = WebhookSecret.generate();
    private final Alert alert = Alerts.volumeSpike("amazon-volume", "amazon", Instant.parse("2011-03-29T14:00:00Z"));
    private final WebhookHttpClient http = new WebhookHttpClient();
    private final PayloadRenderer renderer = new PayloadRenderer(new DashboardLinks("http://127.0.0.1:7070"));
    private final WebhookSender sender = new WebhookSender(new TargetGuard(Set.of("127.0.0.1")), http, renderer, TIMEOUT,
            Clock.systemUTC());
    private Receiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = new Receiver(secret);
    }

    @AfterEach
    void stop() {
        receiver.close();
        http.close();
    }

    private Subscription subscription(String url) {
        return new Subscription(1, "sub_test", null, url, WebhookFormat.JSON, SubscriptionFilter.any(), true, null, secret,
                Instant.now(), Instant.now());
    }

    @Test
    void a_2xx_is_success_and_the_receiver_verifies_the_signature_of_the_exact_body() {
        receiver.then(Receiver.Answer.status(204));

        AttemptResult result = sender.send(subscription(receiver.url("/hooks/backbeat?team=pr")), alert, false);

        assertThat(result.verdict()).isEqualTo(AttemptResult.Verdict.SUCCESS);
        assertThat(result.statusCode()).isEqualTo(204);
        Receiver.Request request = receiver.requests().get(0);
        assertThat(request.signatureProblem()).isNull();
        assertThat(request.id()).isEqualTo(alert.id());
        assertThat(Long.parseLong(request.timestamp())).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(5L));
        assertThat(request.path()).isEqualTo("/hooks/backbeat?team=pr");
        assertThat(request.host()).isEqualTo("127.0.0.1:" + receiver.port());
        assertThat(request.contentType()).isEqualTo("application/json");
        assertThat(request.userAgent()).isEqualTo(WebhookSender.USER_AGENT);
        assertThat(request.body()).isEqualTo(renderer.render(alert, WebhookFormat.JSON));
    }

    @Test
    void a_500_and_a_refused_connection_are_retryable_failures() throws Exception {
        receiver.then(Receiver.Answer.status(500));
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }

        AttemptResult serverError = sender.send(subscription(receiver.url("/")), alert, false);
        AttemptResult down = sender.send(subscription("http://127.0.0.1:" + closedPort + "/"), alert, false);

        assertThat(serverError.verdict()).isEqualTo(AttemptResult.Verdict.RETRY);
        assertThat(serverError.statusCode()).isEqualTo(500);
        assertThat(down.verdict()).isEqualTo(AttemptResult.Verdict.RETRY);
        assertThat(down.statusCode()).isNull();
        assertThat(down.error()).contains("connection refused").contains("127.0.0.1:" + closedPort);
    }

    @Test
    void a_receiver_slower_than_the_timeout_is_given_up_on_at_the_timeout() {
        receiver.then(Receiver.Answer.slow(3_000));

        long start = System.nanoTime();
        AttemptResult result = sender.send(subscription(receiver.url("/")), alert, false);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result.verdict()).isEqualTo(AttemptResult.Verdict.RETRY);
        assertThat(result.error()).contains("timed out").contains("700 ms");
        assertThat(took).isBetween(TIMEOUT.minusMillis(50), TIMEOUT.plusMillis(800));
    }

    @Test
    void a_receiver_trickling_its_headers_cannot_hold_an_attempt_past_the_total_timeout() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread trickler = new Thread(() -> {
                try (Socket client = server.accept()) {
                    OutputStream out = client.getOutputStream();
                    for (byte b : "HTTP/1.1 200 OK\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII)) {
                        out.write(b);
                        out.flush();
                    }
                    for (int i = 0; i < 100; i++) {
                        out.write('a');
                        out.flush();
                        Thread.sleep(100);
                    }
                } catch (Exception ignored) {
                    // the client hung up
                }
            });
            trickler.start();

            long start = System.nanoTime();
            AttemptResult result = sender.send(subscription("http://127.0.0.1:" + server.getLocalPort() + "/"), alert, false);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(result.verdict()).isEqualTo(AttemptResult.Verdict.RETRY);
            assertThat(result.error()).contains("timed out");
            assertThat(took).isLessThan(TIMEOUT.plusMillis(800));
            trickler.interrupt();
        }
    }

    @Test
    void a_redirect_to_another_host_is_a_failure_and_is_not_followed() throws Exception {
        try (Receiver elsewhere = new Receiver(secret)) {
            receiver.then(Receiver.Answer.status(302, Map.of("Location", elsewhere.url("/stolen"))));

            AttemptResult result = sender.send(subscription(receiver.url("/")), alert, false);

            assertThat(result.verdict()).isEqualTo(AttemptResult.Verdict.RETRY);
            assertThat(result.statusCode()).isEqualTo(302);
            assertThat(result.error()).contains("not followed").contains(elsewhere.url("/stolen"));
            assertThat(elsewhere.requests()).isEmpty();
        }
    }

    @Test
    void gone_and_rate_limited_answers_carry_their_meaning() {
        receiver.then(Receiver.Answer.status(410), Receiver.Answer.status(429, Map.of("Retry-After", "3")));

        AttemptResult gone = sender.send(subscription(receiver.url("/")), alert, false);
        AttemptResult limited = sender.send(subscription(receiver.url("/")), alert, false);

        assertThat(gone.verdict()).isEqualTo(AttemptResult.Verdict.GONE);
        assertThat(limited.verdict()).isEqualTo(AttemptResult.Verdict.RETRY);
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void a_target_the_guard_refuses_is_never_contacted() {
        WebhookSender strict = new WebhookSender(new TargetGuard(Set.of()), http, renderer, TIMEOUT, Clock.systemUTC());

        AttemptResult result = strict.send(subscription(receiver.url("/")), alert, false);

        assertThat(result.verdict()).isEqualTo(AttemptResult.Verdict.BLOCKED);
        assertThat(result.error()).contains("127.0.0.1").contains("loopback");
        assertThat(receiver.requests()).isEmpty();
    }
}
