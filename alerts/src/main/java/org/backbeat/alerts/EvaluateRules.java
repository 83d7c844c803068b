package org.backbeat.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.backbeat.alerts.evaluation.AlertStateMachine;
import org.backbeat.alerts.evaluation.RuleEvaluator;
import org.backbeat.alerts.evaluation.RuleState;
import org.backbeat.alerts.evaluation.RuleTrack;
import org.backbeat.alerts.evaluation.TextCount;
import org.backbeat.alerts.evaluation.WindowAggregate;
import org.backbeat.alerts.rules.AlertRule;
import org.backbeat.core.Alert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 5 of {@link AlertTopology}: for each post of a series, every rule that watches the series and accepts the
 * post counts it in its window (posts, sentiment sums, the copies of its text), closes the windows event time has
 * left behind, and evaluates the open window; on event-time punctuation, windows of quiet series close too.
 * The evaluation itself is {@link RuleTrack}, the same code a backtest runs.
 */
final class EvaluateRules implements Processor<String, Observation, String, Alert> {

    private static final Logger log = LoggerFactory.getLogger(EvaluateRules.class);
    private static final StringSerializer KEYS = new StringSerializer();
    private static final int CACHED_STATES = 10_000;
    private static final int CACHED_WINDOWS = 20_000;
    private static final int CACHED_TEXTS = 50_000;

    private final RuleBook book;
    private final AlertsConfig config;
    private ProcessorContext<String, Alert> context;
    private RuleBook.View rules;
    private Cached<TrackedState> states;
    private Cached<WindowAggregate> windows;
    private Cached<TextCount> texts;
    /** Every rule state of this task → the event time its oldest open window becomes final. */
    private final java.util.Map<String, Long> dueByState = new java.util.HashMap<>();
    /** Whether {@link #dueByState} holds the states restored from the store (done at the first punctuation). */
    private boolean indexed;
    /** The rules' version the states were last checked against (deleted rules, changed signatures). */
    private long rulesChecked = -1;
    /** posts.scored partition → latest event time read from it (since this processor started). */
    private final java.util.Map<Integer, Long> partitionTimes = new java.util.HashMap<>();

    /** posts.scored partition → wall-clock time a post of it last arrived. */
    private final java.util.Map<Integer, Long> partitionSeenAt = new java.util.HashMap<>();
    /** How many partitions posts.scored has: each holds the watermark back until it is heard from or goes idle. */
    private final int sourcePartitions;
    private long startedAt;

    /**
     * Event time every posts.scored partition has reached: the least of their latest times. A partition not
     * heard from yet holds it back (a backlog read one partition at a time must not make the others' posts late),
     * unless it has been silent for {@link #PARTITION_IDLE} of wall-clock time (then it holds nothing back). With
     * every partition idle, the least time of those heard from.
     */
    private long watermark() {
        long now = context.currentSystemTimeMs();
        long min = Long.MAX_VALUE;
        java.util.Set<Integer> partitions = new java.util.HashSet<>(partitionTimes.keySet());
        for (int p = 0; p < sourcePartitions; p++) {
            partitions.add(p);
        }
        for (int p : partitions) {
            if (now - partitionSeenAt.getOrDefault(p, startedAt) > PARTITION_IDLE.toMillis()) {
                continue;
            }
            Long time = partitionTimes.get(p);
            if (time == null) {
                return Long.MIN_VALUE;
            }
            min = Math.min(min, time);
        }
        if (min != Long.MAX_VALUE) {
            return min;
        }
        for (long t : partitionTimes.values()) {
            min = Math.min(min, t);
        }
        return min == Long.MAX_VALUE ? context.currentStreamTimeMs() : min;
    }

    /** How long a silent posts.scored partition holds the watermark back. */
    static final java.time.Duration PARTITION_IDLE = java.time.Duration.ofSeconds(30);

    EvaluateRules(RuleBook book, AlertsConfig config, int sourcePartitions) {
        this.book = book;
        this.config = config;
        this.sourcePartitions = sourcePartitions;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.startedAt = context.currentSystemTimeMs();
        ReadOnlyKeyValueStore<String, AlertRule> ruleStore = context.getStateStore(AlertTopology.RULES_STORE);
        this.rules = book.view(ruleStore);
        this.states = new Cached<>(context.getStateStore(AlertTopology.STATES_STORE), CACHED_STATES);
        this.windows = new Cached<>(context.getStateStore(AlertTopology.WINDOWS_STORE), CACHED_WINDOWS);
        this.texts = new Cached<>(context.getStateStore(AlertTopology.TEXTS_STORE), CACHED_TEXTS);
        context.schedule(config.closeCheck(), PunctuationType.STREAM_TIME, this::closeQuietSeries);
    }

