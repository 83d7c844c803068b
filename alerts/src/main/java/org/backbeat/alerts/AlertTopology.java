package org.backbeat.alerts;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.backbeat.alerts.evaluation.RuleState;
import org.backbeat.alerts.evaluation.TextCount;
import org.backbeat.alerts.evaluation.WindowAggregate;
import org.backbeat.alerts.rules.AlertRule;
import org.backbeat.alerts.rules.RuleValidation;
import org.backbeat.core.Alert;
import org.backbeat.core.DeadLetter;
import org.backbeat.core.ScoredPost;
import org.backbeat.core.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * posts.scored → read on event time → one record per watched series (entity or "*") → by series → windowed
 * aggregates and rule states → alerts; rules come from the compacted alerts.rules topic into a global store, so
 * every instance sees every rule and a change takes effect without a restart.
 *
 * <p>Windows are tumbling, aligned to the epoch, of each rule's length, on the post's publication time. A window
 * can raise an alert as soon as its posts pass the threshold; it becomes final (and can resolve one) when the
 * event-time watermark has passed its end by the grace period; a post later than that is not counted. The
 * watermark is the least of the latest event times read from each posts.scored partition (not the largest
 * timestamp seen): the tasks reading those partitions run at their own pace, so a replay's posts reach the
 * evaluation interleaved in chunks, and one partition ahead of the others must not close everyone's windows.
 * A partition not heard from yet holds the watermark back until it has been silent for 30 s of wall-clock time,
 * so a backlog read one partition at a time (a restart after downtime, a bulk replay) loses no post as late.
 */
public final class AlertTopology {

    private static final Logger log = LoggerFactory.getLogger(AlertTopology.class);

    public static final String STAGE = "alerts";
    /** Rule id → rule: the global store of alerts.rules, in memory, restored from the topic at start. */
    public static final String RULES_STORE = "alert-rules";
    /** Rule id + series → {@link TrackedState}: the {@link RuleState} and which windows hold posts. */
    public static final String STATES_STORE = "alert-states";
    /** Rule id + series + window start → {@link WindowAggregate} (without its texts): the window and its baseline. */
    public static final String WINDOWS_STORE = "alert-windows";
    /** Rule id + series + window start + text cluster → {@link TextCount}, for the open windows only. */
    public static final String TEXTS_STORE = "alert-texts";

    private AlertTopology() {
    }

