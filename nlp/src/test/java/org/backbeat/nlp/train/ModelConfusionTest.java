package org.backbeat.nlp.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.backbeat.core.SentimentLabel;
import org.backbeat.core.quantify.Confusion;
import org.backbeat.nlp.sentiment.SoftmaxModel;
import org.junit.jupiter.api.Test;

class ModelConfusionTest {

    @Test
    void counts_each_gold_class_against_the_scorers_label_and_averages_its_probabilities() {
        // Given a model that says positive for "w:good", negative for "w:bad" and neutral otherwise
        SoftmaxModel model = new SoftmaxModel("m", new double[] {0, 1, 0}, new double[3],
                Map.of("w:good", new double[] {0, 0, 3}, "w:bad", new double[] {3, 0, 0}), Map.of());
        List<SentimentTrainer.Example> examples = List.of(
                example(SentimentLabel.POSITIVE, "w:good"), example(SentimentLabel.POSITIVE, "w:other"),
                example(SentimentLabel.NEGATIVE, "w:bad"), example(SentimentLabel.NEUTRAL, "w:bad"),
                example(SentimentLabel.NEUTRAL, "w:other"));

        // When
        Confusion confusion = ModelConfusion.measure(model, "abc", examples);

        // Then rows are gold classes, columns labels
        assertThat(confusion.counts()).isDeepEqualTo(new long[][] {{1, 0, 0}, {1, 1, 0}, {0, 1, 1}});
        // P for "w:good": softmax(0, 1, 3); for no known word: softmax(0, 1, 0)
        double zGood = 1 + Math.E + Math.exp(3);
        double zNone = 2 + Math.E;
        assertThat(confusion.meanProbabilities()[2][2]).isCloseTo((Math.exp(3) / zGood + 1 / zNone) / 2, within(1e-12));
        assertThat(confusion.meanProbabilities()[0][0]).isCloseTo(Math.exp(3) / zGood, within(1e-12));
        assertThat(confusion.source()).isEqualTo("calibration split of [test], 5 texts");
        assertThat(confusion.model()).isEqualTo("m");
        assertThat(confusion.modelSha256()).isEqualTo("abc");
    }

    @Test
    void the_committed_confusion_was_measured_with_the_committed_model() throws Exception {
        // A retrain that did not rewrite the confusion (./backbeat train --confusion-only) fails here.
        byte[] model;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(SoftmaxModel.RESOURCE)) {
            model = in.readAllBytes();
        }

        Confusion confusion = Confusion.standard();

        assertThat(confusion.modelSha256()).isEqualTo(ModelConfusion.sha256(model));
        assertThat(confusion.model()).isEqualTo(SoftmaxModel.standard().version());
        assertThat(confusion.source()).startsWith("calibration split of [airline, semeval_tweets, sxsw_brands, vader_tweets]");
    }

    private static SentimentTrainer.Example example(SentimentLabel gold, String feature) {
        return new SentimentTrainer.Example("test", gold, Map.of(feature, 1.0));
    }
}
