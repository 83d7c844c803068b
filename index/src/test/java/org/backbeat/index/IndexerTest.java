package org.backbeat.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.backbeat.core.DeadLetter;
import org.backbeat.core.KafkaProps;
import org.backbeat.core.ScoredPost;
import org.backbeat.core.Topic;
import org.backbeat.core.TopicAdmin;
import org.backbeat.core.Topics;
import org.backbeat.core.health.HealthStatus;
import org.backbeat.index.schema.EsClients;
import org.backbeat.index.schema.PostDocument;
import org.backbeat.index.schema.PostIndex;
import org.backbeat.index.testing.Fixtures;
import org.backbeat.index.testing.IndexedPosts;
import org.backbeat.index.testing.RealElasticsearch;
import org.backbeat.index.testing.TcpProxy;
import org.backbeat.infra.LocalKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

@ExtendWith(RealElasticsearch.class)
class IndexerTest {

    private static final List<ScoredPost> POSTS = Fixtures.posts();
    private static final Indexer.Options FAST = Indexer.Options.defaults()
            .withBackoff(Duration.ofMillis(100), Duration.ofMillis(500));
    private static final AtomicInteger RUN = new AtomicInteger();
    private static LocalKafka kafka;

    @BeforeAll
    static void startKafka(@TempDir Path dir) {
        kafka = LocalKafka.start(dir.resolve("kafka"), 0);
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void every_post_is_indexed_once_by_its_id_a_replay_overwrites_and_a_tombstone_deletes(ElasticsearchClient client) {
        // given twelve scored posts on the topic
        String name = "happy";
        Topics topics = topics(name);
        Topic<String, ScoredPost> topic = topics.scored();
        PostIndex index = index(client, name);
        IndexedPosts queries = new IndexedPosts(index);
        produce(topic, POSTS);

        try (Indexer indexer = new Indexer(kafka.bootstrapServers(), group(name), topic, topics.deadLetter(), index,
                FAST).start()) {
            // then each post is one document, under its post id, and the offsets are committed
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                index.refresh();
                assertThat(countByIds(client, index.alias(), POSTS)).isEqualTo(12);
                assertThat(queries.count()).isEqualTo(12);
            });
            await().untilAsserted(() -> assertThat(committed(group(name), topic)).isEqualTo(endOffsets(topic)));
            assertThat(queries.find("twitter:7").orElseThrow()).isEqualTo(PostDocument.from(POSTS.get(6)));

            // when the same post comes again, re-scored
            produce(topic, List.of(Fixtures.post("twitter:7", "2011-03-31T08:00:00Z", 0.5, "umg", "amazon")));

            // then it replaces the document: still one document per post
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(queries.find("twitter:7").orElseThrow().sentiment().score()).isEqualTo(0.5));
            index.refresh();
            assertThat(queries.count()).isEqualTo(12);

            // when a tombstone for it arrives
            produceTombstone(topic, "twitter:7");

