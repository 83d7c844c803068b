package org.backbeat.app;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.backbeat.core.JsonSerde;
import org.backbeat.core.Post;
import org.backbeat.ingest.sim.Scenarios;
import org.backbeat.ingest.sim.SimulatedPosts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes the simulated demo data set as JSONL, for replays, benchmarks and load tests. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Write simulated posts (spring 2011 cloud-locker scenario) as JSONL to a file or stdout.")
final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--seed", defaultValue = "2011", description = "Random seed; the same seed gives the same posts (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Output file (default: stdout).")
    Path out;

    @Override
    public Integer call() throws IOException {
        List<Post> posts = new SimulatedPosts(Scenarios.cloudLockers2011()).generate(seed);
        JsonSerde<Post> serde = new JsonSerde<>(Post.class);
        try (OutputStream os = new BufferedOutputStream(out == null ? System.out : Files.newOutputStream(out))) {
            for (Post post : posts) {
                os.write(serde.write(post));
                os.write('\n');
            }
        }
        if (out != null) {
            System.err.printf("Wrote %d simulated posts to %s%n", posts.size(), out);
        }
        return 0;
    }
}
