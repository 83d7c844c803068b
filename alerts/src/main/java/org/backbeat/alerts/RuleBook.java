package org.backbeat.alerts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.backbeat.alerts.rules.AlertRule;
import org.backbeat.alerts.rules.RuleValidation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of one topology instance, as every stream task reads them: the global rules store, decoded once per
 * change instead of once per post. The global store's updater calls {@link #changed()}; each task's
 * {@link View} reloads when it sees a new version. One book per built topology (never a static).
 */
final class RuleBook {

    private static final Logger log = LoggerFactory.getLogger(RuleBook.class);

    private final AtomicLong version = new AtomicLong();

    void changed() {
        version.incrementAndGet();
    }

    View view(ReadOnlyKeyValueStore<String, AlertRule> store) {
        return new View(store);
    }

    /** One task's decoded copy of the rules. Not thread-safe: one per processor instance. */
    final class View {
        private final ReadOnlyKeyValueStore<String, AlertRule> store;
        private long seen = -1;
        private Map<String, AlertRule> rules = Map.of();
        private Map<String, String> signatures = Map.of();
        private List<AlertRule> list = List.of();

        private View(ReadOnlyKeyValueStore<String, AlertRule> store) {
            this.store = store;
        }

        /** The valid rules, in id order. */
        List<AlertRule> all() {
            refresh();
            return list;
        }

        AlertRule get(String id) {
            refresh();
            return rules.get(id);
        }

        /** The rule's {@link AlertRule#historySignature()}, computed once per change. */
        String signature(AlertRule rule) {
            String s = signatures.get(rule.id());
            return s != null ? s : rule.historySignature();
        }

        /** The version of the rules this view holds (it changes with every rule change). */
        long version() {
            refresh();
            return seen;
        }

        private void refresh() {
            long now = version.get();
            if (now == seen) {
                return;
            }
            Map<String, AlertRule> loaded = new LinkedHashMap<>();
            try (KeyValueIterator<String, AlertRule> it = store.all()) {
                while (it.hasNext()) {
                    KeyValue<String, AlertRule> kv = it.next();
                    // The store is restored from the topic without the updater's checks: check again here.
                    if (kv.value == null) {
                        continue;
                    }
                    List<String> problems = RuleValidation.problems(kv.value, null);
                    if (!kv.key.equals(kv.value.id())) {
                        log.error("Rule under key {} has id {}: ignored", kv.key, kv.value.id());
                    } else if (!problems.isEmpty()) {
                        log.error("Rule {} is not valid, ignored: {}", kv.key, problems);
                    } else {
                        loaded.put(kv.key, kv.value);
                    }
                }
            }
            rules = Collections.unmodifiableMap(loaded);
            Map<String, String> sigs = new java.util.HashMap<>();
            loaded.forEach((id, r) -> sigs.put(id, r.historySignature()));
            signatures = sigs;
            list = List.copyOf(new ArrayList<>(loaded.values()));
            seen = now;
            log.info("Rules loaded: {} ({})", loaded.size(), loaded.keySet());
        }
    }
}
