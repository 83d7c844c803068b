package org.backbeat.alerts.webhook;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.TopicConfig;
import org.backbeat.alerts.webhook.subscription.CreatedSubscription;
import org.backbeat.alerts.webhook.subscription.SubscriptionRequest;
import org.backbeat.alerts.webhook.subscription.SubscriptionStore;
import org.backbeat.alerts.webhook.subscription.Subscriptions;
import org.backbeat.alerts.webhook.ssrf.TargetGuard;
import org.backbeat.core.Alert;
import org.backbeat.core.KafkaProps;
import org.backbeat.infra.LocalKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Webhook latency: from the moment the broker appends an alert record to the {@code alerts} topic (the topic uses
 * {@code LogAppendTime}, so the producer's acknowledgement carries the broker's clock) to the moment the signed
 * request arrives at a receiver on 127.0.0.1 (its handler's first line). The production dispatcher
 * ({@link WebhookDispatcher#create}) with its default poll timeout, on the in-process broker and the real
 * Elasticsearch. {@code backbeat.bench.alerts} alerts (default 200) after 20 for warm-up, one every
 * {@code backbeat.bench.gap-ms} (default 50). Runs only with {@code -Dbackbeat.bench=true}; writes
 * {@code target/bench-webhooks.md}.
 */
@EnabledIfSystemProperty(named = "backbeat.bench", matches = "true")
@ExtendWith(RealInfra.class)
class WebhookLatencyBenchmark {

    @Test
    void measure(LocalKafka kafka, ElasticsearchClient es) throws Exception {
        int count = Integer.getInteger("backbeat.bench.alerts", 200);
        int warmup = 20;
        long gapMs = Long.getLong("backbeat.bench.gap-ms", 50);
        DispatcherConfig config = DispatcherConfig.defaults()
                .withTopics("bench-alerts", "bench-alerts.deliveries")
                .withGroup("bench-webhooks")
                .withIndices("bench-webhook-subscriptions", "bench-webhook-deliveries")
                .withAllowedHosts(Set.of("127.0.0.1"));
        try (Admin admin = Admin.create(KafkaProps.admin(kafka.bootstrapServers(), "bench-admin"))) {
            admin.createTopics(List.of(new NewTopic(config.alertsTopic(), Optional.of(3), Optional.empty())
                    .configs(Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime")))).all().get();
        }
        SubscriptionStore store = new SubscriptionStore(es, config.subscriptionsIndex(), 0);
        store.ensureCreated();
        Map<String, Instant> arrived = new ConcurrentHashMap<>();
        try (Receiver receiver = new Receiver(null)) {
            CreatedSubscription sub = new Subscriptions(store, new TargetGuard(config.allowedHosts()), java.time.Clock.systemUTC())
                    .create(new SubscriptionRequest("bench", receiver.url("/bench"), "JSON", null, null, null, true));
            receiver.secret(sub.secret());
            receiver.onArrival((id, at) -> arrived.putIfAbsent(id, at));
            try (WebhookDispatcher dispatcher = WebhookDispatcher.create(kafka.bootstrapServers(), config, es, null,
                    new SimpleMeterRegistry()).start();
                 KafkaProducer<String, Alert> producer = new KafkaProducer<>(KafkaProps.producer(kafka.bootstrapServers(), "bench"),
                         config.alerts().keySerde().serializer(), config.alerts().valueSerde().serializer())) {
                Map<String, Instant> appended = new ConcurrentHashMap<>();
                Instant base = Instant.parse("2011-03-01T00:00:00Z");
                for (int i = 0; i < warmup + count; i++) {
                    Alert alert = Alerts.volumeSpike("bench-rule", "amazon", base.plusSeconds(3600L * i));
                    RecordMetadata meta = producer.send(new ProducerRecord<>(config.alertsTopic(), alert.id(), alert)).get();
                    if (i >= warmup) {
                        appended.put(alert.id(), Instant.ofEpochMilli(meta.timestamp()));
                    }
                    Thread.sleep(gapMs);
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (!arrived.keySet().containsAll(appended.keySet()) && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                List<Long> latencies = new ArrayList<>();
                appended.forEach((id, at) -> {
                    Instant in = arrived.get(id);
                    if (in != null) {
                        latencies.add(Duration.between(at, in).toMillis());
                    }
                });
                latencies.sort(Long::compare);
                int failed = receiver.requests().size() - receiver.successes().size();
                String report = String.format(Locale.ROOT,
                        "| alerts measured | p50 | p95 | max | not delivered | unverified or non-2xx requests |%n"
                                + "|---|---|---|---|---|---|%n| %d | %d ms | %d ms | %d ms | %d | %d |%n",
                        latencies.size(), percentile(latencies, 50), percentile(latencies, 95),
                        latencies.isEmpty() ? -1 : latencies.get(latencies.size() - 1), appended.size() - latencies.size(), failed);
                System.out.println(report);
                Files.writeString(Path.of("target", "bench-webhooks.md"), report);
                if (dispatcher.pendingCount() != 0) {
                    System.out.println("pending at the end: " + dispatcher.pendingCount());
                }
            }
        }
    }

    private static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
