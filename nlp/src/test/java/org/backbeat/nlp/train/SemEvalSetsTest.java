package org.backbeat.nlp.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.backbeat.core.SentimentLabel;
import org.backbeat.core.SharedData;
import org.junit.jupiter.api.Test;

/** The SemEval 2013-2016 subtask A corpora, and the 2016 test set kept out of training. */
class SemEvalSetsTest {

    private static final Path DATA = SharedData.root();

    @Test
    void a_downloaded_text_loses_its_quoting_and_escapes() {
        assertThat(LabelledSets.semevalText("\"Why is \\\"\"\"\"Happy Valentines Day\\\"\"\"\" trending? It\\u2019s on the 14th\\u002c not\""))
                .isEqualTo("Why is \"Happy Valentines Day\" trending? It\u2019s on the 14th, not");
        assertThat(LabelledSets.semevalText("\"Excited to read \"\"Go Set a Watchman\"\" on Tuesday.\""))
                .isEqualTo("Excited to read \"Go Set a Watchman\" on Tuesday.");
        assertThat(LabelledSets.semevalText("plain \\uZZ text")).isEqualTo("plain \\uZZ text");
    }

    @Test
    void the_dedup_key_ignores_retweet_mentions_links_case_and_punctuation() {
        assertThat(LabelledSets.dedupKey("RT @someone: Loving the new #iPhone!!! http://t.co/abc"))
                .isEqualTo(LabelledSets.dedupKey("loving the new iphone"))
                .isEqualTo("loving the new iphone");
        assertThat(LabelledSets.dedupKey("Art is great")).isEqualTo("art is great");
    }

    @Test
    void the_2016_test_set_is_read_whole_and_reported_whole() {
        LabelledSets sets = new LabelledSets(DATA);
        List<LabelledText> test = sets.read(LabelledSets.SEMEVAL_2016_TEST);

        // PROVENANCE.txt: 20,632 tweets; counted from the file's label column: 3,231 / 10,342 / 7,059
        assertThat(test).hasSize(20_632);
        assertThat(test.stream().filter(t -> t.gold() == SentimentLabel.NEGATIVE)).hasSize(3_231);
        assertThat(test.stream().filter(t -> t.gold() == SentimentLabel.POSITIVE)).hasSize(7_059);
        assertThat(new SentimentEvaluation(sets).testTexts(LabelledSets.SEMEVAL_2016_TEST, 0)).hasSize(20_632);
        assertThat(LabelledSets.HELD_OUT).contains(LabelledSets.SEMEVAL_2016_TEST);
    }

    @Test
    void training_never_sees_the_held_out_set_nor_a_tweet_it_shares_with_another_file() throws Exception {
        // The tweet ids the 2016 train/dev/devtest files share with the 2016 test file, read from the files themselves.
        Set<String> testIds = new HashSet<>();
        for (String line : lines("twitter-2016test-A")) {
            testIds.add(line.split("\t", 2)[0]);
        }
        Map<String, String> sharedTexts = new HashMap<>();
        for (String file : List.of("twitter-2016train-A", "twitter-2016dev-A", "twitter-2016devtest-A")) {
            for (String line : lines(file)) {
                String[] cols = line.split("\t", 4);
                if (testIds.contains(cols[0])) {
                    sharedTexts.put(cols[0], LabelledSets.semevalText(cols[2]));
                }
            }
        }
        assertThat(sharedTexts).hasSizeGreaterThan(50);

        List<LabelledText> training = SentimentTraining.texts(DATA, Set.of(LabelledSets.SEMEVAL_TWEETS)::contains);

        Set<String> trainingTexts = new HashSet<>();
        training.forEach(t -> trainingTexts.add(t.text()));
        assertThat(trainingTexts).doesNotContainAnyElementsOf(sharedTexts.values());
        assertThat(training).hasSizeGreaterThan(25_000).allMatch(t -> t.set().equals(LabelledSets.SEMEVAL_TWEETS))
                .noneMatch(t -> t.text().equals("Not Available"));
        assertThatThrownBy(() -> SentimentTraining.texts(DATA, Set.of(LabelledSets.SEMEVAL_2016_TEST)::contains))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> lines(String file) throws Exception {
        return Files.readAllLines(DATA.resolve("semeval_task4_2013_2016").resolve(file + ".tsv"), StandardCharsets.UTF_8);
    }
}
