package org.backbeat.nlp.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;
import org.backbeat.core.Catalogue;
import org.backbeat.core.DeadLetter;
import org.backbeat.core.Engagement;
import org.backbeat.core.EntitySentiment;
import org.backbeat.core.Post;
import org.backbeat.core.ScoredPost;
import org.backbeat.core.SentimentLabel;
import org.backbeat.core.Settings;
import org.backbeat.core.TopicMatch;
import org.backbeat.core.Topics;
import org.backbeat.nlp.sentiment.CountingScorer;
import org.backbeat.nlp.topics.TopicTaxonomy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scoring topology on TopologyTestDriver, with a scorer that counts its calls. */
class ScoringTopologyTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    private final Topics topics = Topics.withPartitions(1);
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final CountingScorer scorer = new CountingScorer();
    private final PostAnalyzer analyzer = PostAnalyzer.standard(Catalogue.defaults(), scorer, clock);

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> raw;
    private TestOutputTopic<String, ScoredPost> scored;
    private TestOutputTopic<String, DeadLetter> deadLetters;

    @BeforeEach
    void startDriver() {
        // built as NlpService builds it: the same Streams configuration, the same topology method
        NlpConfig config = new NlpConfig("backbeat-nlp-test", 1, stateDir);
        Properties props = NlpService.streamsProperties("dummy:9092", config);
        driver = new TopologyTestDriver(ScoringTopology.topology(props, topics, analyzer, clock, ScoreCache.lru(config.cacheSize()),
                config.dedupeHorizon()), props);
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

    /** Sends the post as written to posts.raw at {@code at} (its record time, which the dedupe horizon counts in). */
    private void send(Post post, Instant at) {
        raw.pipeInput(post.id(), topics.raw().valueSerde().serializer().serialize(topics.raw().name(), post), at);
    }

    /** The post ids the seen-posts store holds, with the record time of each entry. */
    private List<KeyValue<String, Instant>> seenPosts() {
        WindowStore<String, String> store = driver.getWindowStore(ScoringTopology.SEEN_POSTS_STORE);
        try (KeyValueIterator<Windowed<String>, String> all = store.all()) {
            List<KeyValue<String, Instant>> out = new ArrayList<>();
            all.forEachRemaining(kv -> out.add(KeyValue.pair(kv.key.key(), kv.key.window().startTime())));
            return out;
        }
    }

    @Test
    void a_good_post_is_scored_with_entities_entity_sentiment_topics_and_versions() {
        Post post = post("twitter:1", null, "I love Amazon Cloud Player. iTunes Match is awful and costs $25 a year.");

        send("twitter:1", post);

        KeyValue<String, ScoredPost> out = scored.readKeyValue();
        assertThat(out.key).isEqualTo("twitter:1");
        assertThat(out.value.post()).isEqualTo(post);
        assertThat(out.value.entities()).containsExactly("amazon", "amazon-cloud-player", "apple", "itunes-match");
        assertThat(out.value.entitySentiments()).containsExactly(
                new EntitySentiment("amazon", CountingScorer.POSITIVE, List.of("Amazon Cloud Player")),
                new EntitySentiment("amazon-cloud-player", CountingScorer.POSITIVE, List.of("Amazon Cloud Player")),
                new EntitySentiment("apple", CountingScorer.NEGATIVE, List.of("iTunes Match")),
                new EntitySentiment("itunes-match", CountingScorer.NEGATIVE, List.of("iTunes Match")));
        assertThat(out.value.topics()).containsExactly(
                new TopicMatch("cloud-locker", List.of("Cloud Player", "iTunes Match")),
                new TopicMatch("pricing", List.of("costs", "$25", "a year")));
        assertThat(out.value.sentiment()).isEqualTo(CountingScorer.NEUTRAL);
        assertThat(out.value.model()).isEqualTo("counting-test");
        assertThat(out.value.taxonomyVersion()).isEqualTo(TopicTaxonomy.defaults().version());
        assertThat(out.value.scoredAt()).isEqualTo(NOW);
        assertThat(out.value.schemaVersion()).isEqualTo(ScoredPost.SCHEMA_VERSION);
        assertThat(scored.isEmpty()).isTrue();
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void an_identical_resend_is_dropped_and_a_changed_post_passes_without_rescoring_its_text() {
        Post post = post("twitter:2", null, "Spotify is great.");
        Post moreLikes = post.withEngagement(new Engagement(10L, 2L, 1L, null));

        send("twitter:2", post);
        send("twitter:2", post);
        send("twitter:2", moreLikes);

        List<ScoredPost> out = scored.readValuesToList();
        assertThat(out).extracting(ScoredPost::post).containsExactly(post, moreLikes);
        assertThat(scorer.calls()).isEqualTo(1);
    }

    @Test
    void a_resend_within_the_dedupe_horizon_is_dropped_and_one_after_it_is_scored_again() {
        Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
        Post post = post("twitter:20", null, "Tidal is great.");

        send(post, t0);
        send(post, t0.plus(Duration.ofDays(6)));                  // inside the 7 days: a duplicate
        send(post, t0.plus(Duration.ofDays(7)).plusSeconds(1));   // past them: no longer recognised

        assertThat(NlpConfig.from(Settings.of(Map.of())).dedupeHorizon()).isEqualTo(Duration.ofDays(7));
        assertThat(scored.readValuesToList()).extracting(ScoredPost::post).containsExactly(post, post);
        assertThat(seenPosts()).contains(KeyValue.pair("twitter:20", t0.plus(Duration.ofDays(7)).plusSeconds(1)))
                .doesNotContain(KeyValue.pair("twitter:20", t0.plus(Duration.ofDays(6))));
    }

    @Test
    void entries_older_than_the_horizon_leave_the_seen_posts_store_as_record_time_moves_on() {
        Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
        send(post("twitter:21", null, "Deezer is fine."), t0);
        send(post("twitter:22", null, "Napster is back."), t0.plus(Duration.ofDays(1)));
        send(post("twitter:23", null, "Rdio is gone."), t0.plus(Duration.ofDays(5)));
        assertThat(seenPosts()).extracting(kv -> kv.key).containsExactlyInAnyOrder("twitter:21", "twitter:22", "twitter:23");

        // Record time 12 days on: the horizon starts at day 5, so the segments (half a horizon long) that hold
        // days 0 and 1 lie wholly before it and are dropped; day 5's may stay until it does too.
        send(post("twitter:24", null, "Pandora plays music."), t0.plus(Duration.ofDays(12)));

        assertThat(seenPosts()).extracting(kv -> kv.key).doesNotContain("twitter:21", "twitter:22").contains("twitter:24");
        assertThat(scored.readValuesToList()).extracting(ScoredPost::id)
                .containsExactly("twitter:21", "twitter:22", "twitter:23", "twitter:24");
    }

    @Test
    void a_retweet_of_a_scored_text_reuses_the_cached_score() {
        Post original = post("twitter:3", null, "I love the new   Pandora app");
        Post retweet = post("twitter:4", null, "RT @fan99: I love the new Pandora app").withLinks(null, "twitter:3", null);
        Post other = post("twitter:5", null, "Pandora crashed again");

        send("twitter:3", original);
        send("twitter:4", retweet);
        send("twitter:5", other);

        List<ScoredPost> out = scored.readValuesToList();
        assertThat(out).extracting(ScoredPost::id).containsExactly("twitter:3", "twitter:4", "twitter:5");
        assertThat(out.get(1).sentiment()).isEqualTo(CountingScorer.POSITIVE);
        assertThat(out.get(1).entitySentiments()).containsExactly(
                new EntitySentiment("pandora", CountingScorer.POSITIVE, List.of("Pandora")));
        assertThat(out.get(2).sentiment()).isEqualTo(CountingScorer.NEGATIVE);
        assertThat(scorer.analyseCalls.get()).isEqualTo(2);
    }

    @Test
    void a_post_in_another_language_is_kept_unscored_with_its_entities_and_topics() {
        Post german = Post.of("mastodon:6", "mastodon", Instant.parse("2011-03-29T14:05:00Z"), "fan", null,
                "Universal Music verklagt Grooveshark #piracy", null, "de");

        send("mastodon:6", german);

        ScoredPost out = scored.readValue();
        assertThat(out.isScored()).isFalse();
        assertThat(out.unscoredReason()).isEqualTo("language de is not scored: the model reads en only");
        assertThat(out.entities()).containsExactly("umg", "grooveshark");
        assertThat(out.topics()).containsExactly(new TopicMatch("piracy", List.of("#piracy")));
        assertThat(out.model()).isEqualTo("counting-test");
        assertThat(scorer.calls()).isZero();
    }

    @Test
    void a_poison_record_becomes_a_parse_dead_letter_and_the_next_post_is_still_scored() {
        raw.pipeInput("twitter:7", "{\"id\": \"twitter:7\", oops".getBytes(StandardCharsets.UTF_8));
        send("twitter:8", post("twitter:8", null, "Spotify is great."));

        KeyValue<String, DeadLetter> dead = deadLetters.readKeyValue();
        assertThat(dead.key).isEqualTo("twitter:7");
        assertThat(dead.value.stage()).isEqualTo("parse");
        assertThat(dead.value.sourceTopic()).isEqualTo("posts.raw");
        assertThat(dead.value.key()).isEqualTo("twitter:7");
        assertThat(dead.value.payload()).isEqualTo("{\"id\": \"twitter:7\", oops");
        assertThat(dead.value.reason()).startsWith("not a valid Post: ").contains("Unexpected character");
        assertThat(dead.value.failedAt()).isEqualTo(NOW);

        KeyValue<String, ScoredPost> next = scored.readKeyValue();
        assertThat(next.key).isEqualTo("twitter:8");
        assertThat(next.value.entities()).containsExactly("spotify");
        assertThat(scored.isEmpty()).isTrue();
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void json_that_breaks_the_post_contract_is_a_parse_dead_letter_with_the_reason() {
        String noId = "{\"schemaVersion\":1,\"source\":\"twitter\",\"publishedAt\":\"2011-03-30T00:00:00Z\",\"text\":\"hi\"}";

        raw.pipeInput("twitter:9", noId.getBytes(StandardCharsets.UTF_8));

        DeadLetter dead = deadLetters.readValue();
        assertThat(dead.stage()).isEqualTo("parse");
        assertThat(dead.reason()).contains("id must not be blank");
        assertThat(dead.payload()).isEqualTo(noId);
        assertThat(scored.isEmpty()).isTrue();
    }

    @Test
    void a_scoring_failure_becomes_a_score_dead_letter_and_the_next_post_is_still_scored() {
        Post bad = post("twitter:10", null, "This one will " + CountingScorer.EXPLODE + ".");
        send("twitter:10", bad);
        send("twitter:11", post("twitter:11", null, "Google Music looks fine."));

        KeyValue<String, DeadLetter> dead = deadLetters.readKeyValue();
        assertThat(dead.key).isEqualTo("twitter:10");
        assertThat(dead.value.stage()).isEqualTo("score");
        assertThat(dead.value.reason()).isEqualTo("IllegalStateException: scorer blew up on purpose");
        assertThat(topics.raw().valueSerde().deserializer()
                .deserialize("posts.raw", dead.value.payload().getBytes(StandardCharsets.UTF_8))).isEqualTo(bad);
        assertThat(dead.value.failedAt()).isEqualTo(NOW);

        ScoredPost next = scored.readValue();
        assertThat(next.id()).isEqualTo("twitter:11");
        assertThat(next.entities()).containsExactly("google", "google-music");
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void a_blank_post_cannot_be_scored_and_says_so() {
        send("twitter:12", post("twitter:12", null, "   "));

        DeadLetter dead = deadLetters.readValue();
        assertThat(dead.stage()).isEqualTo("score");
        assertThat(dead.reason()).isEqualTo("IllegalArgumentException: nothing to score");
        assertThat(scored.isEmpty()).isTrue();
    }

    @Test
    void a_tombstone_passes_through_and_a_resend_after_it_is_scored_again() {
        Post post = post("twitter:13", null, "Deezer is great.");
        send("twitter:13", post);
        raw.pipeInput("twitter:13", (byte[]) null);
        send("twitter:13", post);

        List<KeyValue<String, ScoredPost>> out = scored.readKeyValuesToList();
        assertThat(out).extracting(kv -> kv.key).containsExactly("twitter:13", "twitter:13", "twitter:13");
        assertThat(out.get(0).value.post()).isEqualTo(post);
        assertThat(out.get(1).value).isNull();
        assertThat(out.get(2).value.post()).isEqualTo(post);
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
        send("stale-key", post("twitter:14", null, "Pandora plays music."));

        KeyValue<String, ScoredPost> out = scored.readKeyValue();
        assertThat(out.key).isEqualTo("twitter:14");
        assertThat(out.value.id()).isEqualTo("twitter:14");
    }

    @Test
    void records_keep_their_order_and_each_lands_on_exactly_one_topic() {
        send("twitter:15", post("twitter:15", null, "It is awful."));
        raw.pipeInput("twitter:16", "not json at all".getBytes(StandardCharsets.UTF_8));
        raw.pipeInput("twitter:17", (byte[]) null);
        send("twitter:18", post("twitter:18", null, "I love it."));

        List<KeyValue<String, ScoredPost>> out = scored.readKeyValuesToList();
        assertThat(out).extracting(kv -> kv.key).containsExactly("twitter:15", "twitter:17", "twitter:18");
        assertThat(out.get(0).value.sentiment().label()).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(out.get(1).value).isNull();
        assertThat(out.get(2).value.sentiment().label()).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(deadLetters.readValuesToList()).extracting(DeadLetter::key).containsExactly("twitter:16");
    }
}
