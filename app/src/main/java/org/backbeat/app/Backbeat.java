package org.backbeat.app;

import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code backbeat} command line: one subcommand per process kind. */
@Command(name = "backbeat",
        mixinStandardHelpOptions = true,
        version = "Backbeat 0.1.0",
        description = "Tracks opinion about the music industry: ingest posts, score them with CoreNLP in Kafka Streams, "
                + "index them in Elasticsearch, chart them.",
        subcommands = {DemoCommand.class, IngestCommand.class, ImportCommand.class, NlpCommand.class, IndexCommand.class, AlertsCommand.class, DashboardCommand.class,
                SimulateCommand.class, ScoreCommand.class, EvalCommand.class, EvalTargetedCommand.class, EvalQuantifyCommand.class,
                TrainCommand.class, BenchCommand.class, ExportCommand.class, RetentionCommand.class, CommandLine.HelpCommand.class})
public final class Backbeat {

    public static void main(String[] args) {
        // CoreNLP and Jetty log through java.util.logging in places: route it to SLF4J.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Backbeat());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // A user-facing error: what was wrong, without a stack trace (the log has it).
            org.slf4j.LoggerFactory.getLogger(Backbeat.class).debug("command failed", e);
            commandLine.getErr().println("backbeat: " + e.getMessage());
            return 1;
        });
        return cli;
    }
}
