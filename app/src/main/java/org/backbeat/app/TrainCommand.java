package org.backbeat.app;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.backbeat.core.quantify.Confusion;
import org.backbeat.nlp.sentiment.SoftmaxModel;
import org.backbeat.nlp.train.ModelConfusion;
import org.backbeat.nlp.train.SentimentTraining;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Reproduces the committed sentiment model from the labelled corpora. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train the calibrated sentiment model (logistic regression over CoreNLP's distribution and tweet features) "
                + "on the train split of the labelled corpora, fit its class offsets on the calibration split, and write it as JSON.",
                "CoreNLP runs once per text (about 62,000 texts, ~8 min on 2 free cores); its output is kept in --cache so reruns take seconds.",
                "Also writes the model's confusion on its calibration split (--confusion-out), which the dashboard's corrected shares read; "
                        + "--confusion-only measures it again for the model in --out without retraining."})
final class TrainCommand implements Callable<Integer> {

    @Mixin
    SharedDataOption shared;

    @Option(names = "--cache", paramLabel = "FILE", defaultValue = ".backbeat/corenlp-cache.tsv",
            description = "CoreNLP cache file, created when missing (default ${DEFAULT-VALUE}).")
    Path cache;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", defaultValue = "nlp/src/main/resources/" + SoftmaxModel.RESOURCE,
            description = "Where to write the model (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--confusion-out", paramLabel = "FILE", defaultValue = "core/src/main/resources/" + Confusion.RESOURCE,
            description = "Where to write the model's confusion on its calibration split (default ${DEFAULT-VALUE}).")
    Path confusionOut;

    @Option(names = "--confusion-only",
            description = "Do not train: measure the confusion of the model in --out on the calibration split and write it to --confusion-out.")
    boolean confusionOnly;

    @Option(names = "--threads", defaultValue = "2", description = "CoreNLP threads for texts not cached yet (default ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() throws Exception {
        Confusion confusion;
        if (confusionOnly) {
            SoftmaxModel model;
            try (InputStream in = Files.newInputStream(out)) {
                model = SoftmaxModel.read(in);
            }
            confusion = ModelConfusion.measure(model, ModelConfusion.sha256(out), SentimentTraining.calibrationExamples(shared.data(), cache, threads));
        } else {
            SentimentTraining.Trained trained = SentimentTraining.trainAndCalibrate(shared.data(), cache, threads,
                    SentimentTraining.STANDARD, SentimentTraining.CALIBRATION_SETS);
            SoftmaxModel model = trained.model();
            model.write(out);
            System.out.printf("Wrote %s (%d features, offsets negative %.2f, positive %.2f) to %s%n", model.version(),
                    model.weights().size(), model.offsets()[0], model.offsets()[2], out);
            confusion = trained.confusion(ModelConfusion.sha256(out));
        }
        confusion.write(confusionOut);
        System.out.printf("Wrote its confusion on the %s to %s%n", confusion.source(), confusionOut);
        return 0;
    }
}