    @Override
    public void process(Record<String, Observation> record) {
        String series = record.key();
        Observation post = record.value();
        partitionTimes.merge(post.partition(), post.publishedAt().toEpochMilli(), Math::max);
        partitionSeenAt.put(post.partition(), context.currentSystemTimeMs());
        long streamTime = watermark();
        for (AlertRule rule : rules.all()) {
            if (!rule.watches(series) || !rule.accepts(post.source(), post.lang(), post.topics())) {
                continue;
            }
            String stateKey = AlertTopology.key(rule.id(), series);
            Instant window = RuleTrack.windowStart(rule, post.publishedAt());
            TrackedState stored = states.get(stateKey);
            TrackedState tracked = current(rule, series, stored, window);
            tracked = closeDue(rule, series, tracked, streamTime);
            if (window.isBefore(tracked.state().nextToClose())) {
                log.debug("Post {} of {} is later than the grace period for rule {}: not counted", post.postId(),
                        post.publishedAt(), rule.id());
            } else {
                WindowAggregate open = count(rule, series, window, post);
                tracked = tracked.filling(window);
                tracked = tracked.with(observe(rule, series, tracked.state(), open, post.publishedAt()));
            }
            if (!tracked.equals(stored)) {
                states.put(stateKey, tracked); // most posts only count: the state is written when it changes
                dueByState.put(stateKey, due(rule, tracked.state()));
            }
        }
    }

    /** The state of a rule and series; a new one when unseen or when the rule's filters or timings changed. */
    private TrackedState current(AlertRule rule, String series, TrackedState tracked, Instant window) {
        String signature = rules.signature(rule);
        if (tracked != null && tracked.state().signature().equals(signature)) {
            return tracked;
        }
        if (tracked != null) {
            log.info("Rule {} changed its filters or timings: its history for {} starts afresh", rule.id(), series);
            forget(rule.id(), series);
        }
        return TrackedState.of(RuleState.start(window, signature));
    }

    private WindowAggregate count(AlertRule rule, String series, Instant window, Observation post) {
        String windowKey = AlertTopology.key(rule.id(), series, pad(window));
        WindowAggregate agg = windows.get(windowKey);
        if (agg == null) {
            agg = WindowAggregate.empty(window, window.plus(rule.window()));
        }
        String textKey = AlertTopology.key(rule.id(), series, pad(window), post.textCluster());
        TextCount text = texts.get(textKey);
        boolean firstScored = post.sentiment() != null && (text == null || text.scoredCopies() == 0);
        texts.put(textKey, text == null
                ? TextCount.first(post.textCluster(), post.sentiment(), post.negative(), post.sample())
                : text.plus(post.sentiment(), post.negative()));
        agg = agg.plusPost(text == null, firstScored, post.sentiment(), post.negative());
        windows.put(windowKey, agg);
        return agg;
    }

    /** Evaluates an open window; its texts are loaded only when the statistic has shifted. */
    private RuleState observe(AlertRule rule, String series, RuleState state, WindowAggregate open, Instant at) {
        if (!rule.enabled() || state.status() == RuleState.Status.FIRING
                || !RuleEvaluator.mayShift(rule, open, state.baseline())
                || !RuleEvaluator.evaluate(rule, open, state.baseline()).shifted()) {
            return state;
        }
        AlertStateMachine.Step step = RuleTrack.observe(rule, series, state, withTexts(rule, series, open), at);
        emit(step.alerts());
        return step.state();
    }

    /**
     * Closes every window of the rule and series whose end plus the grace period event time has passed. Windows
     * the state knows to be empty are not looked up.
     */
    private TrackedState closeDue(AlertRule rule, String series, TrackedState tracked, long streamTime) {
        RuleState state = tracked.state();
        while (due(rule, state) <= streamTime) {
            Instant start = state.nextToClose();
            WindowAggregate window = tracked.mayHold(start)
                    ? windows.get(AlertTopology.key(rule.id(), series, pad(start))) : null;
            if (window == null) {
                window = WindowAggregate.empty(start, start.plus(rule.window()));
            } else if (rule.enabled() && RuleEvaluator.mayShift(rule, window, state.baseline())
                    && RuleEvaluator.evaluate(rule, window, state.baseline()).shifted()) {
                window = withTexts(rule, series, window);
            }
            Instant leavingStart = RuleTrack.leavingStart(rule, state, start);
            WindowAggregate leaving = null;
            if (leavingStart != null) {
                String leavingKey = AlertTopology.key(rule.id(), series, pad(leavingStart));
                leaving = tracked.mayHold(leavingStart) ? windows.get(leavingKey) : null;
                if (leaving == null) {
                    leaving = WindowAggregate.empty(leavingStart, leavingStart.plus(rule.window()));
                } else {
                    windows.delete(leavingKey);
                }
                tracked = tracked.leaving(leavingStart);
            }
            AlertStateMachine.Step step = RuleTrack.close(rule, series, state, window, leaving);
            emit(step.alerts());
            state = step.state();
            if (window.posts() > 0) {
                deletePrefix(texts, AlertTopology.key(rule.id(), series, pad(start), ""));
            }
        }
        return tracked.with(state);
    }

