package org.backbeat.nlp.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.backbeat.core.SentimentLabel;
import org.backbeat.core.quantify.Confusion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuantificationEvalTest {

    @Test
    void kld_is_zero_for_the_true_shares_and_smoothed_as_subtask_d_did() {
        assertThat(QuantificationEval.kld(0.7, 0.7, 50)).isCloseTo(0, within(1e-15));
        // 10 tweets, eps = 0.05: p = (0.8, 0.2) -> (0.85/1.1, 0.25/1.1); estimate (1, 0) -> (1.05/1.1, 0.05/1.1)
        double expected = 0.85 / 1.1 * Math.log(0.85 / 1.05) + 0.25 / 1.1 * Math.log(0.25 / 0.05);
        assertThat(QuantificationEval.kld(0.8, 1.0, 10)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void reads_subtask_d_topics_and_decodes_the_literal_escapes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bd.tsv");
        Files.writeString(file, "1\tamy schumer\tnegative\tshe isn\\u2019t funny\t\n2\tapple\tpositive\tlove it\n");

        List<QuantificationEval.Labelled> texts = QuantificationEval.semEvalTopics(file);

        assertThat(texts).containsExactly(
                new QuantificationEval.Labelled("amy schumer", SentimentLabel.NEGATIVE, "she isn\u2019t funny"),
                new QuantificationEval.Labelled("apple", SentimentLabel.POSITIVE, "love it"));
    }

    @Test
    void groups_sum_gold_labels_predicted_labels_and_probabilities() {
        List<QuantificationEval.Labelled> texts = List.of(
                new QuantificationEval.Labelled("a", SentimentLabel.POSITIVE, "x"),
                new QuantificationEval.Labelled("a", SentimentLabel.NEGATIVE, "y"),
                new QuantificationEval.Labelled("b", SentimentLabel.NEUTRAL, "x"));
        Map<String, double[]> p = Map.of("x", new double[] {0.1, 0.3, 0.6}, "y", new double[] {0.2, 0.5, 0.3});

        List<QuantificationEval.Group> groups = QuantificationEval.groups(texts, p::get);

        assertThat(groups).extracting(QuantificationEval.Group::name).containsExactly("a", "b");
        assertThat(groups.get(0).gold()).containsExactly(1, 0, 1);
        assertThat(groups.get(0).predicted()).containsExactly(0, 1, 1);
        assertThat(groups.get(0).probabilities()).containsExactly(new double[] {0.3, 0.8, 0.9}, within(1e-12));
    }

    @Test
    void the_corrected_positive_share_of_a_topic_undoes_a_known_confusion_where_counting_does_not() {
        // Given a classifier that labels 30% of negative texts neutral and 20% positive, and a topic of 60 negative, 40 positive
        Confusion confusion = Confusion.ofCounts(new long[][] {{50, 30, 20}, {10, 80, 10}, {5, 15, 80}});
        long[] predicted = {60 * 50 / 100 + 40 * 5 / 100, 60 * 30 / 100 + 40 * 15 / 100, 60 * 20 / 100 + 40 * 80 / 100};
        QuantificationEval.Group topic = new QuantificationEval.Group("t", new long[] {60, 0, 40}, predicted, new double[] {1, 1, 1});

        // When / then: counting reads 44 / (32 + 44) positive, ACC with neutral known absent reads 0.40
        assertThat(QuantificationEval.positiveShare("classify and count", topic, confusion)).isCloseTo(44.0 / 76, within(1e-12));
        assertThat(QuantificationEval.positiveShare("ACC", topic, confusion)).isCloseTo(0.40, within(1e-9));
    }
}
