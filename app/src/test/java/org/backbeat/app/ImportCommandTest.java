package org.backbeat.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.backbeat.core.DeadLetter;
import org.backbeat.core.JsonSerde;
import org.backbeat.core.KafkaProps;
import org.backbeat.core.Post;
import org.backbeat.core.SharedData;
import org.backbeat.core.Topics;
import org.backbeat.infra.LocalKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code backbeat import} (and {@code ingest --replay}) on the real corpora, into a JSONL file and into the real Kafka. */
class ImportCommandTest {

    private static final Path DATA = SharedData.root();

    @TempDir
    Path dir;

    private final JsonSerde<Post> posts = new JsonSerde<>(Post.class);

    @Test
    void airline_csv_imports_to_jsonl_through_the_column_mapping() throws Exception {
        // given
        Path out = dir.resolve("airline.jsonl");

        // when
        Result result = run("import", DATA.resolve("twitter_us_airline_sentiment/Tweets.csv").toString(), "--format", "csv",
                "--source-name", "airline", "--id-column", "tweet_id", "--text-column", "text", "--time-column", "tweet_created",
                "--time-format", "yyyy-MM-dd HH:mm:ss Z", "--entity-column", "airline", "--label-column", "airline_sentiment",
                "--author-column", "name", "--out", out.toString(), "--no-progress");

        // then
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(lastLine(result)).startsWith("Imported 14640 posts (0 rejected to " + out + ".rejected.jsonl) from Tweets.csv in ");
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(14_640);
        Post first = posts.read(lines.get(0).getBytes(StandardCharsets.UTF_8));
        assertThat(first.id()).isEqualTo("csv:airline:570306133677760513");
        assertThat(first.publishedAt()).isEqualTo(Instant.parse("2015-02-24T19:35:52Z"));
        assertThat(first.declaredEntity()).isEqualTo("Virgin America");
        assertThat(first.declaredLabel()).isEqualTo("neutral");
        Post second = posts.read(lines.get(1).getBytes(StandardCharsets.UTF_8));
        assertThat(second.text()).isEqualTo("@VirginAmerica plus you've added commercials to the experience... tacky.");
        assertThat(second.lang()).isEqualTo("en");
        assertThat(out.resolveSibling("airline.jsonl.rejected.jsonl")).doesNotExist();
    }

    @Test
    void cp1252_csv_without_times_imports_and_its_empty_row_is_a_dead_letter_in_the_rejected_file() throws Exception {
        Path out = dir.resolve("sxsw.jsonl");

        Result result = run("import", DATA.resolve("crowdflower_brands_sxsw2011/judge-1377884607_tweet_product_company.csv").toString(),
                "--source-name", "sxsw2011", "--encoding", "cp1252", "--text-column", "tweet_text",
                "--entity-column", "emotion_in_tweet_is_directed_at", "--label-column", "is_there_an_emotion_directed_at_a_brand_or_product",
                "--default-time", "2011-03-11T00:00:00Z", "--out", out.toString(), "--no-progress");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(lastLine(result)).startsWith("Imported 9092 posts (1 rejected to ");
        assertThat(Files.readAllLines(out)).hasSize(9_092);
        List<String> rejected = Files.readAllLines(dir.resolve("sxsw.jsonl.rejected.jsonl"));
        assertThat(rejected).hasSize(1);
        DeadLetter deadLetter = new JsonSerde<>(DeadLetter.class).read(rejected.get(0).getBytes(StandardCharsets.UTF_8));
        assertThat(deadLetter.reason()).isEqualTo("judge-1377884607_tweet_product_company.csv line 8: empty tweet_text");
    }

    @Test
    void a_csv_mapping_naming_a_missing_column_fails_with_one_line() throws Exception {
        Result result = run("import", DATA.resolve("twitter_us_airline_sentiment/Tweets.csv").toString(), "--text-column", "tweet",
                "--out", dir.resolve("x.jsonl").toString(), "--no-progress");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err().strip()).startsWith("backbeat: Tweets.csv has no column 'tweet'; its columns are: tweet_id, airline_sentiment,");
    }

    @Test
    void jsonl_import_and_ingest_replay_both_reach_posts_raw() throws Exception {
        // given a JSONL file made by a CSV import of the first 31 lines: the header and 29 tweets (the sixth spans two lines)
        Path jsonl = dir.resolve("first-rows.jsonl");
        Path csv = Files.write(dir.resolve("first-rows.csv"),
                Files.readAllLines(DATA.resolve("twitter_us_airline_sentiment/Tweets.csv")).subList(0, 31));
        assertThat(run("import", csv.toString(), "--id-column", "tweet_id", "--time-column", "tweet_created", "--time-format",
                "yyyy-MM-dd HH:mm:ss Z", "--source-name", "airline", "--out", jsonl.toString(), "--no-progress").exit()).isZero();
        Topics topics = Topics.withPartitions(6);

        try (LocalKafka kafka = LocalKafka.start(dir.resolve("kafka"), 0)) {
            // when
            Result imported = run("import", jsonl.toString(), "--kafka", kafka.bootstrapServers(), "--no-progress");
            Result replayed = run("ingest", "--replay", jsonl.toString(), "--kafka", kafka.bootstrapServers());

            // then
            assertThat(imported.exit()).as(imported.err()).isZero();
            assertThat(lastLine(imported)).startsWith("Imported 29 posts (0 rejected to posts.dlq) from first-rows.jsonl");
            assertThat(replayed.exit()).as(replayed.err()).isZero();
            assertThat(lastLine(replayed)).isEqualTo("Ingested 29 posts (0 rejected to posts.dlq)");
            List<Post> raw = new ArrayList<>();
            try (KafkaConsumer<String, Post> consumer = new KafkaConsumer<>(KafkaProps.consumer(kafka.bootstrapServers(), "t"),
                    new StringDeserializer(), topics.raw().valueSerde().deserializer())) {
                consumer.subscribe(List.of(topics.raw().name()));
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    for (ConsumerRecord<String, Post> r : consumer.poll(Duration.ofMillis(200))) {
                        raw.add(r.value());
                    }
                    return raw.size() >= 58;
                });
            }
            assertThat(raw).hasSize(58);
            assertThat(raw.stream().map(Post::id).distinct().count()).isEqualTo(29);
            assertThat(raw).extracting(Post::id).contains("csv:airline:570306133677760513");
        }
    }

    private record Result(int exit, String out, String err) {
    }

    /** The command's own last line (tests log to stdout too). */
    private static String lastLine(Result result) {
        String[] lines = result.out().strip().split("\\R");
        return lines[lines.length - 1];
    }

    private static Result run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            CommandLine cli = Backbeat.commandLine();
            cli.setErr(new PrintWriter(err));
            int exit = cli.execute(args);
            return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(original);
        }
    }
}
