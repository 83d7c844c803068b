package org.backbeat.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.backbeat.nlp.sentiment.SoftmaxModel;
import org.backbeat.nlp.train.SentimentTraining;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Reproduces the committed sentiment model from the labelled corpora. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train the calibrated sentiment model (logistic regression over CoreNLP's distribution and tweet features) "
                + "on the train split of the labelled corpora, fit its class offsets on the calibration split, and write it as JSON.",
                "CoreNLP runs once per text (about 40,000 texts, ~6 min on 2 threads); its output is kept in --cache so reruns take seconds."})
final class TrainCommand implements Callable<Integer> {

    @Mixin
    SharedDataOption shared;

    @Option(names = "--cache", paramLabel = "FILE", defaultValue = ".backbeat/corenlp-cache.tsv",
            description = "CoreNLP cache file, created when missing (default ${DEFAULT-VALUE}).")
    Path cache;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", defaultValue = "nlp/src/main/resources/" + SoftmaxModel.RESOURCE,
            description = "Where to write the model (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--threads", defaultValue = "2", description = "CoreNLP threads for texts not cached yet (default ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() throws Exception {
        SoftmaxModel model = SentimentTraining.train(shared.data(), cache, threads);
        model.write(out);
        System.out.printf("Wrote %s (%d features, offsets negative %.2f, positive %.2f) to %s%n", model.version(),
                model.weights().size(), model.offsets()[0], model.offsets()[2], out);
        return 0;
    }
}
