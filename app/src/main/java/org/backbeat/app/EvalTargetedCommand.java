package org.backbeat.app;

import java.util.concurrent.Callable;
import org.backbeat.nlp.sentiment.Scorer;
import org.backbeat.nlp.sentiment.Scorers;
import org.backbeat.nlp.train.TargetedSentimentEval;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Measures entity-targeted against post-level sentiment on the CrowdFlower SXSW 2011 set. */
@Command(name = "eval-targeted", mixinStandardHelpOptions = true,
        description = "Entity-targeted vs post-level sentiment (accuracy, macro-recall) on the CrowdFlower SXSW 2011 "
                + "brand-emotion tweets, with the production scorer, in one run.")
final class EvalTargetedCommand implements Callable<Integer> {

    @Mixin
    SharedDataOption shared;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the number of cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--limit", paramLabel = "N", description = "Only the first N labelled rows (default: all).")
    int limit;

    @Option(names = "--held-out", description = "Only the rows of the fixed test split, which the sentiment model never "
            + "trained on (it trains on the other rows' post-level labels). Use this for figures you report.")
    boolean heldOut;

    @Override
    public Integer call() throws Exception {
        Scorer scorer = Scorers.standard();
        TargetedSentimentEval.print(TargetedSentimentEval.run(shared.data(), scorer, threads, limit, heldOut), scorer.model(), System.out);
        return 0;
    }
}
