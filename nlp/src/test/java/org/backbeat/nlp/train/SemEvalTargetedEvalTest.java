package org.backbeat.nlp.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.backbeat.core.Catalogue;
import org.backbeat.core.Sentiment;
import org.backbeat.core.SentimentLabel;
import org.backbeat.core.SharedData;
import org.backbeat.nlp.sentiment.Scorer;
import org.backbeat.nlp.sentiment.Scorers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SemEval subtask B through {@code eval-targeted --semeval-b}: reading, the ad-hoc topic target, the 2-class measure. */
class SemEvalTargetedEvalTest {

    private static final Path DATA = SharedData.root();
    private static final Path FILE = DATA.resolve("semeval_task4_2013_2016/twitter-2016test-BD.tsv");

    @Test
    void a_row_is_unquoted_and_unescaped_and_unavailable_tweets_are_left_out(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("b.tsv");
        Files.writeString(file, String.join("\n",
                "1\tkanye west\tpositive\t\"Kanye West\\u2019s show was \"\"great\"\"\\u002c really\"\t",
                "2\tzayn\tnegative\tNot Available\t",
                "3\tzayn\tnegative\tZayn left\\u002c sad"), StandardCharsets.UTF_8);

        List<SemEvalTargetedEval.Row> rows = SemEvalTargetedEval.read(file);

        assertThat(rows).containsExactly(
                new SemEvalTargetedEval.Row("1", "kanye west", SentimentLabel.POSITIVE, "Kanye West\u2019s show was \"great\", really"),
                new SemEvalTargetedEval.Row("3", "zayn", SentimentLabel.NEGATIVE, "Zayn left, sad"));
    }

    @Test
    void a_neutral_prediction_takes_the_sign_of_its_score() {
        assertThat(SemEvalTargetedEval.twoClass(SentimentLabel.NEUTRAL, -0.01)).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(SemEvalTargetedEval.twoClass(SentimentLabel.NEUTRAL, 0.2)).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(SemEvalTargetedEval.twoClass(SentimentLabel.NEUTRAL, 0.0)).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(SemEvalTargetedEval.twoClass(SentimentLabel.NEGATIVE, 0.3)).isEqualTo(SentimentLabel.NEGATIVE);
    }

    @Test
    void the_topic_is_a_target_even_where_the_catalogue_claims_its_name() {
        Catalogue withSpotify = SemEvalTargetedEval.withTopic(Catalogue.defaults(), "spotify");
        Catalogue withKanye = SemEvalTargetedEval.withTopic(Catalogue.defaults(), "kanye west");

        assertThat(withSpotify.match("Spotify keeps crashing")).containsExactly(SemEvalTargetedEval.TOPIC_ID);
        assertThat(withSpotify.find("spotify")).isEmpty();
        assertThat(withKanye.match("Kanye West's new track on Spotify")).containsExactly("spotify", SemEvalTargetedEval.TOPIC_ID);
        assertThat(withKanye.match("#KanyeWest and @kanyewest")).containsExactly(SemEvalTargetedEval.TOPIC_ID);
        assertThat(withKanye.match("Kanye is back, the West is not")).isEmpty();
    }

