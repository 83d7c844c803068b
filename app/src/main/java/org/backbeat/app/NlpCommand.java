package org.backbeat.app;

import java.util.Map;
import java.util.concurrent.Callable;
import org.backbeat.core.Catalogue;
import org.backbeat.core.Settings;
import org.backbeat.core.TopicAdmin;
import org.backbeat.nlp.pipeline.PerThreadScorer;
import org.backbeat.nlp.sentiment.Scorers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The nlp process: the Streams app scoring posts.raw into posts.scored on an external Kafka. */
@Command(name = "nlp", mixinStandardHelpOptions = true,
        description = {"Run the scoring Kafka Streams app (posts.raw -> CoreNLP -> posts.scored, bad records -> posts.dlq) "
                + "until Ctrl-C. Requires --kafka.",
                "Settings: nlp.threads (default: the number of cores), nlp.application-id, nlp.state-dir, nlp.cache-size, "
                        + "nlp.instance-id (static membership: unique per instance, stable across its restarts; default unset)."})
final class NlpCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws InterruptedException {
        Settings settings = common.settings(Map.of());
        AppConfig app = AppConfig.from(settings);
        TopicAdmin.ensureTopics(app.requireKafka(), app.kafka().topics());
        Closer closer = new Closer();
        closer.startOrClose(() -> Stages.nlp(settings, app.kafka(), Catalogue.defaults(), new PerThreadScorer(Scorers::standard), closer));
        System.out.println("Scoring posts from " + app.kafka().topics().raw().name() + ". Press Ctrl-C to stop.");
        RunUntilStopped.await(closer);
        return 0;
    }
}
