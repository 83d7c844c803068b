package org.backbeat.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.backbeat.nlp.sentiment.CalibratedScorer;
import org.backbeat.nlp.train.CoreNlpCache;
import org.backbeat.nlp.sentiment.CoreNlpScorer;
import org.backbeat.nlp.sentiment.Scorer;
import org.backbeat.nlp.sentiment.SoftmaxModel;
import org.backbeat.nlp.train.CachedScorers;
import org.backbeat.nlp.train.LabelledSets;
import org.backbeat.nlp.train.LabelledText;
import org.backbeat.nlp.train.SentimentEvaluation;
import org.backbeat.nlp.train.SentimentTrainer;
import org.backbeat.nlp.train.SentimentTraining;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Evaluates the sentiment model beside raw CoreNLP on the held-out test split of the labelled corpora. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate the calibrated sentiment model and the baseline (raw CoreNLP, 5 classes folded to 3) on the "
                + "held-out test split of the labelled corpora: macro-averaged recall, macro-F1, accuracy, per-class recall, "
                + "confusion matrices and Pearson r on graded corpora. Prints Markdown."})
final class EvalCommand implements Callable<Integer> {

    @Mixin
    SharedDataOption shared;

    @Option(names = "--sample", defaultValue = "0", paramLabel = "N",
            description = "Evaluate a fixed sample of N test texts per corpus (0: all; default ${DEFAULT-VALUE}).")
    int sample;

    @Option(names = "--sets", split = ",", paramLabel = "NAME",
            description = "Corpora to evaluate (default: all): airline, vader_tweets, vader_amazon, vader_nyt, semeval5_headlines, "
                    + "financial_phrasebank, sxsw_brands, semeval_tweets, semeval2016_test (held out: all its tweets are evaluated).")
    List<String> sets;

    @Option(names = "--no-baseline", description = "Skip the raw CoreNLP baseline.")
    boolean noBaseline;

    @Option(names = "--cache", paramLabel = "FILE",
            description = "Read CoreNLP distributions from this cache (and add missing ones): fast reruns. Default: run CoreNLP.")
    Path cache;

    @Option(names = "--train-without", split = ",", paramLabel = "NAME",
            description = "Cross-domain check: evaluate a model trained and calibrated without these corpora (trained now, with --cache) "
                    + "instead of the committed one.")
    List<String> trainWithout;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Also write the Markdown report to this file.")
    Path out;

    @Override
    public Integer call() throws Exception {
        List<String> names = sets == null ? LabelledSets.ALL : sets;
        SoftmaxModel model = trainWithout == null ? SoftmaxModel.standard() : crossDomainModel();
        List<Scorer> scorers = new ArrayList<>();
        if (cache != null) {
            CoreNlpScorer[] lazy = new CoreNlpScorer[1];
            CoreNlpCache coreNlp = new CoreNlpCache(cache, text -> {
                synchronized (lazy) {
                    if (lazy[0] == null) {
                        lazy[0] = CoreNlpScorer.load();
                    }
                }
                return lazy[0].sentences(text);
            });
            String version = edu.stanford.nlp.pipeline.StanfordCoreNLP.class.getPackage().getImplementationVersion();
            scorers.add(CachedScorers.calibrated(coreNlp, model, version));
            if (!noBaseline) {
                scorers.add(CachedScorers.baseline(coreNlp, "corenlp-" + version + "/sr/sentiment"));
            }
        } else {
            CoreNlpScorer coreNlp = CoreNlpScorer.load();
            scorers.add(CalibratedScorer.over(coreNlp, model));
            if (!noBaseline) {
                scorers.add(coreNlp);
            }
        }
        SentimentEvaluation evaluation = new SentimentEvaluation(new LabelledSets(shared.data()));
        List<SentimentEvaluation.SetResult> results = new ArrayList<>();
        for (String set : names) {
            List<LabelledText> texts = evaluation.testTexts(set, sample);
            results.add(SentimentEvaluation.evaluate(set, texts, scorers));
        }
        String report = SentimentEvaluation.markdown(results);
        System.out.print(report);
        if (out != null) {
            Files.writeString(out, report);
        }
        return 0;
    }

    private SoftmaxModel crossDomainModel() throws Exception {
        if (cache == null) {
            throw new IllegalArgumentException("--train-without needs --cache (training runs CoreNLP on ~40,000 texts otherwise twice)");
        }
        SentimentTrainer.Options options = SentimentTraining.standardWithout(trainWithout);
        List<String> calibration = SentimentTraining.calibrationSetsWithout(trainWithout);
        return SentimentTraining.train(shared.data(), cache, 2, options, calibration);
    }
}
