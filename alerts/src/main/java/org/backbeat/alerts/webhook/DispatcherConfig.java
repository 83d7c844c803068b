package org.backbeat.alerts.webhook;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serdes;
import org.backbeat.alerts.webhook.delivery.DeliveryState;
import org.backbeat.alerts.webhook.delivery.RetrySchedule;
import org.backbeat.core.Alert;
import org.backbeat.core.JsonSerde;
import org.backbeat.core.Settings;
import org.backbeat.core.Topic;

/**
 * Everything the webhook dispatcher needs besides where Kafka and Elasticsearch are.
 *
 * @param alertsTopic          the topic of alerts to deliver ({@value #ALERTS_TOPIC}, default {@value #DEFAULT_ALERTS_TOPIC})
 * @param deliveriesTopic      the compacted topic of delivery states ({@value #DELIVERIES_TOPIC}, default
 *                             {@value #DEFAULT_DELIVERIES_TOPIC})
 * @param deliveriesPartitions partitions the deliveries topic is created with ({@value #DELIVERIES_PARTITIONS}, default 3)
 * @param groupId              consumer group on the alerts topic ({@value #GROUP}, default {@value #DEFAULT_GROUP})
 * @param allowedHosts         host names or IP addresses exempt from the SSRF rules ({@value #ALLOWED_HOSTS}, env
 *                             {@code BACKBEAT_WEBHOOK_ALLOWED_HOSTS}, comma-separated; default none)
 * @param requestTimeout       budget of one attempt, connect to response headers ({@value #TIMEOUT_MS}, default 10 s)
 * @param schedule             waits between attempts ({@value #RETRY_SCHEDULE}, default {@value RetrySchedule#DEFAULT})
 * @param maxRetryAfter        longest {@code Retry-After} honoured ({@value #MAX_RETRY_AFTER}, default 6h)
 * @param workers              attempts in flight at most ({@value #WORKERS}, default 4)
 * @param dashboardUrl         where people reach the dashboard, for links in alerts ({@value #DASHBOARD_URL}, env
 *                             {@code BACKBEAT_DASHBOARD_PUBLIC_URL}, default {@value #DEFAULT_DASHBOARD_URL})
 * @param subscriptionsIndex   Elasticsearch index of subscriptions ({@value #SUBSCRIPTIONS_INDEX}, default
 *                             {@value #DEFAULT_SUBSCRIPTIONS_INDEX})
 * @param deliveriesIndex      Elasticsearch index of the delivery log ({@value #DELIVERIES_INDEX}, default
 *                             {@value #DEFAULT_DELIVERIES_INDEX})
 * @param replicas             {@code number_of_replicas} of the indices ({@code es.replicas}, default 0)
 * @param pollTimeout          longest wait of one poll of the alerts topic
 * @param subscriptionsMaxAge  how old the cached subscriptions may be (1 s): a new subscription gets alerts within it
 */
