package org.backbeat.app;

import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.backbeat.core.Catalogue;
import org.backbeat.nlp.pipeline.PerThreadScorer;
import org.backbeat.nlp.pipeline.PostAnalyzer;
import org.backbeat.nlp.sentiment.Scorers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Scores texts from a file or stdin to JSON lines, through the same analyzer as the pipeline. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Score texts: sentiment, entities with their sentiment and mentions, topics with evidence.",
                "Input (UTF-8): one text per line, or JSON lines {\"id\":..., \"text\":..., \"headline\":..., \"lang\":...}. "
                        + "Output: one JSON line per text, in input order; errors go to stderr and the run goes on."})
final class ScoreCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "Input file; - or none reads stdin.")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here instead of stdout.")
    Path output;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: 2, or 1 on one core).")
    Integer threads;

    @Option(names = "--catalogue", paramLabel = "FILE", description = "Catalogue of tracked entities (default: the built-in one).")
    Path catalogue;

    @Override
    public Integer call() throws Exception {
        // Logs go to stderr: stdout carries only the results.
        PrintStream stdout = System.out;
        System.setOut(System.err);
        int workers = threads != null ? threads : Math.min(2, Runtime.getRuntime().availableProcessors());
        Catalogue entities = catalogue == null ? Catalogue.defaults() : Catalogue.load(catalogue);
        PostAnalyzer analyzer = PostAnalyzer.standard(entities, new PerThreadScorer(Scorers::standard), Clock.systemUTC());
        long start = System.nanoTime();
        ScoreRun.Summary summary;
        try (Reader in = utf8Reader(input == null || input.toString().equals("-") ? System.in : Files.newInputStream(input));
             PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(
                     output == null ? nonClosing(stdout) : new FileOutputStream(output.toFile()), StandardCharsets.UTF_8), 1 << 16));
             PrintWriter err = new PrintWriter(new OutputStreamWriter(nonClosing(System.err), StandardCharsets.UTF_8), true)) {
            summary = new ScoreRun(analyzer, workers).run(in, out, err);
            double seconds = (System.nanoTime() - start) / 1e9;
            err.printf("backbeat score: %d scored, %d failed, %d blank lines skipped in %.1f s (%.1f texts/s, %d threads, model %s)%n",
                    summary.written(), summary.failed(), summary.blank(), seconds, summary.written() / Math.max(seconds, 1e-9),
                    workers, analyzer.model());
        }
        return 0; // lines that failed are on stderr; the run itself succeeded
    }

    /** Bad bytes become U+FFFD instead of failing the run. */
    private static Reader utf8Reader(InputStream in) {
        return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws java.io.IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws java.io.IOException {
                flush();
            }
        };
    }
}
