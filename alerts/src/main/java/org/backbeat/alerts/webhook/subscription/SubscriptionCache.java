package org.backbeat.alerts.webhook.subscription;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.backbeat.alerts.webhook.WebhookStorageException;

/**
 * The dispatcher's view of the subscriptions: reloaded from the store for every batch of alerts (alerts are rare,
 * and a subscription created a moment ago must get the next one), and for retries when older than a maximum age.
 * When Elasticsearch cannot answer, a retry uses the last good copy.
 */
public final class SubscriptionCache {

    private final SubscriptionStore store;
    private volatile Map<String, Subscription> byId;
    private volatile long loadedAt;

    public SubscriptionCache(SubscriptionStore store) {
        this.store = store;
    }

    /** All subscriptions, read now. */
    public List<Subscription> reload() {
        List<Subscription> all = store.list();
        Map<String, Subscription> map = new LinkedHashMap<>();
        all.forEach(s -> map.put(s.id(), s));
        byId = map;
        loadedAt = System.nanoTime();
        return all;
    }

    /**
     * The subscription, from a copy at most {@code maxAge} old when Elasticsearch answers, else from the last copy.
     *
     * @return empty when it does not exist (deleted)
     * @throws WebhookStorageException when Elasticsearch fails and there is no copy yet
     */
    public Optional<Subscription> get(String id, Duration maxAge) {
        Map<String, Subscription> current = byId;
        if (current == null || System.nanoTime() - loadedAt > maxAge.toNanos()) {
            try {
                reload();
                current = byId;
            } catch (WebhookStorageException e) {
                if (current == null) {
                    throw e;
                }
            }
        }
        return Optional.ofNullable(current.get(id));
    }

    /** Forget the copy (after this process changed a subscription). */
    public void invalidate() {
        loadedAt = 0;
        if (byId != null) {
            loadedAt = System.nanoTime() - Duration.ofDays(1).toNanos();
        }
    }
}
