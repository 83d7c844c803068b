package org.backbeat.nlp;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.backbeat.core.Catalogue;
import org.backbeat.core.DeadLetter;
import org.backbeat.core.Post;
import org.backbeat.core.ScoredPost;
import org.backbeat.core.Sentiment;
import org.backbeat.core.Topic;
import org.backbeat.core.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * posts.raw → parse → score sentiment, tag catalogue entities → posts.scored, with every record that
 * cannot be parsed or scored sent to posts.dlq with the reason. One bad record never stops the stream.
 */
public final class ScoringTopology {

    private static final Logger log = LoggerFactory.getLogger(ScoringTopology.class);

    public static final String STAGE_PARSE = "parse";
    public static final String STAGE_SCORE = "score";

    private ScoringTopology() {
    }

    /** What became of one raw record. */
    sealed interface Outcome permits Scored, Deleted, Failed {
    }

    /** Scored, to be written keyed by its post id. */
    record Scored(ScoredPost post) implements Outcome {
    }

    /** A tombstone: the post was deleted upstream, and the delete flows on. */
    record Deleted() implements Outcome {
    }

    /** Could not be parsed or scored. */
    record Failed(DeadLetter letter) implements Outcome {
    }

    public static void buildTopology(StreamsBuilder builder, Topics topics, Catalogue catalogue, Scorer scorer, Clock clock) {
        Topic<String, Post> raw = topics.raw();
        Topic<String, ScoredPost> scored = topics.scored();
        Topic<String, DeadLetter> deadLetters = topics.deadLetter();
        RecordScorer scoring = new RecordScorer(raw, catalogue, scorer, clock);

        // 1. Consume raw posts as bytes, so that bytes which are not a Post become a dead letter
        //    instead of a deserialisation error that stops the stream thread.
        KStream<String, byte[]> records = builder.stream(raw.name(),
                Consumed.with(raw.keySerde(), Serdes.ByteArray()).withName("raw-posts"));

        // 2. Parse, score the sentiment and tag the entities of each record; failures become outcomes too.
        KStream<String, Outcome> outcomes = records.mapValues(scoring::process, Named.as("parse-and-score"));

        outcomes.split(Named.as("outcome-"))
                // 3a. Scored posts go to posts.scored keyed by post id (re-keyed if the record key differed).
                .branch((key, outcome) -> outcome instanceof Scored, Branched.withConsumer(stream -> stream
                        .map((key, outcome) -> {
                            ScoredPost post = ((Scored) outcome).post();
                            return KeyValue.pair(post.id(), post);
                        }, Named.as("key-by-post-id"))
                        .to(scored.name(), Produced.with(scored.keySerde(), scored.valueSerde())), "scored"))
                // 3b. Tombstones pass on as tombstones, so a delete reaches the index.
                .branch((key, outcome) -> outcome instanceof Deleted, Branched.withConsumer(stream -> stream
                        .mapValues(outcome -> (ScoredPost) null, Named.as("tombstone"))
                        .to(scored.name(), Produced.with(scored.keySerde(), scored.valueSerde())), "deleted"))
                // 3c. Everything else is a dead letter, with the stage that gave up and why.
                .defaultBranch(Branched.withConsumer(stream -> stream
                        .mapValues(outcome -> ((Failed) outcome).letter(), Named.as("dead-letter"))
                        .to(deadLetters.name(), Produced.with(deadLetters.keySerde(), deadLetters.valueSerde())), "failed"));
    }

    /** Parses and scores one record; never throws for a bad record. */
    private static final class RecordScorer {

        private final String sourceTopic;
        private final Deserializer<Post> parser;
        private final Catalogue catalogue;
        private final Scorer scorer;
        private final Clock clock;

        RecordScorer(Topic<String, Post> raw, Catalogue catalogue, Scorer scorer, Clock clock) {
            this.sourceTopic = raw.name();
            // The topic's own serde (a JsonSerde: bad bytes throw SerializationException with the parser's
            // message), so the topology accepts exactly what producers write.
            this.parser = raw.valueSerde().deserializer();
            this.catalogue = catalogue;
            this.scorer = scorer;
            this.clock = clock;
        }

        Outcome process(String key, byte[] value) {
            if (value == null) {
                return key == null ? failed(STAGE_PARSE, key, null, "tombstone without a key: nothing to delete") : new Deleted();
            }
            Post post;
            try {
                post = parser.deserialize(sourceTopic, value);
            } catch (SerializationException e) {
                return failed(STAGE_PARSE, key, value, e.getMessage());
            }
            if (post == null) {
                return failed(STAGE_PARSE, key, value, "not a valid Post: JSON null");
            }
            try {
                String text = post.fullText();
                Sentiment sentiment = scorer.score(text);
                List<String> entities = catalogue.match(text);
                return new Scored(ScoredPost.of(post, sentiment, entities, scorer.model(), clock.instant()));
            } catch (RuntimeException | StackOverflowError e) {
                // A deeply nested parse can overflow the stack: that is this record's problem, not the stream's.
                return failed(STAGE_SCORE, key, value, describe(e));
            }
        }

        private Failed failed(String stage, String key, byte[] value, String reason) {
            log.warn("Dead letter from {} at stage {}, key {}: {}", sourceTopic, stage, key, reason);
            String payload = value == null ? null : new String(value, StandardCharsets.UTF_8);
            return new Failed(DeadLetter.of(stage, sourceTopic, key, payload, reason, clock.instant()));
        }

        private static String describe(Throwable e) {
            return e.getMessage() == null ? e.getClass().getName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
