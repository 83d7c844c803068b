package org.backbeat.alerts.webhook;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.backbeat.alerts.webhook.delivery.AttemptResult;
import org.backbeat.alerts.webhook.delivery.DeliveryLog;
import org.backbeat.alerts.webhook.delivery.DeliveryState;
import org.backbeat.alerts.webhook.delivery.DeliveryStatus;
import org.backbeat.alerts.webhook.delivery.NextState;
import org.backbeat.alerts.webhook.delivery.WebhookSender;
import org.backbeat.alerts.webhook.http.WebhookHttpClient;
import org.backbeat.alerts.webhook.payload.DashboardLinks;
import org.backbeat.alerts.webhook.payload.PayloadRenderer;
import org.backbeat.alerts.webhook.ssrf.TargetGuard;
import org.backbeat.alerts.webhook.subscription.Subscription;
import org.backbeat.alerts.webhook.subscription.SubscriptionCache;
import org.backbeat.alerts.webhook.subscription.SubscriptionStore;
import org.backbeat.core.Alert;
import org.backbeat.core.DeadLetter;
import org.backbeat.core.JsonSerde;
import org.backbeat.core.KafkaProps;
import org.backbeat.core.Topic;
import org.backbeat.core.health.HealthCheck;
import org.backbeat.core.health.HealthStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers every alert of the {@code alerts} topic to each matching, enabled subscription, durably.
 *
 * <p>The state of every delivery (alert × subscription) lives in the compacted {@code alerts.deliveries} topic
 * ({@link DeliveryState}, key {@code alertId.subscriptionId}); the dispatcher keeps the latest state of each in
 * memory and works from it:
 * <ol>
 *   <li><b>resume</b>: on start, read the deliveries topic from the beginning to its end (which also repairs the
 *       delivery log), and once the group assigns alerts partitions, schedule every PENDING delivery of them at its
 *       due time (overdue ones at once);</li>
 *   <li><b>take alerts</b> (read_committed, the rules' Streams app writes transactionally): for each alert and each
 *       matching enabled subscription without a state yet, write a PENDING state and wait for Kafka's
 *       acknowledgement; only then commit the alerts offsets. An alert re-read after a crash finds its states and
 *       is skipped, so a DELIVERED one is never sent again and a PENDING one keeps its schedule;</li>
 *   <li><b>attempt</b> on a bounded pool of {@code workers} threads: sign and POST (the {@link WebhookSender}), decide
 *       the next state ({@link NextState}: delivered, retry at a jittered time, parked), write it to Kafka and wait
 *       for the acknowledgement, then project it into the delivery log ({@link DeliveryLog}, best effort);</li>
 *   <li><b>follow the topic</b> after start-up: a state written by someone else with a higher revision (an admin's
 *       resend from the dashboard) is adopted, and a PENDING one scheduled.</li>
 * </ol>
 * A success is recorded (DELIVERED, acknowledged by Kafka) before anything else happens to the delivery. The one
 * window left is a crash between the receiver's 2xx and that acknowledgement: the delivery is then still PENDING
 * and is sent again after the restart, with the same {@code webhook-id}, which Standard Webhooks receivers use to
 * drop duplicates.
 *
 * <p>Several dispatchers may share the consumer group: each attempts only the deliveries of the alerts partitions
 * it owns ({@link Ownership}). In a rebalance, an attempt under way at the old owner may overlap the new owner's
 * (same {@code webhook-id} again); a clean shutdown finishes its attempts first.
 */
public final class WebhookDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration KAFKA_ACK_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STORAGE_RETRY = Duration.ofSeconds(2);
    /** Past this age the background reload is failing, and a reader tries itself (still using the copy if it fails). */
    private static final Duration STALE_SUBSCRIPTIONS = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final Topic<String, Alert> alertsTopic;
    private final Topic<String, DeliveryState> deliveriesTopic;
    private final Topic<String, DeadLetter> deadLetterTopic;
    private final DispatcherConfig config;
    private final SubscriptionStore subscriptions;
    private final SubscriptionCache cache;
    private final DeliveryLog deliveryLog;
    private final WebhookSender sender;
    private final NextState nextState;
    private final Clock clock;
    private final DispatcherMetrics metrics;
    private final JsonSerde<Alert> alertSerde = new JsonSerde<>(Alert.class);
    private final JsonSerde<DeliveryState> stateSerde = new JsonSerde<>(DeliveryState.class);

    private final Map<String, DeliveryState> states = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> scheduled = new ConcurrentHashMap<>();
    /** Deliveries with an attempt under way: a second attempt of one (scheduled again by a rebalance) waits its turn. */
    private final Set<String> attempting = ConcurrentHashMap.newKeySet();
    private final ScheduledThreadPoolExecutor workers;
    /** Background chores that must not hold a worker or the loop: the subscriptions' reload, the delivery log. */
    private final ScheduledThreadPoolExecutor chores;
    private final CountDownLatch resumed = new CountDownLatch(1);
    private final AtomicInteger inFlight = new AtomicInteger();

    private KafkaProducer<String, byte[]> producer;
    private KafkaConsumer<String, byte[]> alertsConsumer;
    private KafkaConsumer<String, byte[]> stateConsumer;
    private volatile boolean running;
    private volatile Set<Integer> owned = Set.of();
    private volatile Throwable failure;
    private Thread loop;

    /**
     * @param bootstrapServers Kafka
     * @param alertsTopic      the alerts to deliver
     * @param deliveriesTopic  the compacted delivery states (created, compacted, when missing)
     * @param deadLetterTopic  where alerts that cannot be read go with the reason; null to only log them
     * @param config           timeouts, schedule, workers, group
     * @param subscriptions    the subscriptions (read for every batch; a 410 disables one)
     * @param deliveryLog      the delivery log (written after every attempt)
     * @param sender           makes one attempt
     */
    public WebhookDispatcher(String bootstrapServers, Topic<String, Alert> alertsTopic, Topic<String, DeliveryState> deliveriesTopic,
                             Topic<String, DeadLetter> deadLetterTopic, DispatcherConfig config, SubscriptionStore subscriptions,
                             DeliveryLog deliveryLog, WebhookSender sender, Clock clock, MeterRegistry meters) {
        this.bootstrapServers = bootstrapServers;
        this.alertsTopic = alertsTopic;
        this.deliveriesTopic = deliveriesTopic;
        this.deadLetterTopic = deadLetterTopic;
        this.config = config;
        this.subscriptions = subscriptions;
        this.cache = new SubscriptionCache(subscriptions);
        this.deliveryLog = deliveryLog;
        this.sender = sender;
        this.nextState = new NextState(config.schedule(), config.maxRetryAfter());
        this.clock = clock;
        this.metrics = new DispatcherMetrics(meters);
        this.workers = new ScheduledThreadPoolExecutor(config.workers(), r -> {
            Thread t = new Thread(r, "backbeat-webhook-worker");
            t.setDaemon(true);
            return t;
        });
        this.workers.setRemoveOnCancelPolicy(true);
        this.chores = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "backbeat-webhook-chores");
            t.setDaemon(true);
            return t;
        });
        this.workers.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /**
     * The production wiring: topics and indices from the config, the SSRF guard with the configured allow-list,
     * the pinned HTTP client, the system clock.
     *
     * @param deadLetterTopic {@code posts.dlq} (the pipeline's dead letters), or null
     * @param es              the process's one Elasticsearch client (not closed here)
     */
    public static WebhookDispatcher create(String bootstrapServers, DispatcherConfig config, ElasticsearchClient es,
                                           Topic<String, DeadLetter> deadLetterTopic, MeterRegistry meters) {
        Clock clock = Clock.systemUTC();
        WebhookSender sender = new WebhookSender(new TargetGuard(config.allowedHosts()), new WebhookHttpClient(),
                new PayloadRenderer(new DashboardLinks(config.dashboardUrl())), config.requestTimeout(), clock);
        return new WebhookDispatcher(bootstrapServers, config.alerts(), config.deliveries(), deadLetterTopic, config,
                new SubscriptionStore(es, config.subscriptionsIndex(), config.replicas()),
                new DeliveryLog(es, config.deliveriesIndex(), config.replicas()), sender, clock, meters);
    }

    /**
     * Creates the deliveries topic and the indices when missing, starts the loop and returns once every pending
     * delivery of the deliveries topic is scheduled again (at most 60 s).
     */
    public synchronized WebhookDispatcher start() {
        if (loop != null) {
            throw new IllegalStateException("the webhook dispatcher is started already");
        }
        ensureDeliveriesTopic();
        subscriptions.ensureCreated();
        deliveryLog.ensureCreated();
        cache.reload();
        chores.scheduleWithFixedDelay(this::reloadSubscriptions, config.subscriptionsMaxAge().toMillis(),
                config.subscriptionsMaxAge().toMillis(), TimeUnit.MILLISECONDS);
        producer = new KafkaProducer<>(KafkaProps.producer(bootstrapServers, config.groupId() + "-states"),
                new StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer());
        alertsConsumer = new KafkaConsumer<>(KafkaProps.consumer(bootstrapServers, config.groupId()),
                new StringDeserializer(), new ByteArrayDeserializer());
        stateConsumer = new KafkaConsumer<>(KafkaProps.consumer(bootstrapServers, config.groupId() + "-states"),
                new StringDeserializer(), new ByteArrayDeserializer());
        running = true;
        loop = new Thread(this::run, "backbeat-webhook-dispatcher");
        loop.start();
        try {
            if (!resumed.await(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the webhook dispatcher did not read " + deliveriesTopic.name() + " within "
                        + START_TIMEOUT.toSeconds() + " s (is Kafka at " + bootstrapServers + " up?)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the webhook dispatcher", e);
        }
        if (failure != null) {
            throw new IllegalStateException("the webhook dispatcher failed to start: " + failure.getMessage(), failure);
        }
        return this;
    }

    /** Whether the loop runs (false after {@link #close()} or when it died; see the log). */
    public boolean isRunning() {
        return running && loop != null && loop.isAlive();
    }

    /** Deliveries waiting for an attempt (scheduled), and attempts under way. */
    public int pendingCount() {
        return (int) states.values().stream().filter(s -> s.status() == DeliveryStatus.PENDING).count();
    }

    /** The dispatcher as a component of a process's health: up while its loop runs, with what is pending. */
    public HealthCheck healthCheck() {
        return HealthCheck.of("webhooks", () -> {
            String detail = pendingCount() + " deliveries pending, alerts partitions " + owned;
            if (isRunning()) {
                return HealthStatus.up(detail);
            }
            Throwable why = failure;
            return HealthStatus.down((why == null ? "stopped" : "failed: " + why.getMessage()) + " (" + detail + ")");
        });
    }

    /** The partitions of the alerts topic whose deliveries this dispatcher attempts. */
    public Set<Integer> ownedPartitions() {
        return owned;
    }

    /** The latest state this dispatcher knows of a delivery. */
    public Optional<DeliveryState> state(String alertId, String subscriptionId) {
        return Optional.ofNullable(states.get(DeliveryState.keyOf(alertId, subscriptionId)));
    }

    /**
     * Stops taking alerts, cancels scheduled attempts (they stay PENDING in Kafka and resume on the next start),
     * lets attempts under way finish and record their outcome (at most the request timeout), then closes the clients.
     */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            if (!running && loop == null) {
                return;
            }
            running = false;
            t = loop;
        }
        if (alertsConsumer != null) {
            alertsConsumer.wakeup();
        }
        if (stateConsumer != null) {
            stateConsumer.wakeup();
        }
        if (t != null) {
            try {
                t.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.shutdown();
        try {
            workers.awaitTermination(config.requestTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
        chores.shutdown(); // lets the log writes already queued finish
        try {
            chores.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        chores.shutdownNow();
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        log.info("Webhook dispatcher stopped; {} deliveries pending", pendingCount());
    }

    // ----- the loop thread: resume, then alerts and foreign state changes

    private void run() {
        try {
            resume();
        } catch (WakeupException e) {
            resumed.countDown();
            closeConsumers();
            return;
        } catch (RuntimeException e) {
            failure = e;
            log.error("Webhook dispatcher could not resume from {}: {}", deliveriesTopic.name(), e.toString(), e);
            running = false;
            resumed.countDown();
            closeConsumers();
            return;
        }
        resumed.countDown();
        try {
            alertsConsumer.subscribe(List.of(alertsTopic.name()), new Ownership());
            while (running) {
                followStates(stateConsumer.poll(Duration.ZERO));
                ConsumerRecords<String, byte[]> batch = alertsConsumer.poll(config.pollTimeout());
                if (!batch.isEmpty()) {
                    takeAlerts(batch);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                failure = e;
            }
        } catch (RuntimeException e) {
            failure = e;
            running = false;
            log.error("Webhook dispatcher loop died: {}", e.toString(), e);
        } finally {
            closeConsumers();
        }
    }

    /** Reads the deliveries topic from the beginning to its end; pending deliveries are scheduled on assignment. */
    private void resume() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        List<TopicPartition> partitions = List.of();
        while (partitions.isEmpty()) { // a topic created a moment ago may not be in the metadata yet
            partitions = stateConsumer.partitionsFor(deliveriesTopic.name(), START_TIMEOUT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (partitions.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topic " + deliveriesTopic.name() + " has no partitions on " + bootstrapServers);
                }
                sleep(Duration.ofMillis(200));
            }
        }
        stateConsumer.assign(partitions);
        stateConsumer.seekToBeginning(partitions);
        int read = readStatesToEnd();
        long pending = states.values().stream().filter(st -> st.status() == DeliveryStatus.PENDING).count();
        log.info("Webhook dispatcher resumed from {}: {} records, {} deliveries, {} pending", deliveriesTopic.name(), read,
                states.size(), pending);
    }

    /** Adopts every state up to the deliveries topic's current end (what other processes wrote meanwhile too). */
    private int readStatesToEnd() {
        Set<TopicPartition> partitions = stateConsumer.assignment();
        Map<TopicPartition, Long> end = stateConsumer.endOffsets(partitions, START_TIMEOUT);
        int read = 0;
        while (partitions.stream().anyMatch(p -> stateConsumer.position(p) < end.get(p))) {
            ConsumerRecords<String, byte[]> records = stateConsumer.poll(Duration.ofMillis(200));
            read += records.count();
            followStates(records);
        }
        return read;
    }

    /**
     * The alerts partitions this process owns decide which deliveries it attempts (each state records the partition
     * its alert came from): with several dispatchers in one group, each delivery has one owner. On assignment the
     * states are read to the end first, so what the previous owner recorded is known before anything is scheduled.
     */
    private final class Ownership implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            readStatesToEnd();
            Set<Integer> added = partitions.stream().map(TopicPartition::partition).collect(Collectors.toSet());
            Set<Integer> now = new HashSet<>(owned);
            now.addAll(added);
            owned = Set.copyOf(now);
            int scheduledNow = 0;
            for (DeliveryState state : states.values()) {
                if (state.status() == DeliveryStatus.PENDING && added.contains(state.alertPartition())) {
                    schedule(state);
                    scheduledNow++;
                }
            }
            log.info("Webhook dispatcher owns alerts partitions {}; {} pending deliveries scheduled", owned, scheduledNow);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            Set<Integer> lost = partitions.stream().map(TopicPartition::partition).collect(Collectors.toSet());
            Set<Integer> now = new HashSet<>(owned);
            now.removeAll(lost);
            owned = Set.copyOf(now);
            scheduled.forEach((key, future) -> {
                DeliveryState state = states.get(key);
                if (state != null && lost.contains(state.alertPartition()) && future.cancel(false)) {
                    scheduled.remove(key, future);
                }
            });
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            onPartitionsRevoked(partitions);
        }
    }

    /** Adopts states written elsewhere (a resend) that are newer than what this process knows. */
    private void followStates(ConsumerRecords<String, byte[]> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            DeliveryState state = decodeState(record);
            if (state == null) {
                continue;
            }
            DeliveryState known = states.get(record.key());
            if (known != null && known.revision() >= state.revision()) {
                continue; // our own write coming back, or an older state
            }
            states.put(record.key(), state);
            logQuietly(state);
            if (state.status() == DeliveryStatus.PENDING) {
                log.info("Delivery {} is pending again ({}), revision {}", state.key(), state.reason(), state.revision());
                schedule(state);
            }
        }
    }

    /**
     * Writes a PENDING state for every new (alert, subscription) pair of the batch and commits the batch once
     * Kafka has them all. When the subscriptions cannot be read or Kafka does not acknowledge, nothing is
     * committed: the consumer goes back to the batch's start and tries again.
     */
    private void takeAlerts(ConsumerRecords<String, byte[]> batch) {
        List<Subscription> all;
        try {
            all = cache.all(STALE_SUBSCRIPTIONS);
        } catch (WebhookStorageException e) {
            log.warn("Cannot read webhook subscriptions, will read the alerts again in {} s: {}", STORAGE_RETRY.toSeconds(), e.getMessage());
            rewind(batch);
            sleep(STORAGE_RETRY);
            return;
        }
        Instant now = clock.instant();
        List<DeliveryState> created = new ArrayList<>();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : batch) {
            Alert alert = decodeAlert(record);
            if (alert == null) {
                continue;
            }
            for (Subscription subscription : all) {
                if (!subscription.enabled() || !subscription.filter().matches(alert)) {
                    continue;
                }
                String key = DeliveryState.keyOf(alert.id(), subscription.id());
                if (states.containsKey(key) || created.stream().anyMatch(s -> s.key().equals(key))) {
                    continue; // seen before: delivered, pending or parked; a replayed alert is never a new delivery
                }
                DeliveryState state = DeliveryState.pending(alert, subscription.id(), record.partition(), now);
                created.add(state);
                acks.add(producer.send(new ProducerRecord<>(deliveriesTopic.name(), key, stateSerde.write(state))));
            }
        }
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get(KAFKA_ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Kafka did not acknowledge new deliveries, will read the alerts again: {}", e.toString());
            rewind(batch);
            sleep(STORAGE_RETRY);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        }
        for (DeliveryState state : created) {
            states.merge(state.key(), state, (old, neu) -> neu.revision() > old.revision() ? neu : old);
            metrics.created();
            schedule(state);
        }
        // Asynchronous: the states are safe in Kafka already, so a lost commit only means these alerts are read
        // again after a restart, and skipped.
        alertsConsumer.commitAsync(nextOffsets(batch), (offsets, e) -> {
            if (e != null) {
                log.warn("Committing alerts offsets failed (they are read again and skipped after a restart): {}", e.toString());
            }
        });
    }

    // ----- the workers: one attempt each

    private void schedule(DeliveryState state) {
        if (state.alertPartition() >= 0 && !owned.contains(state.alertPartition())) {
            return; // another dispatcher of the group owns its alert's partition
        }
        // Rounded up, so the attempt does not start a fraction of a millisecond before it is due.
        long delay = Math.max(0, Duration.between(clock.instant(), state.nextAttemptAt()).plusNanos(999_999).toMillis());
        scheduled.compute(state.key(), (key, existing) -> {
            if (existing != null && !existing.isDone()) {
                return existing;
            }
            try {
                return workers.schedule(() -> attempt(key), delay, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return null; // shutting down: it stays PENDING in Kafka
            }
        });
    }

    private void attempt(String key) {
        scheduled.remove(key);
        DeliveryState state = states.get(key);
        if (state == null || state.status() != DeliveryStatus.PENDING || !running) {
            return;
        }
        // One attempt per delivery at a time. A rebalance re-schedules every PENDING delivery of the partitions it
        // assigns, the one whose request is under way included (it is PENDING until its outcome is recorded): without
        // this, that second attempt would POST the same alert again and both could succeed.
        if (!attempting.add(key)) {
            return; // the attempt under way records the outcome and schedules what follows
        }
        inFlight.incrementAndGet();
        DeliveryState next = null;
        DeliveryState notDue = null;
        try {
            state = states.get(key); // what the attempt that just ended may have recorded
            if (state == null || state.status() != DeliveryStatus.PENDING) {
                return;
            }
            if (state.nextAttemptAt().isAfter(clock.instant())) {
                // Not due yet: the attempt that ended meanwhile chose a later time, or the executor's clock ran a
                // fraction of a millisecond ahead of the wall clock. It is scheduled again once this attempt has let
                // go of the delivery: scheduled while holding it, a zero delay would run at once, find it busy and end.
                notDue = state;
                return;
            }
            Optional<Subscription> subscription;
            try {
                subscription = cache.get(state.subscriptionId(), STALE_SUBSCRIPTIONS);
            } catch (WebhookStorageException e) {
                log.warn("Cannot read subscription {} for delivery {}, trying again in {} s: {}", state.subscriptionId(), key,
                        STORAGE_RETRY.toSeconds(), e.getMessage());
                workers.schedule(() -> attempt(key), STORAGE_RETRY.toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
            Instant now = clock.instant();
            if (subscription.isEmpty()) {
                next = state.withStatus(DeliveryStatus.CANCELLED, "the subscription was deleted", now);
            } else if (!subscription.get().enabled()) {
                next = state.withStatus(DeliveryStatus.PARKED, "the subscription is disabled: "
                        + subscription.get().disabledReason(), now);
            } else {
                Subscription target = subscription.get();
                Timer.Sample sample = metrics.startAttempt();
                AttemptResult result = sender.send(target, state.alert(), false);
                metrics.attempt(sample, result);
                next = nextState.after(state, result, now, clock.instant());
                log.info("Delivery {} to {} attempt {}: {} -> {}", key, target.host(), next.nextAttemptNumber() - 1,
                        result.statusCode() == null ? result.error() : "HTTP " + result.statusCode(), next.status());
                if (result.verdict() == AttemptResult.Verdict.GONE) {
                    disable(target, "the receiver answered 410 Gone at " + now);
                }
            }
            DeliveryState outcome = next;
            states.merge(key, outcome, (old, neu) -> neu.revision() > old.revision() ? neu : old);
        } catch (RuntimeException e) {
            log.error("Delivery {} failed unexpectedly; it stays pending and is tried again on the next start: {}", key, e.toString(), e);
            next = null;
        } finally {
            attempting.remove(key); // after the outcome is in memory: a waiting attempt sees it, not the state it began with
            inFlight.decrementAndGet();
            if (notDue != null) {
                schedule(notDue);
            }
        }
        if (next != null) {
            try {
                record(next);
            } catch (RuntimeException e) {
                // An exception here would end silently in the executor's future and leave the delivery unscheduled.
                log.error("Delivery {}: recording attempt {} failed; it stays pending and is tried again on the next start: {}",
                        key, next.attempts().size(), e.toString(), e);
            }
        }
    }

    /**
     * Writes the state to Kafka (waits for the acknowledgement), then memory, the log, and the next schedule. When
     * Kafka does not acknowledge, the write (not the HTTP request) is tried again until it does: a success is
     * recorded, never re-sent while this process lives.
     */
    private void record(DeliveryState next) {
        states.merge(next.key(), next, (old, neu) -> neu.revision() > old.revision() ? neu : old);
        try {
            producer.send(new ProducerRecord<>(deliveriesTopic.name(), next.key(), stateSerde.write(next)))
                    .get(KAFKA_ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException | TimeoutException e) {
            log.error("Kafka did not acknowledge the state of delivery {} ({}); writing it again in {} s: {}", next.key(),
                    next.status(), STORAGE_RETRY.toSeconds(), e.toString());
            try {
                workers.schedule(() -> record(next), STORAGE_RETRY.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                log.warn("Stopping: delivery {} stays as Kafka last acknowledged it and resumes on the next start", next.key());
            }
            return;
        }
        metrics.settled(next.status());
        logQuietly(next);
        if (next.status() == DeliveryStatus.PENDING) {
            schedule(next);
        }
    }

    private void disable(Subscription subscription, String reason) {
        try {
            subscriptions.get(subscription.id()).filter(Subscription::enabled)
                    .ifPresent(s -> subscriptions.replace(s.disabled(reason, clock.instant())));
            cache.invalidate();
            log.warn("Subscription {} ({}) disabled: {}", subscription.id(), subscription.host(), reason);
        } catch (WebhookStorageException e) {
            log.error("Could not disable subscription {} after a 410: {}", subscription.id(), e.getMessage());
        }
    }

    /** Projects the state into the delivery log on the chores thread; the revision keeps late writes harmless. */
    private void logQuietly(DeliveryState state) {
        try {
            chores.execute(() -> {
                try {
                    deliveryLog.record(state, false);
                } catch (WebhookStorageException e) {
                    log.warn("Delivery log not updated for {} (the state is safe in {}): {}", state.key(), deliveriesTopic.name(),
                            e.getMessage());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            log.debug("Delivery log not updated for {}: stopping", state.key());
        }
    }

    private void reloadSubscriptions() {
        try {
            cache.reload();
        } catch (WebhookStorageException e) {
            log.warn("Cannot reload webhook subscriptions (using the last copy): {}", e.getMessage());
        } catch (RuntimeException e) {
            log.error("Reloading webhook subscriptions failed: {}", e.toString(), e);
        }
    }

    // ----- helpers

    private Alert decodeAlert(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return null;
        }
        try {
            return alertSerde.read(record.value());
        } catch (SerializationException | IllegalArgumentException | NullPointerException e) {
            String reason = "not a valid alert: " + e.getMessage();
            log.warn("Skipping record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason);
            metrics.invalid();
            if (deadLetterTopic != null) {
                DeadLetter letter = DeadLetter.of("webhook-dispatch", record.topic(), record.key(),
                        new String(record.value(), java.nio.charset.StandardCharsets.UTF_8), reason, clock.instant());
                try {
                    producer.send(new ProducerRecord<>(deadLetterTopic.name(), record.key(),
                            deadLetterTopic.valueSerde().serializer().serialize(deadLetterTopic.name(), letter)))
                            .get(KAFKA_ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException | TimeoutException ke) {
                    log.error("Could not dead-letter record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), ke.toString());
                }
            }
            return null;
        }
    }

    private DeliveryState decodeState(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return null;
        }
        try {
            return stateSerde.read(record.value());
        } catch (SerializationException | IllegalArgumentException | NullPointerException e) {
            log.warn("Ignoring unreadable delivery state {} at {}-{}@{}: {}", record.key(), record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return null;
        }
    }

    private void rewind(ConsumerRecords<String, byte[]> batch) {
        for (TopicPartition partition : batch.partitions()) {
            alertsConsumer.seek(partition, batch.records(partition).get(0).offset());
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, byte[]> batch) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : batch.partitions()) {
            List<ConsumerRecord<String, byte[]>> records = batch.records(partition);
            offsets.put(partition, new OffsetAndMetadata(records.get(records.size() - 1).offset() + 1));
        }
        return offsets;
    }

    private void ensureDeliveriesTopic() {
        try (Admin admin = Admin.create(KafkaProps.admin(bootstrapServers, config.groupId() + "-admin"))) {
            Set<String> existing = admin.listTopics().names().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (existing.contains(deliveriesTopic.name())) {
                return;
            }
            NewTopic topic = new NewTopic(deliveriesTopic.name(), Optional.of(config.deliveriesPartitions()), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            try {
                admin.createTopics(List.of(topic)).all().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                log.info("Created compacted topic {}", deliveriesTopic.name());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + deliveriesTopic.name(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create topic " + deliveriesTopic.name() + " on Kafka at " + bootstrapServers
                    + ": " + e.getMessage(), e);
        }
    }

    private void closeConsumers() {
        try {
            alertsConsumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        } catch (RuntimeException e) {
            log.debug("closing the alerts consumer: {}", e.toString());
        }
        try {
            stateConsumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        } catch (RuntimeException e) {
            log.debug("closing the state consumer: {}", e.toString());
        }
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        }
    }
}