    public static void buildTopology(StreamsBuilder builder, AlertTopics topics, AlertsConfig config, Clock clock) {
        Topic<String, ScoredPost> scored = topics.scored();
        Topic<String, DeadLetter> deadLetters = topics.deadLetter();
        RuleBook book = new RuleBook();

        // 1. Rules: the compacted topic into a global store; every change bumps the book's version.
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(RULES_STORE), Serdes.String(),
                        lenient(topics.rules().valueSerde())).withLoggingDisabled(),
                topics.rules().name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("rules"),
                () -> new RuleUpdater(topics.rules(), book));

        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATES_STORE),
                Serdes.String(), CompactSerdes.trackedStates()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WINDOWS_STORE),
                Serdes.String(), CompactSerdes.windows()).withCachingEnabled());
        // (texts live only while their window is open, and every closed window's are deleted by prefix: in memory,
        // restored from the changelog, a prefix scan does not wade through RocksDB's tombstones of closed windows)
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(TEXTS_STORE),
                Serdes.String(), CompactSerdes.textCounts()).withCachingEnabled());

        // 2. Scored posts on event time (publishedAt); a record that cannot be read is a dead letter.
        KStream<String, ScoredRecord> records = builder.stream(scored.name(),
                Consumed.with(scored.keySerde(), ScoredRecord.serde(clock, config.maxFuture()))
                        .withTimestampExtractor(new ScoredRecord.EventTime()).withName("scored-posts"));
        records.filter((key, r) -> r != null && r.post() == null, Named.as("unreadable"))
                .mapValues((key, r) -> {
                    log.warn("Dead letter from {} at stage {}, key {}: {}", scored.name(), STAGE, key, r.error());
                    return DeadLetter.of(STAGE, scored.name(), key, r.payload(), r.error(), clock.instant());
                }, Named.as("dead-letter"))
                .to(deadLetters.name(), Produced.with(deadLetters.keySerde(), deadLetters.valueSerde()));

        // 3. One record per series a rule watches: each entity of the post, and "*" (all posts) when a rule
        //    watches that; deletes (tombstones) do not retract counts and are skipped.
        KStream<String, Observation> bySeries = records
                .filter((key, r) -> r != null && r.post() != null, Named.as("readable"))
                .process(() -> new FanOut(book), Named.as("fan-out")) // global stores need no connecting
                // 4. Through one repartition topic keyed by series, so each series' windows live in one task.
                .repartition(Repartitioned.with(Serdes.String(), CompactSerdes.observations()).withName("by-series"));

        // 5. Aggregate the windows, close them on event time, evaluate the rules, step their states.
        bySeries.process(() -> new EvaluateRules(book, config, topics.partitions()), Named.as("evaluate"),
                        STATES_STORE, WINDOWS_STORE, TEXTS_STORE)
                // 6. Alerts, keyed by their stable id, stamped with their event time.
                .to(topics.alerts().name(), Produced.with(topics.alerts().keySerde(), topics.alerts().valueSerde()));
    }

    /** A rule serde that reads a bad record as null (ignored) instead of failing the global thread. */
    private static Serde<AlertRule> lenient(Serde<AlertRule> strict) {
        Deserializer<AlertRule> reader = (topic, bytes) -> {
            try {
                return strict.deserializer().deserialize(topic, bytes);
            } catch (SerializationException e) {
                log.error("Unreadable rule record in {}, ignored: {}", topic, e.getMessage());
                return null;
            }
        };
        return Serdes.serdeFrom(strict.serializer(), reader);
    }

    /** Step 1: keeps the global rules store; a record that is not a valid rule is logged and ignored. */
    private static final class RuleUpdater implements Processor<String, byte[], Void, Void> {

        private final Topic<String, AlertRule> topic;
        private final RuleBook book;
        private KeyValueStore<String, AlertRule> store;

        RuleUpdater(Topic<String, AlertRule> topic, RuleBook book) {
            this.topic = topic;
            this.book = book;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            this.store = context.getStateStore(RULES_STORE);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            String key = record.key();
            if (key == null) {
                log.error("A rule record without a key in {} is ignored", topic.name());
                return;
            }
            if (record.value() == null) {
                store.delete(key);
                log.info("Rule {} deleted", key);
                book.changed();
                return;
            }
            AlertRule rule;
            try {
                rule = topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
            } catch (SerializationException e) {
                log.error("Rule record {} is not a rule, ignored: {} ({})", key, e.getMessage(),
                        new String(record.value(), StandardCharsets.UTF_8));
                return;
            }
            List<String> problems = rule == null ? List.of("JSON null") : RuleValidation.problems(rule, null);
            if (!problems.isEmpty() || !key.equals(rule.id())) {
                log.error("Rule record {} is ignored: {}", key, problems.isEmpty() ? "its id is " + rule.id() : problems);
                return;
            }
            store.put(key, rule);
            log.info("Rule {} {}", key, rule.enabled() ? "set" : "set (disabled)");
            book.changed();
        }
    }

    /** Step 3: forwards the post once per series that at least one rule watches and accepts it for. */
    private static final class FanOut implements Processor<String, ScoredRecord, String, Observation> {

        private final RuleBook book;
        private ProcessorContext<String, Observation> context;
        private RuleBook.View rules;

        FanOut(RuleBook book) {
            this.book = book;
        }

        @Override
        public void init(ProcessorContext<String, Observation> context) {
            this.context = context;
            ReadOnlyKeyValueStore<String, AlertRule> store = context.getStateStore(RULES_STORE);
            this.rules = book.view(store);
        }

        @Override
        public void process(Record<String, ScoredRecord> record) {
            ScoredView post = record.value().post();
            List<String> topicIds = post.topicIds();
            List<String> series = new ArrayList<>(post.entities().size() + 1);
            for (AlertRule rule : rules.all()) {
                if (!rule.accepts(post.post().source(), post.post().lang(), topicIds)) {
                    continue;
                }
                if (rule.watchesAll()) {
                    add(series, Alert.ALL_ENTITIES);
                } else {
                    for (String entity : post.entities()) {
                        if (rule.watches(entity)) {
                            add(series, entity);
                        }
                    }
                }
            }
            int partition = context.recordMetadata().map(m -> m.partition()).orElse(-1);
            for (String s : series) {
                context.forward(record.withKey(s).withValue(Observation.of(post, topicIds, s, partition)));
            }
        }

        private static void add(List<String> series, String s) {
            if (!series.contains(s)) {
                series.add(s);
            }
        }
    }

    /** The key of a store entry: parts joined by the unit separator, which no id contains. */
    static String key(String... parts) {
        return String.join("\u001f", parts);
    }

    static KeyValue<String, String> split(String stateKey) {
        int i = stateKey.indexOf('\u001f');
        return KeyValue.pair(stateKey.substring(0, i), stateKey.substring(i + 1));
    }
}
