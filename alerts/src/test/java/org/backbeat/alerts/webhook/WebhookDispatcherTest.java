package org.backbeat.alerts.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.backbeat.alerts.webhook.delivery.Attempt;
import org.backbeat.alerts.webhook.delivery.DeliveryAdmin;
import org.backbeat.alerts.webhook.delivery.DeliveryLog;
import org.backbeat.alerts.webhook.delivery.DeliveryState;
import org.backbeat.alerts.webhook.delivery.DeliveryStateWriter;
import org.backbeat.alerts.webhook.delivery.DeliveryStatus;
import org.backbeat.alerts.webhook.delivery.RetrySchedule;
import org.backbeat.alerts.webhook.delivery.WebhookSender;
import org.backbeat.alerts.webhook.http.WebhookHttpClient;
import org.backbeat.alerts.webhook.payload.DashboardLinks;
import org.backbeat.alerts.webhook.payload.PayloadRenderer;
import org.backbeat.alerts.webhook.ssrf.TargetGuard;
import org.backbeat.alerts.webhook.subscription.CreatedSubscription;
import org.backbeat.alerts.webhook.subscription.Subscription;
import org.backbeat.alerts.webhook.subscription.SubscriptionRequest;
import org.backbeat.alerts.webhook.subscription.SubscriptionStore;
import org.backbeat.alerts.webhook.subscription.Subscriptions;
import org.backbeat.core.Alert;
import org.backbeat.core.KafkaProps;
import org.backbeat.infra.LocalKafka;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dispatcher on the real in-process broker and the real Elasticsearch, delivering to real receivers on
 * 127.0.0.1 that check every signature independently. Retry schedules are in milliseconds, without jitter
 * where a test needs to know when the next attempt comes.
 */
@ExtendWith(RealInfra.class)
class WebhookDispatcherTest {

    private static final AtomicInteger RUN = new AtomicInteger();
    private static final Instant WINDOW = Instant.parse("2011-03-29T14:00:00Z");

    private LocalKafka kafka;
    private ElasticsearchClient es;
    private DispatcherConfig config;
    private Subscriptions subscriptions;
    private SubscriptionStore subscriptionStore;
    private DeliveryLog deliveryLog;
    private KafkaProducer<String, Alert> alerts;
    private final List<AutoCloseable> closeLater = new ArrayList<>();

