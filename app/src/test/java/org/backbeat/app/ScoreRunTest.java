package org.backbeat.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Clock;
import java.util.List;
import org.backbeat.core.Catalogue;
import org.backbeat.core.Json;
import org.backbeat.core.Sentiment;
import org.backbeat.core.SentimentLabel;
import org.backbeat.nlp.pipeline.PostAnalyzer;
import org.backbeat.nlp.sentiment.Scorer;
import org.junit.jupiter.api.Test;

/** {@code backbeat score}'s reading and writing, with a keyword scorer standing in for CoreNLP. */
class ScoreRunTest {

    /** "great" is positive, "awful" negative, else neutral; blank throws like the real scorer. */
    private static final Scorer KEYWORDS = new Scorer() {
        @Override
        public Sentiment score(String text) {
            if (text.isBlank()) {
                throw new IllegalArgumentException("nothing to score");
            }
            return text.contains("great") ? new Sentiment(SentimentLabel.POSITIVE, 0.5, 0.9)
                    : text.contains("awful") ? new Sentiment(SentimentLabel.NEGATIVE, -0.5, 0.8)
                    : new Sentiment(SentimentLabel.NEUTRAL, 0.0, 0.7);
        }

        @Override
        public String model() {
            return "keywords-test";
        }
    };

    private final PostAnalyzer analyzer = PostAnalyzer.standard(Catalogue.defaults(), KEYWORDS, Clock.systemUTC());

    private record Result(List<JsonNode> lines, String errors, ScoreRun.Summary summary) {
    }

    private Result run(String input, int threads) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ScoreRun.Summary summary = new ScoreRun(analyzer, threads).run(new StringReader(input), new PrintWriter(out), new PrintWriter(err));
        List<JsonNode> lines = out.toString().lines().map(l -> {
            try {
                return Json.mapper().readTree(l);
            } catch (Exception e) {
                throw new AssertionError("output line is not JSON: " + l, e);
            }
        }).toList();
        return new Result(lines, err.toString(), summary);
    }

    @Test
    void plain_lines_get_line_numbers_as_ids_and_blank_lines_are_skipped() throws Exception {
        Result r = run("Spotify is great\n\n   \r\nEMI sues MP3tunes, awful\n", 1);

        assertThat(r.lines()).extracting(n -> n.path("id").asText()).containsExactly("1", "4");
        JsonNode first = r.lines().get(0);
        assertThat(first.path("label").asText()).isEqualTo("positive");
        assertThat(first.path("score").asDouble()).isEqualTo(0.5);
        assertThat(first.path("confidence").asDouble()).isEqualTo(0.9);
        assertThat(first.path("entities").get(0).path("id").asText()).isEqualTo("spotify");
        assertThat(first.path("entities").get(0).path("label").asText()).isEqualTo("positive");
        assertThat(first.path("entities").get(0).path("mentions").get(0).asText()).isEqualTo("Spotify");
        assertThat(first.path("model").asText()).isEqualTo("keywords-test");
        JsonNode second = r.lines().get(1);
        assertThat(second.path("label").asText()).isEqualTo("negative");
        assertThat(second.path("topics").get(0).path("topic").asText()).isEqualTo("lawsuit");
        assertThat(second.path("topics").get(0).path("evidence").get(0).asText()).isEqualTo("sues");
        assertThat(r.summary()).isEqualTo(new ScoreRun.Summary(2, 2, 0));
        assertThat(r.errors()).isEmpty();
    }

    @Test
    void bad_json_lines_are_reported_and_the_run_goes_on() throws Exception {
        String input = """
                {"id": "a", "text": "Pandora is great", "lang": "en"}
                {"id": "b", "text": oops}
                {"id": "c"}
                {"id": 42, "headline": "Deezer launches in the US", "text": "awful timing", "lang": "fr"}
                {"id": "d", "text": "  "}
                """;

        Result r = run(input, 2);

        assertThat(r.lines()).extracting(n -> n.path("id").asText()).containsExactly("a", "42");
        assertThat(r.lines().get(1).path("label").isNull()).isTrue();
        assertThat(r.lines().get(1).path("unscoredReason").asText()).isEqualTo("language fr is not scored: the model reads en only");
        assertThat(r.lines().get(1).path("entities").get(0).path("id").asText()).isEqualTo("deezer");
        assertThat(r.errors().lines().toList()).hasSize(3);
        assertThat(r.errors()).contains("line 2: not valid JSON").contains("line 3: no \"text\" string")
                .contains("line 5 (id d): cannot score: nothing to score");
        assertThat(r.summary()).isEqualTo(new ScoreRun.Summary(2, 0, 3));
    }

    @Test
    void output_keeps_input_order_with_several_threads() throws Exception {
        StringBuilder input = new StringBuilder();
        for (int i = 1; i <= 300; i++) {
            input.append(i % 2 == 0 ? "Spotify is great " : "Tidal is awful ").append(i).append('\n');
        }

        Result r = run(input.toString(), 3);

        assertThat(r.lines()).hasSize(300);
        for (int i = 1; i <= 300; i++) {
            assertThat(r.lines().get(i - 1).path("id").asText()).isEqualTo(String.valueOf(i));
            assertThat(r.lines().get(i - 1).path("label").asText()).isEqualTo(i % 2 == 0 ? "positive" : "negative");
        }
    }

    @Test
    void an_overlong_line_is_skipped_with_an_error_and_unicode_survives() throws Exception {
        String huge = "x".repeat(ScoreRun.MAX_LINE_CHARS + 10);

        Result r = run(huge + "\nSpotify ist großartig great 🎵\n", 1);

        assertThat(r.lines()).hasSize(1);
        assertThat(r.lines().get(0).path("id").asText()).isEqualTo("2");
        assertThat(r.errors()).contains("line 1: longer than 1000000 characters, skipped");
    }
}
