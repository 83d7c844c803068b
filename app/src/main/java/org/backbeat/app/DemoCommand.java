package org.backbeat.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code backbeat demo}: everything on this machine, with data to look at. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start everything locally: a Kafka broker in-process and Elasticsearch as a child process "
                + "(unless --kafka/--elasticsearch name external ones), the scoring Streams app, the indexer, the alert "
                + "rules and the dashboard; replay the demo data and serve the dashboard until Ctrl-C.",
                "The default data is simulated (spring 2011, around Amazon's Cloud Drive launch); --replay plays real posts."})
final class DemoCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    PortOption port;

    @Option(names = "--replay", paramLabel = "FILE", description = "Replay this JSONL file of posts instead of the simulated data.")
    Path replay;

    @Option(names = "--seed", defaultValue = "2011", description = "Seed of the simulated data (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws InterruptedException {
        Demo demo = Demo.start(common.settings(port.settings()), new Demo.Options(replay, seed));
        System.out.println();
        System.out.println("Backbeat is running: " + demo.dashboardUri());
        System.out.println("Posts are being scored; the charts fill up as they are. Press Ctrl-C to stop.");
        RunUntilStopped.await(demo);
        return 0;
    }
}
