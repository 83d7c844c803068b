package org.backbeat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.backbeat.core.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalTargetedCommandTest {

    @Test
    void semeval_b_prints_post_level_beside_topic_targeted_sentiment_on_the_rows_of_the_file(@TempDir Path dir) throws Exception {
        // Given the first 3 negative and the first 3 positive rows of the 2016 subtask B test file
        Path source = SharedData.root().resolve("semeval_task4_2013_2016/twitter-2016test-BD.tsv");
        List<String> all = Files.readAllLines(source, StandardCharsets.UTF_8);
        List<String> rows = new java.util.ArrayList<>(all.stream().filter(r -> r.split("\t")[2].equals("negative")).limit(3).toList());
        rows.addAll(all.stream().filter(r -> r.split("\t")[2].equals("positive")).limit(3).toList());
        Path file = dir.resolve("slice.tsv");
        Files.write(file, rows, StandardCharsets.UTF_8);

        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            exit = Backbeat.commandLine().execute("eval-targeted", "--semeval-b", file.toString(), "--threads", "1");
        } finally {
            System.setOut(stdout);
        }

        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(exit).isZero();
        assertThat(out).contains("SemEval subtask B, slice.tsv, model backbeat-sentiment-2+corenlp-4.5.10")
                .contains("rows: 6; left out as possibly trained on: 0")
                .contains("topic named in the text: 6 of the 6 unseen rows")
                .contains("rows the model never trained on, n=6")
                .containsPattern("\\| production: clauses among several +\\|");
        // The post-level line's macro-recall is the mean of the two recalls of its own confusion (3 gold rows each).
        Matcher m = Pattern.compile("\\| post-level +\\| +(\\d\\.\\d{3}) \\|.*\\| (\\d+) (\\d+) / (\\d+) (\\d+) +\\|").matcher(out);
        assertThat(m.find()).isTrue();
        long nn = Long.parseLong(m.group(2)), np = Long.parseLong(m.group(3)), pn = Long.parseLong(m.group(4)), pp = Long.parseLong(m.group(5));
        assertThat(nn + np).isEqualTo(3);
        assertThat(pn + pp).isEqualTo(3);
        assertThat(m.group(1)).isEqualTo(String.format(java.util.Locale.ROOT, "%.3f", (nn / 3.0 + pp / 3.0) / 2));
    }

    @Test
    void held_out_is_for_the_sxsw_set_only() {
        int exit = Backbeat.commandLine().execute("eval-targeted", "--semeval-b", "x.tsv", "--held-out");

        assertThat(exit).isEqualTo(1);
    }
}