            // then the document is gone
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(queries.find("twitter:7")).isEmpty());
            index.refresh();
            assertThat(queries.count()).isEqualTo(11);
            await().untilAsserted(() -> assertThat(committed(group(name), topic)).isEqualTo(endOffsets(topic)));
            assertThat(indexer.indexedCount()).isEqualTo(13);
            assertThat(indexer.deletedCount()).isEqualTo(1);
            assertThat(indexer.failedCount()).isZero();
            assertThat(indexer.lastSuccess()).isPresent();
            assertThat(indexer.state().state()).isEqualTo(Indexer.State.RUNNING);
            assertThat(indexer.healthCheck().check().up()).isTrue();
            assertThat(deadLetters(topics.deadLetter())).isEmpty();
        }
    }

    @Test
    void while_elasticsearch_is_down_nothing_is_committed_and_the_indexer_recovers_when_it_returns(
            ElasticsearchClient client, URI esUri) throws Exception {
        // given Elasticsearch reachable only through a proxy that is down
        String name = "outage";
        Topics topics = topics(name);
        Topic<String, ScoredPost> topic = topics.scored();
        PostIndex direct = index(client, name);
        produce(topic, POSTS);
        try (TcpProxy proxy = new TcpProxy(esUri);
             ElasticsearchClient viaProxy = EsClients.create(proxy.uri());
             Indexer indexer = new Indexer(kafka.bootstrapServers(), group(name), topic, topics.deadLetter(),
                     new PostIndex(viaProxy, direct.alias(), 0), FAST).start()) {

            // then the indexer says it is degraded, does not die, and commits nothing
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(indexer.state().state()).isEqualTo(Indexer.State.DEGRADED));
            HealthStatus health = indexer.healthCheck().check();
            assertThat(health.up()).isFalse();
            assertThat(health.detail()).contains("Elasticsearch unavailable");
            assertThat(committed(group(name), topic)).isEmpty();
            assertThat(indexer.indexedCount()).isZero();

            // when Elasticsearch comes back
            proxy.start();

            // then every post arrives, once, and only now are the offsets committed
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                direct.refresh();
                assertThat(countByIds(client, direct.alias(), POSTS)).isEqualTo(12);
            });
            await().untilAsserted(() -> assertThat(committed(group(name), topic)).isEqualTo(endOffsets(topic)));
            assertThat(new IndexedPosts(direct).count()).isEqualTo(12);
            assertThat(indexer.indexedCount()).isEqualTo(12);
            assertThat(indexer.state().state()).isEqualTo(Indexer.State.RUNNING);
            assertThat(deadLetters(topics.deadLetter())).isEmpty();
        }
    }

    @Test
    void a_document_elasticsearch_rejects_and_an_unreadable_record_are_counted_logged_and_dead_lettered(
            ElasticsearchClient client) throws Exception {
        // given a post whose date Elasticsearch cannot store, one whose id is longer than Elasticsearch allows
        // (it refuses the whole bulk request for it), a record that is not JSON, and two good posts
        String name = "rejects";
        Topics topics = topics(name);
        Topic<String, ScoredPost> topic = topics.scored();
        PostIndex index = index(client, name);
        ScoredPost farFuture = Fixtures.post("twitter:far", "2011-03-29T00:00:00Z", 0.1, "amazon");
        farFuture = ScoredPost.of(org.backbeat.core.Post.of("twitter:far", "twitter", Instant.parse("+300000000-01-01T00:00:00Z"),
                null, null, "from the far future", null, "en"), farFuture.sentiment(), farFuture.entities(),
                farFuture.model(), farFuture.scoredAt());
        ScoredPost longId = Fixtures.post("twitter:" + "9".repeat(600), "2011-03-29T10:00:00Z", 0.2, "amazon");
        produce(topic, List.of(POSTS.get(0), farFuture, longId));
        produceRaw(topic, "garbage:1", "this is not json".getBytes(StandardCharsets.UTF_8));
        produce(topic, List.of(POSTS.get(1)));

        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        // the package's logger: the indexer's collaborators (IndexBatch, BulkWriter) log under their own names
        Logger indexerLog = (Logger) LoggerFactory.getLogger(Indexer.class.getPackageName());
        indexerLog.addAppender(logs);
        try (Indexer indexer = new Indexer(kafka.bootstrapServers(), group(name), topic, topics.deadLetter(), index,
                FAST).start()) {
            // then the good posts are indexed, the three others counted as failed, and the batch is committed
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(indexer.failedCount()).isEqualTo(3);
                assertThat(committed(group(name), topic)).isEqualTo(endOffsets(topic));
            });
            index.refresh();
            assertThat(countByIds(client, index.alias(), POSTS.subList(0, 2))).isEqualTo(2);
            assertThat(indexer.indexedCount()).isEqualTo(2);
            assertThat(indexer.state().state()).isEqualTo(Indexer.State.RUNNING);

            // and each was logged with the reason
            List<String> errors = logs.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.ERROR)
                    .map(ILoggingEvent::getFormattedMessage).toList();
            assertThat(errors).anySatisfy(m -> assertThat(m).contains("Giving up on indexing twitter:far")
                    .contains("status 400").contains("publishedAt"));
            assertThat(errors).anySatisfy(m -> assertThat(m).contains("Skipping unreadable record").contains("garbage:1"));
            assertThat(errors).anySatisfy(m -> assertThat(m).contains("Giving up on indexing twitter:999")
                    .contains("is too long"));

            // and exactly those three are on the dead-letter topic, with their keys, payloads and reasons, written
            // before the offsets were committed (read once, no waiting)
            List<DeadLetter> letters = deadLetters(topics.deadLetter());
            assertThat(letters).extracting(DeadLetter::key)
                    .containsExactlyInAnyOrder(farFuture.id(), longId.id(), "garbage:1");
            Map<String, DeadLetter> dead = letters.stream().collect(Collectors.toMap(DeadLetter::key, d -> d));
            assertThat(dead.values()).allSatisfy(d -> {
                assertThat(d.stage()).isEqualTo("index");
                assertThat(d.sourceTopic()).isEqualTo(topic.name());
                assertThat(d.schemaVersion()).isEqualTo(DeadLetter.SCHEMA_VERSION);
                assertThat(d.failedAt()).isNotNull();
            });
            assertThat(dead.get(farFuture.id()).reason()).contains("status 400").contains("publishedAt");
            assertThat(dead.get(farFuture.id()).payload()).contains("from the far future");
            assertThat(dead.get(longId.id()).reason()).contains("is too long");
            assertThat(dead.get("garbage:1").reason()).contains("not a valid ScoredPost");
            assertThat(dead.get("garbage:1").payload()).isEqualTo("this is not json");
        } finally {
            indexerLog.detachAppender(logs);
        }
    }

    @Test
    void while_the_dead_letter_topic_refuses_writes_nothing_is_committed_and_the_batch_is_retried(
            ElasticsearchClient client) throws Exception {
        // given a dead-letter topic that refuses every record (all too large for it), an unreadable record and a post
        String name = "dlq-refuses";
        Topics topics = topics(name);
        Topic<String, ScoredPost> topic = topics.scored();
        PostIndex index = index(client, name);
        setMaxMessageBytes(topics.deadLetter(), 64);
        produceRaw(topic, "garbage:2", "not json either".getBytes(StandardCharsets.UTF_8));
        produce(topic, List.of(POSTS.get(0)));

        try (Indexer indexer = new Indexer(kafka.bootstrapServers(), group(name), topic, topics.deadLetter(), index,
                FAST).start()) {
            // then the indexer says it is degraded and commits nothing: the dead letter must not be lost
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(indexer.state().state()).isEqualTo(Indexer.State.DEGRADED));
            assertThat(indexer.healthCheck().check().detail()).contains("Dead letters not written")
                    .contains(topics.deadLetter().name());
            assertThat(committed(group(name), topic)).isEmpty();
            assertThat(indexer.failedCount()).isZero();

            // when the topic takes records again
            setMaxMessageBytes(topics.deadLetter(), 1024 * 1024);

            // then the dead letter is written, and only then is the batch committed
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(committed(group(name), topic)).isEqualTo(endOffsets(topic)));
            assertThat(deadLetters(topics.deadLetter())).extracting(DeadLetter::key).containsOnly("garbage:2");
            assertThat(indexer.failedCount()).isEqualTo(1);
            assertThat(indexer.indexedCount()).isEqualTo(1);
            assertThat(indexer.state().state()).isEqualTo(Indexer.State.RUNNING);
        }
    }

    // ----- helpers

    private static void setMaxMessageBytes(Topic<?, ?> topic, int bytes) throws Exception {
        try (Admin admin = Admin.create(KafkaProps.admin(kafka.bootstrapServers(), "test-admin"))) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
            AlterConfigOp set = new AlterConfigOp(new ConfigEntry("max.message.bytes", String.valueOf(bytes)),
                    AlterConfigOp.OpType.SET);
            admin.incrementalAlterConfigs(Map.of(resource, List.of(set))).all().get();
        }
    }

    private static Topics topics(String name) {
        String prefix = name + "-" + RUN.incrementAndGet();
        Topics topics = Topics.named(prefix + ".raw", prefix + ".scored", prefix + ".dlq", 3);
        TopicAdmin.ensureTopics(kafka.bootstrapServers(), topics, Duration.ofSeconds(30));
        return topics;
    }

    private static String group(String name) {
        return "test-indexer-" + name;
    }

    private static PostIndex index(ElasticsearchClient client, String name) {
        PostIndex index = new PostIndex(client, "test-indexer-" + name, 0);
        index.ensureCreated();
        return index;
    }

    private static long countByIds(ElasticsearchClient client, String index, List<ScoredPost> posts) throws IOException {
        List<String> ids = posts.stream().map(ScoredPost::id).toList();
        return client.count(c -> c.index(index).query(q -> q.ids(i -> i.values(ids)))).count();
    }

    /** Everything on the dead-letter topic right now: read from the start of each partition up to its end. */
    private static List<DeadLetter> deadLetters(Topic<String, DeadLetter> topic) {
        List<TopicPartition> partitions = IntStream.range(0, 3).mapToObj(p -> new TopicPartition(topic.name(), p)).toList();
        try (KafkaConsumer<String, DeadLetter> consumer = new KafkaConsumer<>(
                KafkaProps.consumer(kafka.bootstrapServers(), "test-dlq-reader"),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<DeadLetter> letters = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                assertThat(System.nanoTime()).as("reading " + topic.name() + " up to " + end).isLessThan(deadline);
                consumer.poll(Duration.ofMillis(200)).forEach(r -> letters.add(r.value()));
            }
            return letters;
        }
    }

    @Test
    void an_idle_indexer_commits_past_the_transaction_markers_of_an_exactly_once_producer(ElasticsearchClient client)
            throws Exception {
        // given posts written as the scoring stage writes them: in transactions, each ending in a commit marker
        String name = "transactional";
        Topics topics = topics(name);
        Topic<String, ScoredPost> topic = topics.scored();
        PostIndex index = index(client, name);
        produceInTransactions(topic, POSTS.subList(0, 6), POSTS.subList(6, 12));

        try (Indexer indexer = new Indexer(kafka.bootstrapServers(), group(name), topic, topics.deadLetter(), index,
                FAST).start()) {
            // then all twelve are indexed and, once idle, the committed offsets reach the end of the log, markers
            // included: the lag a user sees is 0, not 1 per partition
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(indexer.indexedCount()).isEqualTo(12));
            Map<TopicPartition, Long> ends = endOffsets(topic);
            long markers = ends.values().stream().mapToLong(Long::longValue).sum() - 12;
            assertThat(markers).as("commit markers take offsets").isPositive();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(committed(group(name), topic)).isEqualTo(ends));
        }
    }

    private static void produceInTransactions(Topic<String, ScoredPost> topic, List<ScoredPost> first, List<ScoredPost> second) {
        java.util.Properties props = KafkaProps.producer(kafka.bootstrapServers(), "test-tx-producer");
        props.put(org.apache.kafka.clients.producer.ProducerConfig.TRANSACTIONAL_ID_CONFIG, "indexer-test-" + RUN.incrementAndGet());
        try (var producer = new KafkaProducer<>(props, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            producer.initTransactions();
            for (List<ScoredPost> batch : List.of(first, second)) {
                producer.beginTransaction();
                for (ScoredPost p : batch) {
                    producer.send(new ProducerRecord<>(topic.name(), p.id(), p));
                }
                producer.commitTransaction();
            }
        }
    }

    private static void produce(Topic<String, ScoredPost> topic, List<ScoredPost> posts) {
        try (var producer = new KafkaProducer<>(KafkaProps.producer(kafka.bootstrapServers(), "test-producer"),
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            for (ScoredPost p : posts) {
                producer.send(new ProducerRecord<>(topic.name(), p.id(), p));
            }
        }
    }

    private static void produceTombstone(Topic<String, ScoredPost> topic, String id) {
        produceRaw(topic, id, null);
    }

    private static void produceRaw(Topic<String, ScoredPost> topic, String key, byte[] value) {
        try (var producer = new KafkaProducer<>(KafkaProps.producer(kafka.bootstrapServers(), "test-producer"),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, value));
        }
    }

    private static Map<TopicPartition, Long> committed(String group, Topic<String, ScoredPost> topic) throws Exception {
        try (Admin admin = Admin.create(KafkaProps.admin(kafka.bootstrapServers(), "test-admin"))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(topic.name()) && e.getValue() != null)
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }

    /** End offsets of the partitions that hold records (the group commits only partitions it has read). */
    private static Map<TopicPartition, Long> endOffsets(Topic<String, ScoredPost> topic) throws Exception {
        try (Admin admin = Admin.create(KafkaProps.admin(kafka.bootstrapServers(), "test-admin"))) {
            Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
            for (int p = 0; p < 3; p++) {
                request.put(new TopicPartition(topic.name(), p), OffsetSpec.latest());
            }
            return admin.listOffsets(request).all().get().entrySet().stream()
                    .filter(e -> e.getValue().offset() > 0)
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }
}
