package org.backbeat.alerts.webhook.subscription;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.backbeat.alerts.webhook.WebhookStorageException;

/**
 * The dispatcher's view of the subscriptions. The dispatcher reloads it in the background every second
 * ({@link #reload()}), so a subscription created a moment ago gets the next alert while no alert waits for a search;
 * a read reloads in the caller only when there is no copy yet, the copy was invalidated (this process changed a
 * subscription), or it is older than the maximum age asked for (the background reload is failing). When
 * Elasticsearch cannot answer, the last good copy is used.
 */
public final class SubscriptionCache {

    private final SubscriptionStore store;
    private volatile Map<String, Subscription> byId;
    private volatile long loadedAt;
    private volatile boolean stale;

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
        stale = false;
        return all;
    }

    /**
     * All subscriptions, from a copy at most {@code maxAge} old when Elasticsearch answers, else from the last copy.
     *
     * @throws WebhookStorageException when Elasticsearch fails and there is no copy yet
     */
    public List<Subscription> all(Duration maxAge) {
        Map<String, Subscription> current = byId;
        if (current == null || stale || System.nanoTime() - loadedAt > maxAge.toNanos()) {
            try {
                return reload();
            } catch (WebhookStorageException e) {
                if (current == null) {
                    throw e;
                }
            }
        }
        return List.copyOf(current.values());
    }

    /**
     * The subscription, from a copy at most {@code maxAge} old when Elasticsearch answers, else from the last copy.
     *
     * @return empty when it does not exist (deleted)
     * @throws WebhookStorageException when Elasticsearch fails and there is no copy yet
     */
    public Optional<Subscription> get(String id, Duration maxAge) {
        Map<String, Subscription> current = byId;
        if (current == null || stale || System.nanoTime() - loadedAt > maxAge.toNanos()) {
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
        stale = true;
    }
}
