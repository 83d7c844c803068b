package org.backbeat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {

    @Test
    void eval_prints_the_calibrated_model_beside_raw_corenlp_on_a_fixed_sample(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("eval.md");
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            exit = Backbeat.commandLine().execute("eval", "--sample", "5", "--sets", "financial_phrasebank", "-o", report.toString());
        } finally {
            System.setOut(stdout);
        }

        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(exit).isZero();
        assertThat(out).contains("| corpus (test split) | n | scorer | macro-recall | F1-PN | macro-F1 | accuracy | recall neg / neu / pos | Pearson r |")
                .contains("| financial_phrasebank | 5 | backbeat-sentiment-2+corenlp-4.5.10 |")
                .contains("| financial_phrasebank | 5 | corenlp-4.5.10/sr/sentiment |")
                .contains("gold \\ predicted   negative  neutral  positive");
        // stdout also carries log lines; the report file holds the report alone.
        assertThat(out).endsWith(Files.readString(report));
        assertThat(Files.readString(report)).startsWith("| corpus (test split)");
    }

    @Test
    void an_unknown_corpus_is_a_clear_error() {
        int exit = Backbeat.commandLine().execute("eval", "--sets", "nope", "--no-baseline", "--sample", "1");

        assertThat(exit).isEqualTo(1);
    }
}