    /** Punctuation on event time: closes the windows of series that got no post lately; forgets deleted rules. */
    private void closeQuietSeries(long timestamp) {
        if (!indexed) {
            // After a start or a rebalance: learn the states restored into this task's store.
            try (KeyValueIterator<String, TrackedState> it = states.all()) {
                it.forEachRemaining(kv -> dueByState.putIfAbsent(kv.key, Long.MIN_VALUE));
            }
            indexed = true;
        }
        long version = rules.version();
        if (version != rulesChecked) {
            for (String stateKey : new ArrayList<>(dueByState.keySet())) {
                KeyValue<String, String> ids = AlertTopology.split(stateKey);
                AlertRule rule = rules.get(ids.key);
                TrackedState tracked = states.get(stateKey);
                if (rule == null || tracked == null || !rules.signature(rule).equals(tracked.state().signature())) {
                    log.info("Rule {} was {}: forgetting its history for {}", ids.key,
                            rule == null ? "deleted" : "changed", ids.value);
                    forget(ids.key, ids.value);
                    states.delete(stateKey);
                    dueByState.remove(stateKey);
                }
            }
            rulesChecked = version;
        }
        long streamTime = watermark();
        List<String> due = new ArrayList<>();
        dueByState.forEach((stateKey, at) -> {
            if (at <= streamTime) {
                due.add(stateKey);
            }
        });
        for (String stateKey : due) {
            KeyValue<String, String> ids = AlertTopology.split(stateKey);
            AlertRule rule = rules.get(ids.key);
            TrackedState tracked = states.get(stateKey);
            if (rule == null || tracked == null) {
                continue; // forgotten at the next check of the rules
            }
            TrackedState closed = closeDue(rule, ids.value, tracked, streamTime);
            if (!closed.equals(tracked)) {
                states.put(stateKey, closed);
            }
            dueByState.put(stateKey, due(rule, closed.state()));
        }
    }

    private long due(AlertRule rule, RuleState state) {
        return state.nextToClose().toEpochMilli() + rule.window().toMillis() + config.grace().toMillis();
    }

    private WindowAggregate withTexts(AlertRule rule, String series, WindowAggregate window) {
        List<TextCount> all = new ArrayList<>();
        try (KeyValueIterator<String, TextCount> it = texts.prefixScan(
                AlertTopology.key(rule.id(), series, pad(window.start()), ""))) {
            it.forEachRemaining(kv -> all.add(kv.value));
        }
        return window.withTopTexts(all, AlertRule.TRACKED_TEXTS);
    }

    private void forget(String ruleId, String series) {
        String prefix = AlertTopology.key(ruleId, series, "");
        deletePrefix(windows, prefix);
        deletePrefix(texts, prefix);
    }

    private static <V> void deletePrefix(Cached<V> store, String prefix) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, V> it = store.prefixScan(prefix)) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        keys.forEach(store::delete);
    }

    /**
     * A task's store with its recently used values kept decoded: this processor is the stores' only writer, so
     * what it last put is what the store holds, and a read of a hot key costs no JSON. Writes go through.
     */
    static final class Cached<V> {
        private final KeyValueStore<String, V> store;
        private final java.util.LinkedHashMap<String, V> recent;

        Cached(KeyValueStore<String, V> store, int capacity) {
            this.store = store;
            this.recent = new java.util.LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, V> eldest) {
                    return size() > capacity;
                }
            };
        }

        V get(String key) {
            V v = recent.get(key);
            if (v == null) {
                v = store.get(key);
                if (v != null) {
                    recent.put(key, v);
                }
            }
            return v;
        }

        void put(String key, V value) {
            recent.put(key, value);
            store.put(key, value);
        }

        void delete(String key) {
            recent.remove(key);
            store.delete(key);
        }

        KeyValueIterator<String, V> all() {
            return store.all();
        }

        KeyValueIterator<String, V> prefixScan(String prefix) {
            return store.prefixScan(prefix, KEYS);
        }
    }

    private void emit(List<Alert> alerts) {
        for (Alert alert : alerts) {
            log.info("Alert {} {}: {}", alert.id(), alert.state(), alert.summary());
            context.forward(new Record<>(alert.id(), alert, alert.firedAt().toEpochMilli()));
        }
    }

    /** Window starts as fixed-width text (15 digits), so keys sort by time. */
    static String pad(Instant t) {
        String digits = Long.toString(t.toEpochMilli());
        return "000000000000000".substring(Math.min(15, digits.length())) + digits;
    }
}
