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
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.backbeat.core.DeadLetter;
import org.backbeat.core.Post;
import org.backbeat.core.ScoredPost;
import org.backbeat.core.Topic;
import org.backbeat.core.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * posts.raw → parse → drop identical re-sends → analyse (sentiment, entities, entity sentiment, topics; a
 * text already scored is not scored again) → posts.scored, with every record that cannot be parsed or
 * scored sent to posts.dlq with the reason. One bad record never stops the stream.
 *
 * <p>One sub-topology, no repartition: every record is analysed in the task of its posts.raw partition,
 * so the versions and the delete of one post (one key) stay in order. Retweets and cross-posts of one text
 * meet in the {@link ScoreCache} the caller passes, which every task and stream thread of the process share.
 */
public final class ScoringTopology {

    private static final Logger log = LoggerFactory.getLogger(ScoringTopology.class);

    public static final String STAGE_PARSE = "parse";
    public static final String STAGE_SCORE = "score";
    /**
     * Post id → fingerprint of the last version seen, at the time that version was written to posts.raw;
     * persistent, with a changelog, both kept for the dedupe horizon only.
     */
    public static final String SEEN_POSTS_STORE = "seen-posts-windowed";
    /** Texts the score cache of one process holds. */
    public static final int DEFAULT_CACHE_SIZE = 100_000;
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
    public static Topology topology(Properties streamsConfig, Topics topics, PostAnalyzer analyzer, Clock clock, ScoreCache cache,
            Duration dedupeHorizon) {
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(streamsConfig)));
        buildTopology(builder, topics, analyzer, clock, cache, dedupeHorizon);
        return builder.build();
    }

    public static void buildTopology(StreamsBuilder builder, Topics topics, PostAnalyzer analyzer, Clock clock, ScoreCache cache,
            Duration dedupeHorizon) {
        Topic<String, Post> raw = topics.raw();
        Topic<String, ScoredPost> scored = topics.scored();
        Topic<String, DeadLetter> deadLetters = topics.deadLetter();
        DeadLetters letters = new DeadLetters(raw.name(), raw.valueSerde().serializer(), clock);

        // Retention = window size = the horizon: entries older than it are dropped a segment at a time, and
        // the changelog (compact,delete) keeps them as long, so neither grows with every post ever seen.
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(SEEN_POSTS_STORE, dedupeHorizon, dedupeHorizon, false),
                Serdes.String(), Serdes.String()));

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

        // 3. Drop an identical re-send of a post seen within the horizon (a changed post passes), and
        //    forget deleted posts.
        KStream<String, Envelope> fresh = posts.processValues(() -> new Dedupe(raw.valueSerde().serializer(), dedupeHorizon),
                Named.as("dedupe"), SEEN_POSTS_STORE);

        // 4. Analyse: language gate, entities, topics, sentiment (from the cache when the text was scored).
        KStream<String, Outcome> outcomes = fresh.processValues(() -> new Analyse(analyzer, letters, cache), Named.as("analyse"));

        outcomes.split(Named.as("outcome-"))
                // 5a. Scored posts go to posts.scored keyed by post id.
                .branch((key, outcome) -> outcome instanceof Scored, Branched.withConsumer(stream -> stream
                        .map((key, outcome) -> KeyValue.pair(((Scored) outcome).post().id(), ((Scored) outcome).post()),
                                Named.as("key-by-post-id"))
                        .to(scored.name(), Produced.with(scored.keySerde(), scored.valueSerde())), "scored"))
                // 5b. Deletes pass on as tombstones keyed by post id, so a delete reaches the index.
                .branch((key, outcome) -> outcome instanceof Deleted, Branched.withConsumer(stream -> stream
                        .map((key, outcome) -> KeyValue.pair(((Deleted) outcome).postId(), (ScoredPost) null),
                                Named.as("tombstone"))
                        .to(scored.name(), Produced.with(scored.keySerde(), scored.valueSerde())), "deleted"))
                // 5c. Everything else could not be scored: a dead letter under its original key, with the reason.
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
     * Step 3: drops identical re-sends. Remembers the fingerprint of each post's latest version for
     * {@code horizon} of record time (the time it was written to posts.raw): a re-send older than that is no
     * longer recognised and is analysed again.
     */
    private static final class Dedupe implements FixedKeyProcessor<String, Envelope, Envelope> {

        private final Serializer<Post> canonical;
        private final long horizonMillis;
        private FixedKeyProcessorContext<String, Envelope> context;
        private WindowStore<String, String> seen;

        Dedupe(Serializer<Post> canonical, Duration horizon) {
            this.canonical = canonical;
            this.horizonMillis = horizon.toMillis();
        }

        @Override
        public void init(FixedKeyProcessorContext<String, Envelope> context) {
            this.context = context;
            this.seen = context.getStateStore(SEEN_POSTS_STORE);
        }

        @Override
        public void process(FixedKeyRecord<String, Envelope> record) {
            Envelope e = record.value();
            long at = record.timestamp();
            KeyValue<Long, String> last = latest(e.postId(), at);
            if (e.post() == null) {
                // A delete: forget the post, so that a later re-send is analysed again.
                if (last != null) {
                    seen.put(e.postId(), null, last.key);
                }
                context.forward(record);
                return;
            }
            String fingerprint = fingerprint(canonical.serialize(null, e.post()));
            if (last != null && last.value.equals(fingerprint)) {
                return; // an identical re-send: analysed already
            }
            if (last != null && last.key != at) {
                seen.put(e.postId(), null, last.key); // one entry per post: its latest version
            }
            if (at >= context.currentStreamTimeMs() - horizonMillis) { // an older one would be dropped anyway
                seen.put(e.postId(), fingerprint, at);
            }
            context.forward(record);
        }

        /** The entry of the post's latest version from the horizon before {@code at} on, or null. */
        private KeyValue<Long, String> latest(String postId, long at) {
            KeyValue<Long, String> latest = null;
            try (WindowStoreIterator<String> entries = seen.fetch(postId, Math.max(0, at - horizonMillis), Long.MAX_VALUE)) {
                while (entries.hasNext()) {
                    latest = entries.next();
                }
            }
            return latest;
        }
    }

    /** Step 4: analyses posts with the shared score cache; deletes and failures pass through. */
    private static final class Analyse implements FixedKeyProcessor<String, Envelope, Outcome> {

        private final PostAnalyzer analyzer;
        private final DeadLetters letters;
        private final ScoreCache cache;
        private FixedKeyProcessorContext<String, Outcome> context;

        Analyse(PostAnalyzer analyzer, DeadLetters letters, ScoreCache cache) {
            this.analyzer = analyzer;
            this.letters = letters;
            this.cache = cache;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, Outcome> context) {
            this.context = context;
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
