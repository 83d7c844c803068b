package org.backbeat.nlp.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.backbeat.core.SentimentLabel;
import org.junit.jupiter.api.Test;

class MetricsTest {

    private static final SentimentLabel NEG = SentimentLabel.NEGATIVE, NEU = SentimentLabel.NEUTRAL, POS = SentimentLabel.POSITIVE;

    @Test
    void macro_recall_averages_per_class_recall_and_ignores_class_sizes() {
        // gold: 4 negative (3 right), 1 neutral (right), 5 positive (1 right)
        List<SentimentLabel> gold = List.of(NEG, NEG, NEG, NEG, NEU, POS, POS, POS, POS, POS);
        List<SentimentLabel> predicted = List.of(NEG, NEG, NEG, NEU, NEU, POS, NEU, NEU, NEG, NEU);

        Metrics m = Metrics.of(gold, predicted, null, null);

        assertThat(m.recall(NEG)).isCloseTo(0.75, within(1e-12));
        assertThat(m.recall(NEU)).isCloseTo(1.0, within(1e-12));
        assertThat(m.recall(POS)).isCloseTo(0.2, within(1e-12));
        assertThat(m.macroRecall()).isCloseTo((0.75 + 1.0 + 0.2) / 3, within(1e-12));
        assertThat(m.accuracy()).isCloseTo(0.5, within(1e-12));
        // precision: neg 3/4, neu 1/5, pos 1/1; F1 = 2pr/(p+r)
        double f1 = (2 * 0.75 * 0.75 / 1.5 + 2 * 0.2 * 1.0 / 1.2 + 2 * 1.0 * 0.2 / 1.2) / 3;
        assertThat(m.macroF1()).isCloseTo(f1, within(1e-12));
        assertThat(m.confusion()[2]).containsExactly(1, 3, 1);
        // SemEval's F1-PN: the mean of the negative and positive F1 alone
        assertThat(m.f1PosNeg()).isCloseTo((2 * 0.75 * 0.75 / 1.5 + 2 * 1.0 * 0.2 / 1.2) / 2, within(1e-12));
    }

    @Test
    void pearson_r_of_a_perfect_linear_relation_is_one() {
        Metrics m = Metrics.of(List.of(NEG, POS, POS), List.of(NEG, POS, POS), new double[] {-1, 0, 1}, new double[] {-0.5, 0, 0.5});

        assertThat(m.pearson()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void the_split_is_fixed_by_the_text_alone() {
        assertThat(Split.of("  I love it  ")).isEqualTo(Split.of("I love it"));
        assertThat(LabelledSets.band(0.125)).isEqualTo(POS);
        assertThat(LabelledSets.band(-0.125)).isEqualTo(NEG);
        assertThat(LabelledSets.band(0.12)).isEqualTo(NEU);
    }
}
