package org.backbeat.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.backbeat.core.quantify.Confusion;
import org.backbeat.core.quantify.ShareQuantifier;
import org.backbeat.nlp.sentiment.CalibratedScorer;
import org.backbeat.nlp.sentiment.SoftmaxModel;
import org.backbeat.nlp.sentiment.TextNormaliser;
import org.backbeat.nlp.sentiment.Vocabulary;
import org.backbeat.nlp.train.CachedScorers;
import org.backbeat.nlp.train.CoreNlpCache;
import org.backbeat.nlp.train.CorpusDistributions;
import org.backbeat.nlp.train.LabelledSets;
import org.backbeat.nlp.train.LabelledText;
import org.backbeat.nlp.train.QuantificationEval;
import org.backbeat.nlp.train.SentimentTrainer;
import org.backbeat.nlp.train.SentimentTraining;
import org.backbeat.nlp.train.Split;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Evaluates the corrected shares (quantification) against labelled shares: SemEval-2016 subtask D and the airlines' days. */
@Command(name = "eval-quantify", mixinStandardHelpOptions = true,
        description = {"Evaluate the shares the dashboard shows, raw (classify and count, mean probabilities) and corrected for the "
                + "model's confusion on its calibration split (ACC, PACC), two ways:",
                "(a) SemEval-2016 Task 4 subtask D (twitter-2016test-BD): per topic, the KLD between the true and estimated "
                        + "positive/negative shares, averaged over topics, with the committed model and its confusion;",
                "(b) the airline corpus per airline and day, with a model trained and calibrated without it: mean absolute error, "
                        + "bias and Pearson r of the daily net sentiment against the labels'. Prints Markdown."})
final class EvalQuantifyCommand implements Callable<Integer> {

    static final String SEMEVAL_FILE = "semeval_task4_2013_2016/twitter-2016test-BD.tsv";
    static final String AIRLINE_FILE = "twitter_us_airline_sentiment/Tweets.csv";

    @Mixin
    SharedDataOption shared;

    @Option(names = "--cache", paramLabel = "FILE", defaultValue = ".backbeat/corenlp-cache.tsv",
            description = "CoreNLP cache file, created when missing (default ${DEFAULT-VALUE}); ./backbeat train fills it.")
    Path cache;

    @Option(names = "--threads", defaultValue = "2", description = "CoreNLP threads for texts not cached yet (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--min-texts", defaultValue = "20", paramLabel = "N",
            description = "Airline days with fewer labelled tweets are left out of (b) (default ${DEFAULT-VALUE}).")
    int minTexts;

    @Option(names = "--topics", defaultValue = "0", paramLabel = "N",
            description = "Evaluate (a) on the first N topics only, as the file lists them (alphabetical; 0: all 100, the default).")
    int topicLimit;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Also write the Markdown report to this file.")
    Path out;

    @Override
    public Integer call() throws Exception {
        List<QuantificationEval.Labelled> topics = QuantificationEval.firstGroups(
                QuantificationEval.semEvalTopics(shared.data().resolve(SEMEVAL_FILE)), topicLimit);
        List<QuantificationEval.Labelled> days = QuantificationEval.airlineDays(shared.data().resolve(AIRLINE_FILE));
        CoreNlpCache coreNlp = new CoreNlpCache(cache, new SentimentTraining.LazyCoreNlp());
        List<LabelledText> all = new ArrayList<>();
        topics.forEach(t -> all.add(new LabelledText("semeval2016_bd", t.text(), t.gold(), Double.NaN)));
        days.forEach(t -> all.add(new LabelledText(LabelledSets.AIRLINE, t.text(), t.gold(), Double.NaN)));
        CorpusDistributions.fill(all, TextNormaliser.withVocabulary(Vocabulary.coreNlpSentiment()), coreNlp, threads);
        String version = edu.stanford.nlp.pipeline.StanfordCoreNLP.class.getPackage().getImplementationVersion();

        // (a) the committed model and its committed confusion
        SoftmaxModel standard = SoftmaxModel.standard();
        CalibratedScorer scorer = CachedScorers.calibrated(coreNlp, standard, version);
        List<QuantificationEval.Group> topicGroups = QuantificationEval.groups(topics, scorer::probabilities);
        Map<String, Double> kld = QuantificationEval.subtaskD(topicGroups, Confusion.standard());

        // (b') in domain: the committed model (trained and calibrated with the airline corpus's other splits) on its airline test split
        List<QuantificationEval.Labelled> testDays = days.stream().filter(t -> Split.of(t.text()) == Split.TEST).toList();
        QuantificationEval.Daily inDomain = QuantificationEval.daily(QuantificationEval.groups(testDays, scorer::probabilities),
                new ShareQuantifier(Confusion.standard()), minTexts);

        // (b) a model that never saw the airline corpus, and its own confusion on the other tweet corpora's calibration split
        List<String> leftOut = List.of(LabelledSets.AIRLINE);
        SentimentTrainer.Options options = SentimentTraining.standardWithout(leftOut);
        List<String> calibrationSets = SentimentTraining.calibrationSetsWithout(leftOut);
        SentimentTraining.Trained withoutAirline = SentimentTraining.trainAndCalibrate(shared.data(), cache, threads, options, calibrationSets);
        Confusion confusion = withoutAirline.confusion("");
        CalibratedScorer crossDomain = CachedScorers.calibrated(coreNlp, withoutAirline.model(), version);
        List<QuantificationEval.Group> dayGroups = QuantificationEval.groups(days, crossDomain::probabilities);
        QuantificationEval.Daily daily = QuantificationEval.daily(dayGroups, new ShareQuantifier(confusion), minTexts);

        String report = markdown(topicGroups.size(), topics.size(), kld, Confusion.standard(), daily, confusion)
                + daily("In domain: the committed model and confusion on the airline test split only", inDomain, Confusion.standard());
        System.out.print(report);
        if (out != null) {
            Files.writeString(out, report);
        }
        return 0;
    }

    private static String markdown(int topicCount, int tweets, Map<String, Double> kld, Confusion standard,
                                   QuantificationEval.Daily daily, Confusion withoutAirline) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "SemEval-2016 Task 4 subtask D, twitter-2016test-BD: %d topics, %d tweets; "
                + "confusion of %s on the %s.%n%n", topicCount, tweets, standard.model(), standard.source()));
        out.append("| method | mean KLD over topics |\n|---|---|\n");
        kld.forEach((method, v) -> out.append(String.format(Locale.ROOT, "| %s | %.4f |%n", method, v)));
        out.append(daily("Airline corpus per airline and day, model and confusion without the airline corpus", daily, withoutAirline));
        return out.toString();
    }

    private static String daily(String title, QuantificationEval.Daily daily, Confusion confusion) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n%s (%s): %d airline days with at least the minimum tweets.%n%n", title,
                confusion.source(), daily.groups()));
        out.append("| method | MAE of daily net | bias | Pearson r |\n|---|---|---|---|\n");
        for (QuantificationEval.Tracking t : daily.tracking()) {
            out.append(String.format(Locale.ROOT, "| %s | %.3f | %+.3f | %.3f |%n", t.method(), t.mae(), t.bias(), t.pearson()));
        }
        out.append(String.format(Locale.ROOT, "%nACC's 95%% interval of the net holds the labels' net on %.0f%% of the days "
                + "(mean width %.3f).%n", 100 * daily.coverage(), daily.meanWidth()));
        return out.toString();
    }
}
