package org.backbeat.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.backbeat.core.Catalogue;
import org.backbeat.core.DeadLetter;
import org.backbeat.core.KafkaProps;
import org.backbeat.core.Post;
import org.backbeat.core.ScoredPost;
import org.backbeat.core.Sentiment;
import org.backbeat.core.SentimentLabel;
import org.backbeat.core.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoringTopologyTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final String EXPLODE = "EXPLODE";

    /** The real scorer (loading takes seconds: once for the class), failing on purpose for one marker text. */
    private static Scorer scorer;

    private final Topics topics = Topics.withPartitions(1);
    private final Catalogue catalogue = Catalogue.defaults();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> raw;
    private TestOutputTopic<String, ScoredPost> scored;
    private TestOutputTopic<String, DeadLetter> deadLetters;

    @BeforeAll
    static void loadScorer() {
        CoreNlpScorer real = CoreNlpScorer.load();
        scorer = new Scorer() {
            @Override
            public Sentiment score(String text) {
                if (text.contains(EXPLODE)) {
                    throw new IllegalStateException("scorer blew up on purpose");
                }
                return real.score(text);
            }

            @Override
            public String model() {
                return real.model();
            }
        };
    }

    @BeforeEach
    void startDriver() {
        StreamsBuilder builder = new StreamsBuilder();
        ScoringTopology.buildTopology(builder, topics, catalogue, scorer, clock);
        driver = new TopologyTestDriver(builder.build(), KafkaProps.streams("dummy:9092", "backbeat-nlp-test", stateDir, 1));
        raw = driver.createInputTopic(topics.raw().name(), new StringSerializer(), new ByteArraySerializer());
        scored = driver.createOutputTopic(topics.scored().name(), new StringDeserializer(), topics.scored().valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(topics.deadLetter().name(), new StringDeserializer(), topics.deadLetter().valueSerde().deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    private static Post post(String id, String headline, String text) {
        return Post.of(id, "twitter", Instant.parse("2011-03-29T14:05:00Z"), "fan42", headline, text, null, "en");
    }

    private void send(String key, Post post) {
        raw.pipeInput(key, topics.raw().valueSerde().serializer().serialize(topics.raw().name(), post));
    }

    @Test
    void a_good_post_is_scored_with_its_catalogue_entities() {
        Post post = post("twitter:1", null, "I love Amazon Cloud Player, the best music service I have ever used.");

        send("twitter:1", post);

        KeyValue<String, ScoredPost> out = scored.readKeyValue();
        assertThat(out.key).isEqualTo("twitter:1");
        assertThat(out.value.post()).isEqualTo(post);
        assertThat(out.value.entities()).containsExactly("amazon", "amazon-cloud-player");
        assertThat(out.value.sentiment()).isEqualTo(scorer.score(post.fullText()));
        assertThat(out.value.model()).isEqualTo("corenlp-4.5.10/sr/sentiment");
        assertThat(out.value.scoredAt()).isEqualTo(NOW);
        assertThat(out.value.schemaVersion()).isEqualTo(ScoredPost.SCHEMA_VERSION);
        assertThat(scored.isEmpty()).isTrue();
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void the_headline_is_scored_and_tagged_with_the_body() {
        Post post = post("rss:abc", "Universal Music sues Grooveshark", "The label says the service is a disaster for artists.");

        send("rss:abc", post);

        ScoredPost out = scored.readValue();
        assertThat(out.entities()).containsExactly("umg", "grooveshark");
        assertThat(out.sentiment()).isEqualTo(scorer.score("Universal Music sues Grooveshark. The label says the service is a disaster for artists."));
    }

    @Test
    void a_poison_record_becomes_a_parse_dead_letter_and_the_next_post_is_still_scored() {
        raw.pipeInput("twitter:2", "{\"id\": \"twitter:2\", oops".getBytes(StandardCharsets.UTF_8));
        send("twitter:3", post("twitter:3", null, "Spotify is great."));

        KeyValue<String, DeadLetter> dead = deadLetters.readKeyValue();
        assertThat(dead.key).isEqualTo("twitter:2");
        assertThat(dead.value.stage()).isEqualTo("parse");
        assertThat(dead.value.sourceTopic()).isEqualTo("posts.raw");
        assertThat(dead.value.key()).isEqualTo("twitter:2");
        assertThat(dead.value.payload()).isEqualTo("{\"id\": \"twitter:2\", oops");
        assertThat(dead.value.reason()).startsWith("not a valid Post: ").contains("Unexpected character");
        assertThat(dead.value.failedAt()).isEqualTo(NOW);
        assertThat(dead.value.schemaVersion()).isEqualTo(DeadLetter.SCHEMA_VERSION);

        KeyValue<String, ScoredPost> next = scored.readKeyValue();
        assertThat(next.key).isEqualTo("twitter:3");
        assertThat(next.value.entities()).containsExactly("spotify");
        assertThat(scored.isEmpty()).isTrue();
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void json_that_breaks_the_post_contract_is_a_parse_dead_letter_with_the_reason() {
        String noId = "{\"schemaVersion\":1,\"source\":\"twitter\",\"publishedAt\":\"2011-03-30T00:00:00Z\",\"text\":\"hi\"}";

        raw.pipeInput("twitter:4", noId.getBytes(StandardCharsets.UTF_8));

        DeadLetter dead = deadLetters.readValue();
        assertThat(dead.stage()).isEqualTo("parse");
        assertThat(dead.reason()).contains("id must not be blank");
        assertThat(dead.payload()).isEqualTo(noId);
        assertThat(scored.isEmpty()).isTrue();
    }

    @Test
    void a_scoring_failure_becomes_a_score_dead_letter_and_the_next_post_is_still_scored() {
        Post bad = post("twitter:5", null, "This one will " + EXPLODE + ".");
        send("twitter:5", bad);
        send("twitter:6", post("twitter:6", null, "Google Music looks fine."));

        KeyValue<String, DeadLetter> dead = deadLetters.readKeyValue();
        assertThat(dead.key).isEqualTo("twitter:5");
        assertThat(dead.value.stage()).isEqualTo("score");
        assertThat(dead.value.reason()).isEqualTo("IllegalStateException: scorer blew up on purpose");
        assertThat(topics.raw().valueSerde().deserializer()
                .deserialize("posts.raw", dead.value.payload().getBytes(StandardCharsets.UTF_8))).isEqualTo(bad);
        assertThat(dead.value.failedAt()).isEqualTo(NOW);

        ScoredPost next = scored.readValue();
        assertThat(next.id()).isEqualTo("twitter:6");
        assertThat(next.entities()).containsExactly("google", "google-music");
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void a_blank_post_cannot_be_scored_and_says_so() {
        send("twitter:7", post("twitter:7", null, "   "));

        DeadLetter dead = deadLetters.readValue();
        assertThat(dead.stage()).isEqualTo("score");
        assertThat(dead.reason()).isEqualTo("IllegalArgumentException: nothing to score");
        assertThat(scored.isEmpty()).isTrue();
    }

    @Test
    void a_tombstone_passes_through_as_a_tombstone() {
        raw.pipeInput("twitter:8", (byte[]) null);

        KeyValue<String, ScoredPost> out = scored.readKeyValue();
        assertThat(out.key).isEqualTo("twitter:8");
        assertThat(out.value).isNull();
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void a_tombstone_without_a_key_deletes_nothing_and_is_a_dead_letter() {
        raw.pipeInput((String) null, (byte[]) null);

        DeadLetter dead = deadLetters.readValue();
        assertThat(dead.stage()).isEqualTo("parse");
        assertThat(dead.key()).isNull();
        assertThat(dead.payload()).isNull();
        assertThat(dead.reason()).isEqualTo("tombstone without a key: nothing to delete");
        assertThat(scored.isEmpty()).isTrue();
    }

    @Test
    void a_post_under_a_different_key_is_rekeyed_by_its_id() {
        send("stale-key", post("twitter:9", null, "Pandora plays music."));

        KeyValue<String, ScoredPost> out = scored.readKeyValue();
        assertThat(out.key).isEqualTo("twitter:9");
        assertThat(out.value.id()).isEqualTo("twitter:9");
    }

    @Test
    void records_keep_their_order_and_each_lands_on_exactly_one_topic() {
        send("twitter:10", post("twitter:10", null, "It is awful."));
        raw.pipeInput("twitter:11", "not json at all".getBytes(StandardCharsets.UTF_8));
        raw.pipeInput("twitter:12", (byte[]) null);
        send("twitter:13", post("twitter:13", null, "I love it."));

        List<KeyValue<String, ScoredPost>> out = scored.readKeyValuesToList();
        assertThat(out).extracting(kv -> kv.key).containsExactly("twitter:10", "twitter:12", "twitter:13");
        assertThat(out.get(0).value.sentiment().label()).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(out.get(1).value).isNull();
        assertThat(out.get(2).value.sentiment().label()).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(deadLetters.readValuesToList()).extracting(DeadLetter::key).containsExactly("twitter:11");
    }
}