    @Test
    void the_subtask_b_path_on_a_slice_of_the_2016_test_file(@TempDir Path dir) throws Exception {
        // Given every 400th line of the real file (27 rows over many topics; every one of its texts names its topic),
        // and one made-up row whose text does not name its topic.
        List<String> lines = Files.readAllLines(FILE, StandardCharsets.UTF_8);
        List<String> slice = new ArrayList<>();
        for (int i = 0; i < lines.size(); i += 400) {
            slice.add(lines.get(i));
        }
        slice.add("1\tpaper towns\tnegative\tWorst film I have seen all year, I want my money back\t");
        Path file = dir.resolve("slice.tsv");
        Files.write(file, slice, StandardCharsets.UTF_8);
        Scorer scorer = Scorers.standard();

        // When
        SemEvalTargetedEval.Result result = SemEvalTargetedEval.run(DATA, file, scorer, 2, 0);

        // Then: every row is read, in file order, with its gold label from the file's label column.
        List<SemEvalTargetedEval.Outcome> outcomes = result.outcomes();
        assertThat(outcomes).hasSize(28);
        for (int i = 0; i < slice.size(); i++) {
            String[] cols = slice.get(i).split("\t");
            assertThat(outcomes.get(i).row().id()).isEqualTo(cols[0]);
            assertThat(outcomes.get(i).row().gold().name().toLowerCase()).isEqualTo(cols[2]);
        }

        // The topic is found where a plain pattern finds its words, hashtag or handle in the text.
        long found = outcomes.stream().filter(o -> namesTopic(o.row().topic(), o.row().text())).count();
        assertThat(result.count(SemEvalTargetedEval.Outcome::topicFound)).isEqualTo(found);
        assertThat(outcomes).allMatch(o -> o.topicFound() == namesTopic(o.row().topic(), o.row().text()));
        assertThat(found).isEqualTo(27);
        assertThat(outcomes.get(27).topicFound()).isFalse();

        // Rows the model trained on: by id, counted from the subtask A files it trains on.
        Set<String> trainingIds = new HashSet<>();
        for (String a : LabelledSets.SEMEVAL_TWEET_FILES) {
            for (String line : Files.readAllLines(DATA.resolve("semeval_task4_2013_2016").resolve(a + ".tsv"), StandardCharsets.UTF_8)) {
                trainingIds.add(line.substring(0, line.indexOf('\t')));
            }
        }
        assertThat(result.seenById()).isEqualTo(outcomes.stream().filter(o -> trainingIds.contains(o.row().id())).count());
        assertThat(outcomes).filteredOn(o -> trainingIds.contains(o.row().id())).allMatch(SemEvalTargetedEval.Outcome::trainedOn);

        // The post-level method is the scorer's label on the text; 2 classes by the sign of the score where neutral.
        long[][] confusion = new long[2][2];
        for (SemEvalTargetedEval.Outcome o : outcomes) {
            Sentiment s = scorer.score(o.row().text());
            assertThat(o.predictions().get(0).predicted()).isEqualTo(s.label());
            SentimentLabel two = s.label() != SentimentLabel.NEUTRAL ? s.label() : s.score() < 0 ? SentimentLabel.NEGATIVE : SentimentLabel.POSITIVE;
            confusion[o.row().gold() == SentimentLabel.POSITIVE ? 1 : 0][two == SentimentLabel.POSITIVE ? 1 : 0]++;
            // A row whose text does not name the topic takes the post-level label in every method.
            if (!o.topicFound()) {
                assertThat(o.predictions()).allMatch(p -> p.equals(o.predictions().get(0)));
            }
        }
        double recallNeg = (double) confusion[0][0] / (confusion[0][0] + confusion[0][1]);
        double recallPos = (double) confusion[1][1] / (confusion[1][0] + confusion[1][1]);
        SemEvalTargetedEval.PosNegConfusion measured = result.confusion(0, o -> true);
        assertThat(measured.total()).isEqualTo(28);
        assertThat(measured.count(SentimentLabel.NEGATIVE, SentimentLabel.NEGATIVE)).isEqualTo(confusion[0][0]);
        assertThat(measured.count(SentimentLabel.POSITIVE, SentimentLabel.POSITIVE)).isEqualTo(confusion[1][1]);
        assertThat(measured.macroRecall()).isCloseTo((recallNeg + recallPos) / 2, within(1e-12));
        assertThat(measured.accuracy()).isCloseTo((double) (confusion[0][0] + confusion[1][1]) / 28, within(1e-12));
    }

    /** The topic's words (any case, between non-letters) or its letters run together after # or @. */
    private static boolean namesTopic(String topic, String text) {
        String words = String.join("\\s+", List.of(topic.split("\\s+")).stream().map(Pattern::quote).toList());
        String compact = topic.toLowerCase().replaceAll("[^a-z0-9]", "");
        return Pattern.compile("(?i)(?<![\\p{L}\\p{N}])" + words + "(?![\\p{L}\\p{N}])").matcher(text).find()
                || Pattern.compile("(?i)[#@]" + Pattern.quote(compact) + "(?![\\p{L}\\p{N}_])").matcher(text).find();
    }
}
