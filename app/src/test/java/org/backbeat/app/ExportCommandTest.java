package org.backbeat.app;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.backbeat.core.Post;
import org.backbeat.core.ScoredPost;
import org.backbeat.core.Sentiment;
import org.backbeat.core.SentimentLabel;
import org.backbeat.index.schema.EsClients;
import org.backbeat.index.schema.PostDocument;
import org.backbeat.index.schema.PostIndex;
import org.backbeat.infra.LocalElasticsearch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backbeat export} against the real Elasticsearch: the file, its rows, the progress line, a bad filter. */
class ExportCommandTest {

    @TempDir
    Path dir;

    @Test
    void export_writes_the_filtered_posts_whole_with_progress_on_stderr_and_a_bad_filter_writes_nothing() throws Exception {
        // its own temp folder: the server runs as an unprivileged user, who cannot enter @TempDir's
        Path esDir = Files.createTempDirectory("backbeat-cli-es-");
        try (LocalElasticsearch es = LocalElasticsearch.start(LocalElasticsearch.Settings.of(LocalElasticsearch.defaultHome(),
                esDir).withHeapMb(256));
             ElasticsearchClient client = EsClients.create(es.httpUri())) {
            // given 1,200 posts, every third about Amazon, one with a formula for a text
            PostIndex index = new PostIndex(client, org.backbeat.index.schema.PostIndexConfig.DEFAULT_INDEX, 0);
            index.ensureCreated();
            List<ScoredPost> posts = new ArrayList<>();
            for (int i = 0; i < 1_200; i++) {
                String text = i == 3 ? "=1+1 Amazon" : "post " + i;
                Post post = Post.of("twitter:" + i, "twitter", Instant.parse("2011-03-01T00:00:00Z").plusSeconds(600L * i),
                        "a" + i, null, text, null, "en");
                double score = (i % 21) / 10.0 - 1;
                posts.add(ScoredPost.of(post, new Sentiment(score < 0 ? SentimentLabel.NEGATIVE : SentimentLabel.POSITIVE, score, 0.8),
                        i % 3 == 0 ? List.of("amazon") : List.of("spotify"), "m", Instant.EPOCH));
            }
            client.bulk(b -> {
                b.refresh(Refresh.True);
                posts.forEach(p -> {
                    PostDocument d = PostDocument.from(p);
                    b.operations(op -> op.index(x -> x.index(index.indexFor(d.publishedAt())).id(d.id()).document(d)));
                });
                return b;
            });
            Path out = dir.resolve("amazon.csv");
            String[] args = {"export", "posts", "--entity", "amazon", "--columns", "id,text,sentiment_score",
                    "--elasticsearch", es.httpUri().toString(), "--work-dir", dir.toString(), "-o", out.toString()};

            // when
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream original = System.err;
            int exit;
            try {
                System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
                exit = Backbeat.commandLine().execute(args);
            } finally {
                System.setErr(original);
            }

            // then every Amazon post, oldest first, the formula neutralised, and the progress told on stderr
            assertThat(exit).isEqualTo(0);
            List<CSVRecord> rows;
            try (CSVParser parser = CSVParser.parse(new StringReader(Files.readString(out)), CSVFormat.RFC4180.builder().setHeader().get())) {
                rows = parser.getRecords();
            }
            assertThat(rows).hasSize(400);
            assertThat(rows.get(0).get("id")).isEqualTo("twitter:0");
            assertThat(rows.get(1).get("text")).isEqualTo("'=1+1 Amazon");
            assertThat(rows.get(1).get("sentiment_score")).isEqualTo("-0.7");
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("400 of 400 posts").contains("Wrote 400 rows to " + out);
            assertThat(Files.exists(dir.resolve("amazon.csv.part"))).isFalse();

            // and a bad filter is an error that says what to fix, and writes no file
            Path bad = dir.resolve("bad.csv");
            String[] badArgs = {"export", "posts", "--label", "angry", "--elasticsearch", es.httpUri().toString(),
                    "-o", bad.toString()};
            java.io.StringWriter messages = new java.io.StringWriter();
            picocli.CommandLine cli = Backbeat.commandLine();
            cli.setErr(new java.io.PrintWriter(messages));
            assertThat(cli.execute(badArgs)).isEqualTo(1);
            assertThat(messages.toString()).contains("label must be one of negative, neutral, positive");
            assertThat(Files.exists(bad)).isFalse();
        } finally {
            try (var files = Files.walk(esDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
