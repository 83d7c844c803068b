package org.backbeat.alerts.webhook;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.time.Clock;
import org.backbeat.alerts.webhook.delivery.DeliveryAdmin;
import org.backbeat.alerts.webhook.delivery.DeliveryLog;
import org.backbeat.alerts.webhook.delivery.DeliveryStateWriter;
import org.backbeat.alerts.webhook.delivery.WebhookSender;
import org.backbeat.alerts.webhook.http.WebhookHttpClient;
import org.backbeat.alerts.webhook.payload.DashboardLinks;
import org.backbeat.alerts.webhook.payload.PayloadRenderer;
import org.backbeat.alerts.webhook.ssrf.TargetGuard;
import org.backbeat.alerts.webhook.subscription.SubscriptionStore;
import org.backbeat.alerts.webhook.subscription.Subscriptions;

/**
 * What an admin API (the dashboard) needs of the webhooks, built once per process: the subscription use cases and
 * the delivery log, test sends and resends. Reads and writes Elasticsearch; writes resends to Kafka when a bootstrap
 * is given; never consumes Kafka. Close it with the process (its HTTP client and Kafka producer).
 */
public final class WebhookAdministration implements AutoCloseable {

    private final Subscriptions subscriptions;
    private final DeliveryAdmin deliveries;
    private final WebhookHttpClient http;
    private final DeliveryStateWriter writer;

    private WebhookAdministration(Subscriptions subscriptions, DeliveryAdmin deliveries, WebhookHttpClient http,
                                  DeliveryStateWriter writer) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.http = http;
        this.writer = writer;
    }

    /**
     * Creates the two indices when missing and wires the use cases with the same SSRF allow-list, timeout and
     * dashboard links as the dispatcher.
     *
     * @param es             the process's one Elasticsearch client (not closed here)
     * @param kafkaBootstrap where resends go, or null: resends are then refused with what to set
     */
    public static WebhookAdministration create(DispatcherConfig config, ElasticsearchClient es, String kafkaBootstrap) {
        Clock clock = Clock.systemUTC();
        SubscriptionStore store = new SubscriptionStore(es, config.subscriptionsIndex(), config.replicas());
        store.ensureCreated();
        DeliveryLog log = new DeliveryLog(es, config.deliveriesIndex(), config.replicas());
        log.ensureCreated();
        TargetGuard guard = new TargetGuard(config.allowedHosts());
        WebhookHttpClient http = new WebhookHttpClient();
        WebhookSender sender = new WebhookSender(guard, http, new PayloadRenderer(new DashboardLinks(config.dashboardUrl())),
                config.requestTimeout(), clock);
        DeliveryStateWriter writer = kafkaBootstrap == null || kafkaBootstrap.isBlank() ? null
                : new DeliveryStateWriter(kafkaBootstrap, config.groupId() + "-admin", config.deliveries());
        return new WebhookAdministration(new Subscriptions(store, guard, clock),
                new DeliveryAdmin(log, writer, store, sender, clock), http, writer);
    }

    public Subscriptions subscriptions() {
        return subscriptions;
    }

    public DeliveryAdmin deliveries() {
        return deliveries;
    }

    @Override
    public void close() {
        http.close();
        if (writer != null) {
            writer.close();
        }
    }
}