public record DispatcherConfig(String alertsTopic, String deliveriesTopic, int deliveriesPartitions, String groupId,
                               Set<String> allowedHosts, Duration requestTimeout, RetrySchedule schedule,
                               Duration maxRetryAfter, int workers, String dashboardUrl, String subscriptionsIndex,
                               String deliveriesIndex, int replicas, Duration pollTimeout, Duration subscriptionsMaxAge) {

    public static final String ALERTS_TOPIC = "alerts.topic";
    public static final String DELIVERIES_TOPIC = "webhook.deliveries-topic";
    public static final String DELIVERIES_PARTITIONS = "webhook.deliveries-partitions";
    public static final String GROUP = "webhook.group";
    public static final String ALLOWED_HOSTS = "webhook.allowed-hosts";
    public static final String TIMEOUT_MS = "webhook.timeout-ms";
    public static final String RETRY_SCHEDULE = "webhook.retry-schedule";
    public static final String MAX_RETRY_AFTER = "webhook.max-retry-after";
    public static final String WORKERS = "webhook.workers";
    public static final String DASHBOARD_URL = "dashboard.public-url";
    public static final String SUBSCRIPTIONS_INDEX = "webhook.subscriptions-index";
    public static final String DELIVERIES_INDEX = "webhook.deliveries-index";
    public static final String REPLICAS = "es.replicas";

    public static final String DEFAULT_ALERTS_TOPIC = "alerts";
    public static final String DEFAULT_DELIVERIES_TOPIC = "alerts.deliveries";
    public static final String DEFAULT_GROUP = "backbeat-webhooks";
    public static final String DEFAULT_DASHBOARD_URL = "http://127.0.0.1:7070";
    public static final String DEFAULT_SUBSCRIPTIONS_INDEX = "backbeat-webhook-subscriptions";
    public static final String DEFAULT_DELIVERIES_INDEX = "backbeat-webhook-deliveries";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public DispatcherConfig {
        requireText(alertsTopic, ALERTS_TOPIC);
        requireText(deliveriesTopic, DELIVERIES_TOPIC);
        requireText(groupId, GROUP);
        requireText(dashboardUrl, DASHBOARD_URL);
        requireIndex(subscriptionsIndex, SUBSCRIPTIONS_INDEX);
        requireIndex(deliveriesIndex, DELIVERIES_INDEX);
        allowedHosts = Set.copyOf(allowedHosts);
        if (deliveriesPartitions < 1) {
            throw new IllegalArgumentException("setting " + DELIVERIES_PARTITIONS + " must be at least 1, was " + deliveriesPartitions);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("setting " + WORKERS + " (env " + Settings.envName(WORKERS) + ") must be at least 1, was " + workers);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("setting " + TIMEOUT_MS + " must be positive, was " + requestTimeout.toMillis());
        }
        if (!dashboardUrl.startsWith("http://") && !dashboardUrl.startsWith("https://")) {
            throw new IllegalArgumentException("setting " + DASHBOARD_URL + " (env " + Settings.envName(DASHBOARD_URL)
                    + ") must be an http(s) URL, was '" + dashboardUrl + "'");
        }
    }

    public static DispatcherConfig defaults() {
        return from(Settings.of(Map.of()));
    }

    public static DispatcherConfig from(Settings settings) {
        return new DispatcherConfig(
                settings.get(ALERTS_TOPIC, DEFAULT_ALERTS_TOPIC),
                settings.get(DELIVERIES_TOPIC, DEFAULT_DELIVERIES_TOPIC),
                settings.getInt(DELIVERIES_PARTITIONS, 3),
                settings.get(GROUP, DEFAULT_GROUP),
                parseHosts(settings.get(ALLOWED_HOSTS, "")),
                Duration.ofMillis(settings.getInt(TIMEOUT_MS, (int) DEFAULT_TIMEOUT.toMillis())),
                settings.get(RETRY_SCHEDULE).map(RetrySchedule::parse).orElseGet(RetrySchedule::defaults),
                settings.get(MAX_RETRY_AFTER).map(v -> RetrySchedule.parse(v).steps().get(0)).orElse(Duration.ofHours(6)),
                settings.getInt(WORKERS, 4),
                settings.get(DASHBOARD_URL, DEFAULT_DASHBOARD_URL),
                settings.get(SUBSCRIPTIONS_INDEX, DEFAULT_SUBSCRIPTIONS_INDEX),
                settings.get(DELIVERIES_INDEX, DEFAULT_DELIVERIES_INDEX),
                settings.getInt(REPLICAS, 0),
                Duration.ofMillis(200),
                Duration.ofSeconds(1));
    }

    /** {@code a.example, 127.0.0.1 ,[::1]} → the set of its non-blank entries, lower case. */
    public static Set<String> parseHosts(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(h -> !h.isEmpty())
                .map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    public Topic<String, Alert> alerts() {
        return new Topic<>(alertsTopic, Serdes.String(), new JsonSerde<>(Alert.class));
    }

    public Topic<String, DeliveryState> deliveries() {
        return new Topic<>(deliveriesTopic, Serdes.String(), new JsonSerde<>(DeliveryState.class));
    }

    public DispatcherConfig withTopics(String alerts, String deliveries) {
        return new DispatcherConfig(alerts, deliveries, deliveriesPartitions, groupId, allowedHosts, requestTimeout, schedule,
                maxRetryAfter, workers, dashboardUrl, subscriptionsIndex, deliveriesIndex, replicas, pollTimeout, subscriptionsMaxAge);
    }

    public DispatcherConfig withGroup(String group) {
        return new DispatcherConfig(alertsTopic, deliveriesTopic, deliveriesPartitions, group, allowedHosts, requestTimeout, schedule,
                maxRetryAfter, workers, dashboardUrl, subscriptionsIndex, deliveriesIndex, replicas, pollTimeout, subscriptionsMaxAge);
    }

    public DispatcherConfig withAllowedHosts(Set<String> hosts) {
        return new DispatcherConfig(alertsTopic, deliveriesTopic, deliveriesPartitions, groupId, hosts, requestTimeout, schedule,
                maxRetryAfter, workers, dashboardUrl, subscriptionsIndex, deliveriesIndex, replicas, pollTimeout, subscriptionsMaxAge);
    }

    public DispatcherConfig withTiming(Duration timeout, RetrySchedule retries, Duration maxRetryAfterWait) {
        return new DispatcherConfig(alertsTopic, deliveriesTopic, deliveriesPartitions, groupId, allowedHosts, timeout, retries,
                maxRetryAfterWait, workers, dashboardUrl, subscriptionsIndex, deliveriesIndex, replicas, pollTimeout, subscriptionsMaxAge);
    }

    public DispatcherConfig withIndices(String subscriptions, String deliveriesLog) {
        return new DispatcherConfig(alertsTopic, deliveriesTopic, deliveriesPartitions, groupId, allowedHosts, requestTimeout, schedule,
                maxRetryAfter, workers, dashboardUrl, subscriptions, deliveriesLog, replicas, pollTimeout, subscriptionsMaxAge);
    }

    public DispatcherConfig withDashboardUrl(String url) {
        return new DispatcherConfig(alertsTopic, deliveriesTopic, deliveriesPartitions, groupId, allowedHosts, requestTimeout, schedule,
                maxRetryAfter, workers, url, subscriptionsIndex, deliveriesIndex, replicas, pollTimeout, subscriptionsMaxAge);
    }

    private static void requireText(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("setting " + key + " (env " + Settings.envName(key) + ") must not be blank");
        }
    }

    private static void requireIndex(String index, String key) {
        requireText(index, key);
        if (!index.equals(index.toLowerCase(Locale.ROOT)) || index.startsWith("_") || index.contains(" ")) {
            throw new IllegalArgumentException("setting " + key + " (env " + Settings.envName(key)
                    + ") must be a lower-case Elasticsearch index name, was '" + index + "'");
        }
    }
}