    @BeforeEach
    void setUp(LocalKafka kafka, ElasticsearchClient es) throws Exception {
        this.kafka = kafka;
        this.es = es;
        int run = RUN.incrementAndGet();
        long nonce = System.nanoTime() % 1_000_000;
        config = DispatcherConfig.defaults()
                .withTopics("test-alerts-" + nonce + "-" + run, "test-deliveries-" + nonce + "-" + run)
                .withGroup("test-webhooks-" + nonce + "-" + run)
                .withIndices("test-webhook-subs-" + nonce + "-" + run, "test-webhook-log-" + nonce + "-" + run)
                .withAllowedHosts(Set.of("127.0.0.1"))
                .withTiming(Duration.ofMillis(1500), new RetrySchedule(List.of(Duration.ofMillis(100), Duration.ofMillis(100),
                        Duration.ofMillis(100)), () -> 1.0), Duration.ofSeconds(10));
        try (Admin admin = Admin.create(KafkaProps.admin(kafka.bootstrapServers(), "test-admin"))) {
            admin.createTopics(List.of(new NewTopic(config.alertsTopic(), Optional.of(2), Optional.empty()))).all().get();
        }
        subscriptionStore = new SubscriptionStore(es, config.subscriptionsIndex(), 0);
        subscriptionStore.ensureCreated();
        deliveryLog = new DeliveryLog(es, config.deliveriesIndex(), 0);
        deliveryLog.ensureCreated();
        subscriptions = new Subscriptions(subscriptionStore, new TargetGuard(config.allowedHosts()), Clock.systemUTC());
        alerts = new KafkaProducer<>(KafkaProps.producer(kafka.bootstrapServers(), "test-alerts"),
                config.alerts().keySerde().serializer(), config.alerts().valueSerde().serializer());
        closeLater.add(alerts);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = closeLater.size() - 1; i >= 0; i--) {
            closeLater.get(i).close();
        }
    }

    private WebhookDispatcher startDispatcher(DispatcherConfig cfg) {
        WebhookDispatcher dispatcher = WebhookDispatcher.create(kafka.bootstrapServers(), cfg, es, null, new SimpleMeterRegistry()).start();
        closeLater.add(dispatcher);
        return dispatcher;
    }

    private Receiver receiver(int port) throws Exception {
        Receiver receiver = new Receiver(null, port);
        closeLater.add(receiver);
        return receiver;
    }

    private CreatedSubscription subscribe(String url, String ruleId, String entity) {
        return subscriptions.create(new SubscriptionRequest(null, url, "JSON", ruleId == null ? null : List.of(ruleId),
                entity == null ? null : List.of(entity), null, true));
    }

    private void publish(Alert alert) throws Exception {
        alerts.send(new ProducerRecord<>(config.alertsTopic(), alert.id(), alert)).get();
    }

    private DeliveryState awaitStatus(String alertId, String subscriptionId, DeliveryStatus status) {
        String key = DeliveryState.keyOf(alertId, subscriptionId);
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> deliveryLog.get(key).filter(s -> s.status() == status).orElse(null), s -> s != null);
    }

    @Test
    void an_alert_is_delivered_once_signed_to_each_matching_subscription_and_a_replay_sends_nothing() throws Exception {
        // given
        Receiver receiver = receiver(0);
        CreatedSubscription amazon = subscribe(receiver.url("/amazon"), "amazon-volume", "amazon");
        CreatedSubscription spotify = subscribe(receiver.url("/spotify"), null, "spotify");
        receiver.secret(amazon.secret());
        WebhookDispatcher dispatcher = startDispatcher(config);
        Alert alert = Alerts.volumeSpike("amazon-volume", "amazon", WINDOW);

        // when
        publish(alert);
        DeliveryState delivered = awaitStatus(alert.id(), amazon.subscription().id(), DeliveryStatus.DELIVERED);
        publish(alert); // the rules app replays history: same alert, same id
        Thread.sleep(1500);

        // then
        assertThat(receiver.requests()).hasSize(1);
        Receiver.Request request = receiver.requests().get(0);
        assertThat(request.signatureProblem()).isNull();
        assertThat(request.id()).isEqualTo(alert.id());
        assertThat(request.path()).isEqualTo("/amazon");
        assertThat(request.bodyText()).contains("\"entity\":\"amazon\"").contains("\"type\":\"alert.firing\"");
        assertThat(delivered.attempts()).singleElement().satisfies(a -> {
            assertThat(a.statusCode()).isEqualTo(200);
            assertThat(a.error()).isNull();
            assertThat(a.latencyMs()).isGreaterThanOrEqualTo(0);
        });
        assertThat(deliveryLog.get(DeliveryState.keyOf(alert.id(), spotify.subscription().id()))).isEmpty();
        assertThat(deliveryLog.find(alert.id(), null, null, false, 10)).extracting(DeliveryState::subscriptionId)
                .containsExactly(amazon.subscription().id());
        assertThat(deliveryLog.find(null, amazon.subscription().id(), null, false, 10)).extracting(DeliveryState::alertId)
                .containsExactly(alert.id());
        assertThat(dispatcher.pendingCount()).isZero();
    }

    @Test
    void a_rebalance_while_a_request_is_under_way_does_not_send_the_alert_a_second_time() throws Exception {
        // given a receiver that holds every request for 8 s, and a dispatcher that waits up to 20 s for an answer
        Receiver receiver = receiver(0).byDefault(Receiver.Answer.slow(8_000));
        java.util.concurrent.CountDownLatch arrived = new java.util.concurrent.CountDownLatch(1);
        receiver.onArrival((id, at) -> arrived.countDown());
        CreatedSubscription sub = subscribe(receiver.url("/slow"), null, null);
        receiver.secret(sub.secret());
        WebhookDispatcher dispatcher = startDispatcher(config.withTiming(Duration.ofSeconds(20), new RetrySchedule(
                List.of(Duration.ofMillis(100)), () -> 1.0), Duration.ofSeconds(10)));
        Alert alert = Alerts.volumeSpike("r", "amazon", WINDOW);
        publish(alert);
        assertThat(arrived.await(30, java.util.concurrent.TimeUnit.SECONDS)).as("the first request arrived").isTrue();
        Instant firstArrival = Instant.now();

        // when another member joins the dispatcher's consumer group (for another topic): the group rebalances, and the
        // dispatcher's partitions are revoked and assigned again while the request is held
        String otherTopic = config.alertsTopic() + "-other";
        try (Admin admin = Admin.create(KafkaProps.admin(kafka.bootstrapServers(), "test-admin"))) {
            admin.createTopics(List.of(new NewTopic(otherTopic, Optional.of(1), Optional.empty()))).all().get();
        }
        Instant rebalanced;
        try (org.apache.kafka.clients.consumer.KafkaConsumer<String, String> intruder = new org.apache.kafka.clients.consumer.KafkaConsumer<>(
                KafkaProps.consumer(kafka.bootstrapServers(), config.groupId()),
                new org.apache.kafka.common.serialization.StringDeserializer(), new org.apache.kafka.common.serialization.StringDeserializer())) {
            intruder.subscribe(List.of(otherTopic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                intruder.poll(Duration.ofMillis(100));
                return !intruder.assignment().isEmpty();
            });
            rebalanced = Instant.now();
            DeliveryState delivered = awaitStatus(alert.id(), sub.subscription().id(), DeliveryStatus.DELIVERED);

            // then the rebalance happened during the held request, and the alert went out once
            assertThat(rebalanced).as("the group rebalanced while the first request was held")
                    .isBefore(firstArrival.plusSeconds(8));
            assertThat(dispatcher.ownedPartitions()).containsExactlyInAnyOrder(0, 1);
            Thread.sleep(1_000); // a second request, if one had started, has arrived by now
            assertThat(receiver.requests()).hasSize(1);
            assertThat(receiver.successes()).hasSize(1);
            assertThat(delivered.attempts()).singleElement().satisfies(a -> assertThat(a.statusCode()).isEqualTo(200));
        }
    }

    @Test
    void a_500_is_retried_with_the_same_webhook_id_until_a_success_and_every_attempt_is_logged() throws Exception {
        // given
        Receiver receiver = receiver(0).then(Receiver.Answer.status(500), Receiver.Answer.status(502));
        CreatedSubscription sub = subscribe(receiver.url("/"), null, null);
        receiver.secret(sub.secret());
        startDispatcher(config);
        Alert alert = Alerts.volumeSpike("r", "amazon", WINDOW);

        // when
        publish(alert);
        DeliveryState delivered = awaitStatus(alert.id(), sub.subscription().id(), DeliveryStatus.DELIVERED);

        // then
        assertThat(delivered.attempts()).extracting(Attempt::statusCode).containsExactly(500, 502, 200);
        assertThat(delivered.attempts()).extracting(Attempt::number).containsExactly(1, 2, 3);
        assertThat(receiver.requests()).extracting(Receiver.Request::id).containsOnly(alert.id()).hasSize(3);
        assertThat(receiver.requests()).allSatisfy(r -> assertThat(r.signatureProblem()).isNull());
        assertThat(receiver.successes()).hasSize(1);
    }

    @Test
    void a_receiver_that_is_down_gets_the_delivery_parked_after_the_last_attempt_and_an_admin_resend_delivers_it() throws Exception {
        // given a subscription whose receiver is not listening
        int port;
        try (ServerSocket reserved = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = reserved.getLocalPort();
        }
        CreatedSubscription sub = subscribe("http://127.0.0.1:" + port + "/hook", null, null);
        WebhookDispatcher dispatcher = startDispatcher(config);
        Alert alert = Alerts.volumeSpike("r", "amazon", WINDOW);

        // when
        publish(alert);
        DeliveryState parked = awaitStatus(alert.id(), sub.subscription().id(), DeliveryStatus.PARKED);

        // then: four attempts (first + three retries), each without an answer
        assertThat(parked.attempts()).hasSize(4).allSatisfy(a -> {
            assertThat(a.statusCode()).isNull();
            assertThat(a.error()).contains("connection refused");
        });
        assertThat(parked.reason()).contains("attempts used up (4 of 4)");
        // (the dispatcher does not wait for Elasticsearch's refresh: searches see its writes within a second)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(deliveryLog.parked(10)).extracting(DeliveryState::key).containsExactly(parked.key()));

        // when the receiver is back and an admin resends (as the dashboard does: log + Kafka, no consumer)
        Receiver receiver = receiver(port);
        receiver.secret(sub.secret());
        try (DeliveryStateWriter writer = new DeliveryStateWriter(kafka.bootstrapServers(), "test-resend", config.deliveries())) {
            DeliveryAdmin admin = new DeliveryAdmin(deliveryLog, writer, subscriptionStore, sender(), Clock.systemUTC());
            DeliveryState resent = admin.resend(parked.key()).orElseThrow();
            assertThat(resent.status()).isEqualTo(DeliveryStatus.PENDING);
        }
        DeliveryState delivered = awaitStatus(alert.id(), sub.subscription().id(), DeliveryStatus.DELIVERED);

        // then
        assertThat(receiver.successes()).singleElement().satisfies(r -> assertThat(r.id()).isEqualTo(alert.id()));
        assertThat(delivered.attempts()).extracting(Attempt::number).containsExactly(1, 2, 3, 4, 5);
        assertThat(delivered.attempts().get(4).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(deliveryLog.parked(10)).isEmpty());
        assertThat(dispatcher.state(alert.id(), sub.subscription().id())).get()
                .extracting(DeliveryState::status).isEqualTo(DeliveryStatus.DELIVERED);
    }

    @Test
    void a_410_disables_the_subscription_and_later_alerts_are_not_sent() throws Exception {
        // given
        Receiver receiver = receiver(0).byDefault(Receiver.Answer.status(410));
        CreatedSubscription sub = subscribe(receiver.url("/"), null, null);
        receiver.secret(sub.secret());
        startDispatcher(config);
        Alert first = Alerts.volumeSpike("r", "amazon", WINDOW);
        Alert second = Alerts.volumeSpike("r", "amazon", WINDOW.plusSeconds(3600));

        // when
        publish(first);
        DeliveryState parked = awaitStatus(first.id(), sub.subscription().id(), DeliveryStatus.PARKED);
        publish(second);
        Thread.sleep(1500);

        // then
        assertThat(parked.attempts()).singleElement().extracting(Attempt::statusCode).isEqualTo(410);
        Subscription disabled = subscriptionStore.get(sub.subscription().id()).orElseThrow();
        assertThat(disabled.enabled()).isFalse();
        assertThat(disabled.disabledReason()).contains("410 Gone");
        assertThat(receiver.requests()).hasSize(1);
        assertThat(deliveryLog.get(DeliveryState.keyOf(second.id(), sub.subscription().id()))).isEmpty();
    }

    @Test
    void a_429_with_retry_after_waits_as_long_as_the_receiver_asked() throws Exception {
        // given a schedule of 100 ms steps and a receiver asking for 2 s
        Receiver receiver = receiver(0).then(Receiver.Answer.status(429, Map.of("Retry-After", "2")));
        CreatedSubscription sub = subscribe(receiver.url("/"), null, null);
        receiver.secret(sub.secret());
        startDispatcher(config);
        Alert alert = Alerts.volumeSpike("r", "amazon", WINDOW);

        // when
        publish(alert);
        awaitStatus(alert.id(), sub.subscription().id(), DeliveryStatus.DELIVERED);

        // then
        List<Receiver.Request> requests = receiver.requests();
        assertThat(requests).hasSize(2);
        assertThat(Duration.between(requests.get(0).at(), requests.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }

    @Test
    void a_restart_mid_retry_resumes_the_schedule_and_each_alert_is_delivered_successfully_exactly_once() throws Exception {
        // given a first retry 2 s after a failure, so the dispatcher can be stopped in between
        DispatcherConfig slowRetry = config.withTiming(Duration.ofMillis(1500),
                new RetrySchedule(List.of(Duration.ofSeconds(2), Duration.ofMillis(100)), () -> 1.0), Duration.ofSeconds(10));
        Receiver failingOnce = receiver(0).then(Receiver.Answer.status(500));
        Receiver healthy = receiver(0);
        CreatedSubscription retried = subscribe(failingOnce.url("/"), "r1", null);
        CreatedSubscription direct = subscribe(healthy.url("/"), "r2", null);
        failingOnce.secret(retried.secret());
        healthy.secret(direct.secret());
        Alert needsRetry = Alerts.volumeSpike("r1", "amazon", WINDOW);
        Alert deliveredAtOnce = Alerts.volumeSpike("r2", "amazon", WINDOW);

        WebhookDispatcher first = startDispatcher(slowRetry);
        publish(needsRetry);
        publish(deliveredAtOnce);
        awaitStatus(deliveredAtOnce.id(), direct.subscription().id(), DeliveryStatus.DELIVERED);
        await().atMost(Duration.ofSeconds(20)).until(() -> failingOnce.requests().size() == 1);

        // when the dispatcher stops mid-retry, and the next one starts in a new consumer group: every alert is
        // read again, as after a crash before the alerts offsets were committed
        first.close();
        assertThat(failingOnce.requests()).hasSize(1);
        WebhookDispatcher second = startDispatcher(slowRetry.withGroup(slowRetry.groupId() + "-after-restart"));
        DeliveryState delivered = awaitStatus(needsRetry.id(), retried.subscription().id(), DeliveryStatus.DELIVERED);
        Thread.sleep(2500);

        // then
        assertThat(delivered.attempts()).extracting(Attempt::statusCode).containsExactly(500, 200);
        assertThat(failingOnce.successes()).singleElement().satisfies(r -> assertThat(r.id()).isEqualTo(needsRetry.id()));
        assertThat(failingOnce.requests()).hasSize(2);
        assertThat(healthy.requests()).singleElement().satisfies(r -> assertThat(r.id()).isEqualTo(deliveredAtOnce.id()));
        assertThat(second.pendingCount()).isZero();
    }

    @Test
    void two_dispatchers_in_one_group_share_the_work_and_each_alert_succeeds_exactly_once() throws Exception {
        // given two dispatchers owning one alerts partition each, and a receiver failing the first six requests
        Receiver receiver = receiver(0).then(Receiver.Answer.status(500), Receiver.Answer.status(500), Receiver.Answer.status(500),
                Receiver.Answer.status(500), Receiver.Answer.status(500), Receiver.Answer.status(500));
        CreatedSubscription sub = subscribe(receiver.url("/"), null, null);
        receiver.secret(sub.secret());
        WebhookDispatcher one = startDispatcher(config);
        WebhookDispatcher two = startDispatcher(config);
        await().atMost(Duration.ofSeconds(60)).until(() -> one.ownedPartitions().size() == 1 && two.ownedPartitions().size() == 1);
        List<Alert> published = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Alert alert = Alerts.volumeSpike("r", "amazon", WINDOW.plusSeconds(3600L * i));
            published.add(alert);
            publish(alert);
        }

        // when
        for (Alert alert : published) {
            awaitStatus(alert.id(), sub.subscription().id(), DeliveryStatus.DELIVERED);
        }
        Thread.sleep(1000);

        // then
        assertThat(receiver.successes()).extracting(Receiver.Request::id)
                .containsExactlyInAnyOrderElementsOf(published.stream().map(Alert::id).toList());
        assertThat(receiver.requests()).hasSize(12);
        assertThat(one.ownedPartitions()).doesNotContainAnyElementsOf(two.ownedPartitions());
    }

    @Test
    void a_test_alert_is_sent_once_signed_and_logged_as_a_test() throws Exception {
        Receiver receiver = receiver(0);
        CreatedSubscription sub = subscribe(receiver.url("/"), null, null);
        receiver.secret(sub.secret());
        try (DeliveryStateWriter writer = new DeliveryStateWriter(kafka.bootstrapServers(), "test-admin", config.deliveries())) {
            DeliveryAdmin admin = new DeliveryAdmin(deliveryLog, writer, subscriptionStore, sender(), Clock.systemUTC());

            DeliveryState test = admin.sendTest(sub.subscription().id()).orElseThrow();

            assertThat(test.status()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(test.test()).isTrue();
            assertThat(receiver.successes()).singleElement().satisfies(r -> {
                assertThat(r.id()).isEqualTo(test.alertId()).startsWith("alert_test_");
                assertThat(r.bodyText()).contains("\"type\":\"alert.test\"");
            });
            assertThat(admin.find(null, sub.subscription().id(), null, 10)).extracting(DeliveryState::alertId).containsExactly(test.alertId());
            assertThat(admin.parked(10)).isEmpty();
            assertThat(admin.sendTest("sub_missing")).isEmpty();
        }
    }

    private WebhookSender sender() {
        WebhookHttpClient http = new WebhookHttpClient();
        closeLater.add(http);
        return new WebhookSender(new TargetGuard(config.allowedHosts()), http,
                new PayloadRenderer(new DashboardLinks(config.dashboardUrl())), config.requestTimeout(), Clock.systemUTC());
    }
}
