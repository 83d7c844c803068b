package org.backbeat.dashboard.export;

import org.backbeat.alerts.store.AlertHistory;
import org.backbeat.alerts.webhook.delivery.DeliveryLog;

/**
 * Where the {@code alerts} and {@code deliveries} exports read: the alert history and the webhook delivery log, both
 * in Elasticsearch. Either is null in a process set up without it; its export then answers 503 saying so.
 */
public record AlertStores(AlertHistory history, DeliveryLog deliveries) {

    public static AlertStores none() {
        return new AlertStores(null, null);
    }
}
