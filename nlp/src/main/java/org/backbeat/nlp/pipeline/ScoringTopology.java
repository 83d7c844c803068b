package org.backbeat.nlp.pipeline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Properties;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.backbeat.core.DeadLetter;
import org.backbeat.core.JsonSerde;
import org.backbeat.core.Post;
import org.backbeat.core.ScoredPost;
import org.backbeat.core.Topic;
import org.backbeat.core.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * posts.raw → parse → drop identical re-sends → route by text → analyse (sentiment, entities, entity
 * sentiment, topics; a text already scored is not scored again) → posts.scored, with every record that
 * cannot be parsed or scored sent to posts.dlq with the reason. One bad record never stops the stream.
 *
 * <p>Routing: every version of a post travels under the text key ({@link PostAnalyzer#textKey}) of the
 * first version seen, through one repartition topic. Retweets and cross-posts of one text so meet in the
 * same task and its score cache, and the versions and the delete of one post stay in order.
 */
public final class ScoringTopology {

    private static final Logger log = LoggerFactory.getLogger(ScoringTopology.class);

    public static final String STAGE_PARSE = "parse";
    public static final String STAGE_SCORE = "score";
    /**
     * Post id → fingerprint of the last version seen and its route, at the time that version was written to
     * posts.raw; persistent, with a changelog, both kept for the dedupe horizon only.
     */
    public static final String SEEN_POSTS_STORE = "seen-posts-windowed";
    /** Text key → scores; in memory, bounded (least recently used out), no changelog: it is only a cache. */
    public static final String TEXT_SCORES_STORE = "text-scores";
    /** Texts the score cache holds per task. */
    public static final int DEFAULT_CACHE_SIZE = 20_000;
    /** How long a post is remembered to drop its identical re-sends. */
    public static final Duration DEFAULT_DEDUPE_HORIZON = Duration.ofDays(7);

    private ScoringTopology() {
    }

    /**
     * One record between the stages: a post to analyse, a delete ({@code post} and {@code deadLetter} null),
     * or a record that could not be parsed.
     *
     * @param recordKey  the key the record came with on posts.raw
     * @param postId     the post id (for a delete: the record key)
     * @param post       the parsed post, or null
     * @param deadLetter why the record failed, or null
     */
    public record Envelope(String recordKey, String postId, Post post, DeadLetter deadLetter) {
    }

    /** Last version seen of a post: its fingerprint and the key it was routed under. */
    public record Seen(String fingerprint, String route) {
    }

    /** What became of one record at the end. */
    sealed interface Outcome permits Scored, Deleted, Failed {
    }

    record Scored(ScoredPost post) implements Outcome {
    }

    record Deleted(String postId) implements Outcome {
    }

    record Failed(String key, DeadLetter letter) implements Outcome {
    }

    /**
     * The topology as {@link NlpService} runs it, for the service and its TopologyTestDriver tests alike: the
     * builder gets the app's own configuration ({@code streamsConfig}; a bare {@code StreamsBuilder()} would
     * build a default one), then {@link #buildTopology} adds the steps.
     */
    public static Topology topology(Properties streamsConfig, Topics topics, PostAnalyzer analyzer, Clock clock, int cacheSize,
            Duration dedupeHorizon) {
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(streamsConfig)));
        buildTopology(builder, topics, analyzer, clock, cacheSize, dedupeHorizon);
        return builder.build();
    }

    public static void buildTopology(StreamsBuilder builder, Topics topics, PostAnalyzer analyzer, Clock clock, int cacheSize,
            Duration dedupeHorizon) {
        Topic<String, Post> raw = topics.raw();
        Topic<String, ScoredPost> scored = topics.scored();
        Topic<String, DeadLetter> deadLetters = topics.deadLetter();
        JsonSerde<Envelope> envelopes = new JsonSerde<>(Envelope.class);
        DeadLetters letters = new DeadLetters(raw.name(), raw.valueSerde().serializer(), clock);

        // Retention = window size = the horizon: entries older than it are dropped a segment at a time, and
        // the changelog (compact,delete) keeps them as long, so neither grows with every post ever seen.
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(SEEN_POSTS_STORE, dedupeHorizon, dedupeHorizon, false),
                Serdes.String(), new JsonSerde<>(Seen.class)));
        StoreBuilder<KeyValueStore<String, TextScores>> cache = Stores.keyValueStoreBuilder(
                Stores.lruMap(TEXT_SCORES_STORE, cacheSize), Serdes.String(), new JsonSerde<>(TextScores.class))
                .withLoggingDisabled();
        builder.addStateStore(cache);

        // 1. Consume raw posts as bytes, so that bytes which are not a Post become a dead letter
        //    instead of a deserialisation error that stops the stream thread.
        KStream<String, byte[]> records = builder.stream(raw.name(),
                Consumed.with(raw.keySerde(), Serdes.ByteArray()).withName("raw-posts"));

        // 2. Parse; a record that is not a Post goes to posts.dlq under its own key, with the reason.
        Parser parser = new Parser(raw, letters);
        KStream<String, Envelope> parsed = records.mapValues(parser::parse, Named.as("parse"));
        parsed.filter((key, e) -> e.deadLetter() != null, Named.as("unparsable"))
                .mapValues(Envelope::deadLetter, Named.as("parse-dead-letter"))
                .to(deadLetters.name(), Produced.with(deadLetters.keySerde(), deadLetters.valueSerde()));
        KStream<String, Envelope> posts = parsed.filter((key, e) -> e.deadLetter() == null, Named.as("parsed"));

        // 3. Drop an identical re-send of a post already seen (a changed post passes), forget deleted
        //    posts, and key each post by its route: the text key of its first version.
        KStream<String, Envelope> routed = posts.process(() -> new DedupeAndRoute(raw.valueSerde().serializer(), analyzer, dedupeHorizon),
                Named.as("dedupe-and-route"), SEEN_POSTS_STORE);

        // 4. Through one repartition topic, so identical texts meet in one task.
        KStream<String, Envelope> byText = routed.repartition(
                Repartitioned.with(Serdes.String(), envelopes).withName("by-text"));

        // 5. Analyse: language gate, entities, topics, sentiment (from the cache when the text was scored).
        KStream<String, Outcome> outcomes = byText.processValues(() -> new Analyse(analyzer, letters),
                Named.as("analyse"), TEXT_SCORES_STORE);

        outcomes.split(Named.as("outcome-"))
                // 6a. Scored posts go to posts.scored keyed by post id.
                .branch((key, outcome) -> outcome instanceof Scored, Branched.withConsumer(stream -> stream
                        .map((key, outcome) -> KeyValue.pair(((Scored) outcome).post().id(), ((Scored) outcome).post()),
                                Named.as("key-by-post-id"))
                        .to(scored.name(), Produced.with(scored.keySerde(), scored.valueSerde())), "scored"))
                // 6b. Deletes pass on as tombstones keyed by post id, so a delete reaches the index.
                .branch((key, outcome) -> outcome instanceof Deleted, Branched.withConsumer(stream -> stream
                        .map((key, outcome) -> KeyValue.pair(((Deleted) outcome).postId(), (ScoredPost) null),
                                Named.as("tombstone"))
                        .to(scored.name(), Produced.with(scored.keySerde(), scored.valueSerde())), "deleted"))
                // 6c. Everything else could not be scored: a dead letter under its original key, with the reason.
                .defaultBranch(Branched.withConsumer(stream -> stream
                        .map((key, outcome) -> KeyValue.pair(((Failed) outcome).key(), ((Failed) outcome).letter()),
                                Named.as("dead-letter"))
                        .to(deadLetters.name(), Produced.with(deadLetters.keySerde(), deadLetters.valueSerde())), "failed"));
    }

    /** Builds dead letters, logging each. */
    private record DeadLetters(String sourceTopic, Serializer<Post> posts, Clock clock) {

        DeadLetter of(String stage, String key, String payload, String reason) {
            log.warn("Dead letter from {} at stage {}, key {}: {}", sourceTopic, stage, key, reason);
            return DeadLetter.of(stage, sourceTopic, key, payload, reason, clock.instant());
        }

        String payload(Post post) {
            return new String(posts.serialize(sourceTopic, post), StandardCharsets.UTF_8);
        }
    }

    /** Step 2: bytes to an envelope; never throws for a bad record. */
    private static final class Parser {

        private final String sourceTopic;
        private final Deserializer<Post> deserializer;
        private final DeadLetters letters;

        Parser(Topic<String, Post> raw, DeadLetters letters) {
            this.sourceTopic = raw.name();
            // The topic's own serde (bad bytes throw SerializationException with the parser's message),
            // so the topology accepts exactly what producers write.
            this.deserializer = raw.valueSerde().deserializer();
            this.letters = letters;
        }

        Envelope parse(String key, byte[] value) {
            if (value == null) {
                return key == null
                        ? failed(key, null, "tombstone without a key: nothing to delete")
                        : new Envelope(key, key, null, null);
            }
            try {
                Post post = deserializer.deserialize(sourceTopic, value);
                return post == null ? failed(key, value, "not a valid Post: JSON null") : new Envelope(key, post.id(), post, null);
            } catch (SerializationException e) {
                return failed(key, value, e.getMessage());
            }
        }

        private Envelope failed(String key, byte[] value, String reason) {
            String payload = value == null ? null : new String(value, StandardCharsets.UTF_8);
            return new Envelope(key, null, null, letters.of(STAGE_PARSE, key, payload, reason));
        }
    }

    /**
     * Step 3: drops identical re-sends and keys every version of a post by its first version's text key.
     * Remembers each post for {@code horizon} of record time (the time it was written to posts.raw): a
     * re-send older than that is no longer recognised and is scored again.
     */
    private static final class DedupeAndRoute implements Processor<String, Envelope, String, Envelope> {

        private final Serializer<Post> canonical;
        private final PostAnalyzer analyzer;
        private final long horizonMillis;
        private ProcessorContext<String, Envelope> context;
        private WindowStore<String, Seen> seen;

        DedupeAndRoute(Serializer<Post> canonical, PostAnalyzer analyzer, Duration horizon) {
            this.canonical = canonical;
            this.analyzer = analyzer;
            this.horizonMillis = horizon.toMillis();
        }

        @Override
        public void init(ProcessorContext<String, Envelope> context) {
            this.context = context;
            this.seen = context.getStateStore(SEEN_POSTS_STORE);
        }

        @Override
        public void process(Record<String, Envelope> record) {
            Envelope e = record.value();
            long at = record.timestamp();
            KeyValue<Long, Seen> last = latest(e.postId(), at);
            if (e.post() == null) {
                // A delete: forget the post, and follow its versions' route so it arrives after them.
                if (last != null) {
                    seen.put(e.postId(), null, last.key);
                }
                context.forward(record.withKey(last == null ? e.postId() : last.value.route()));
                return;
            }
            String fingerprint = fingerprint(canonical.serialize(null, e.post()));
            if (last != null && last.value.fingerprint().equals(fingerprint)) {
                return; // an identical re-send: scored already
            }
            String route = last != null ? last.value.route() : PostAnalyzer.textKey(analyzer.model(), e.post().fullText());
            if (last != null && last.key != at) {
                seen.put(e.postId(), null, last.key); // one entry per post: the latest version
            }
            if (at >= context.currentStreamTimeMs() - horizonMillis) {
                seen.put(e.postId(), new Seen(fingerprint, route), at); // older than the horizon: it would be dropped
            }
            context.forward(record.withKey(route));
        }

        /** The entry of the post's latest version within the horizon before {@code at} (or after it), or null. */
        private KeyValue<Long, Seen> latest(String postId, long at) {
            KeyValue<Long, Seen> latest = null;
            try (WindowStoreIterator<Seen> entries = seen.fetch(postId, Math.max(0, at - horizonMillis), Long.MAX_VALUE)) {
                while (entries.hasNext()) {
                    latest = entries.next();
                }
            }
            return latest;
        }
    }

    /** Step 5: analyses posts with the per-task score cache; deletes and failures pass through. */
    private static final class Analyse implements FixedKeyProcessor<String, Envelope, Outcome> {

        private final PostAnalyzer analyzer;
        private final DeadLetters letters;
        private FixedKeyProcessorContext<String, Outcome> context;
        private ScoreCache cache;

        Analyse(PostAnalyzer analyzer, DeadLetters letters) {
            this.analyzer = analyzer;
            this.letters = letters;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, Outcome> context) {
            this.context = context;
            KeyValueStore<String, TextScores> store = context.getStateStore(TEXT_SCORES_STORE);
            this.cache = new ScoreCache() {
                @Override
                public TextScores get(String key) {
                    return store.get(key);
                }

                @Override
                public void put(String key, TextScores scores) {
                    store.put(key, scores);
                }
            };
        }

        @Override
        public void process(FixedKeyRecord<String, Envelope> record) {
            context.forward(record.withValue(outcome(record.value())));
        }

        private Outcome outcome(Envelope e) {
            if (e.deadLetter() != null) {
                return new Failed(e.recordKey(), e.deadLetter());
            }
            if (e.post() == null) {
                return new Deleted(e.postId());
            }
            try {
                return new Scored(analyzer.analyse(e.post(), cache));
            } catch (RuntimeException | StackOverflowError err) {
                // A deeply nested parse can overflow the stack: that is this record's problem, not the stream's.
                return new Failed(e.recordKey(), letters.of(STAGE_SCORE, e.recordKey(), letters.payload(e.post()), describe(err)));
            }
        }

        private static String describe(Throwable e) {
            return e.getMessage() == null ? e.getClass().getName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /** 128 bits of SHA-256 of the post's canonical JSON, hex. */
    static String fingerprint(byte[] canonicalJson) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonicalJson), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
