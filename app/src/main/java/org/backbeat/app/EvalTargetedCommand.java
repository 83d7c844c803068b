package org.backbeat.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.backbeat.nlp.sentiment.Scorer;
import org.backbeat.nlp.sentiment.Scorers;
import org.backbeat.nlp.sentiment.SoftmaxModel;
import org.backbeat.nlp.train.CachedScorers;
import org.backbeat.nlp.train.CoreNlpCache;
import org.backbeat.nlp.train.SentimentTraining;
import org.backbeat.nlp.train.TargetedSentimentEval;
import org.backbeat.nlp.train.SemEvalTargetedEval;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Measures entity-targeted against post-level sentiment: on the CrowdFlower SXSW 2011 set, or with
 * {@code --semeval-b} on a SemEval subtask B file, each row's topic as the target.
 */
@Command(name = "eval-targeted", mixinStandardHelpOptions = true,
        description = "Entity-targeted vs post-level sentiment, with the production scorer, in one run: on the CrowdFlower SXSW "
                + "2011 brand-emotion tweets (accuracy, macro-recall), or with --semeval-b on a SemEval subtask B file (each "
                + "row's topic as the target; subtask B's 2-class macro-recall).")
final class EvalTargetedCommand implements Callable<Integer> {

    @Mixin
    SharedDataOption shared;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the number of cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--limit", paramLabel = "N", description = "Only the first N labelled rows (default: all).")
    int limit;

    @Option(names = "--held-out", description = "SXSW only: the rows of the fixed test split, which the sentiment model never "
            + "trained on (it trains on the other rows' post-level labels). Use this for figures you report.")
    boolean heldOut;

    @Option(names = "--semeval-b", paramLabel = "FILE", description = "A SemEval subtask B/D file (id, topic, label, text), e.g. "
            + "twitter-2016test-BD.tsv: each row's topic becomes an ad-hoc target; rows the model trained on are counted and "
            + "left out of the headline figures.")
    Path semevalB;

    @Option(names = "--cache", paramLabel = "FILE", description = "Read CoreNLP distributions from this cache and append the missing "
            + "ones (the production scorer's code and model; only CoreNLP's output is cached). Default: run CoreNLP.")
    Path cache;

    @Override
    public Integer call() throws Exception {
        if (semevalB != null && heldOut) {
            throw new IllegalArgumentException("--held-out is for the SXSW set; --semeval-b leaves out the rows the model trained on itself");
        }
        Scorer scorer = scorer();
        if (semevalB != null) {
            SemEvalTargetedEval.print(SemEvalTargetedEval.run(shared.data(), semevalB, scorer, threads, limit),
                    semevalB.getFileName().toString(), scorer.model(), System.out);
        } else {
            TargetedSentimentEval.print(TargetedSentimentEval.run(shared.data(), scorer, threads, limit, heldOut), scorer.model(), System.out);
        }
        return 0;
    }

    private Scorer scorer() {
        if (cache == null) {
            return Scorers.standard();
        }
        String version = edu.stanford.nlp.pipeline.StanfordCoreNLP.class.getPackage().getImplementationVersion();
        return CachedScorers.calibrated(new CoreNlpCache(cache, new SentimentTraining.LazyCoreNlp()), SoftmaxModel.standard(), version);
    }
}
