package org.backbeat.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Recent impact answers, kept for a short time: an estimate aggregates weeks of posts (and bootstraps small
 * windows), and the page asks again each time an event is clicked. The answer is
 * deterministic for the same posts (the bootstrap is seeded), so within {@code ttl} a repeat gets the same one;
 * posts indexed meanwhile show after at most {@code ttl}. At most {@code maxEntries}; when full, it starts afresh.
 */
final class ImpactCache<K, V> {

    private record Entry<V>(V value, Instant expires) {
    }

    private final Duration ttl;
    private final int maxEntries;
    private final Clock clock;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

    ImpactCache(Duration ttl, int maxEntries, Clock clock) {
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /** The fresh cached value of {@code key}, or a new one from {@code compute} (then cached). */
    V get(K key, Supplier<V> compute) {
        Instant now = clock.instant();
        Entry<V> cached = entries.get(key);
        if (cached != null && now.isBefore(cached.expires())) {
            return cached.value();
        }
        V value = compute.get();
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(key, new Entry<>(value, now.plus(ttl)));
        return value;
    }
}
