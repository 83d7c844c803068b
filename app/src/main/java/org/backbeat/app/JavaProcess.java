package org.backbeat.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A {@code backbeat} command in its own JVM, as a user or docker-compose runs it, with its output kept: the
 * process tests and the fault proof ({@link FaultProof}) start, stop, and kill.
 */
final class JavaProcess implements AutoCloseable {

    static final String DEFAULT_HEAP = "-Xmx2g";

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private JavaProcess(Process process) {
        this.process = process;
        this.reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                in.lines().forEach(output::add);
            } catch (IOException | java.io.UncheckedIOException ignored) {
                // the process is gone
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    /** Runs {@code backbeat ARGS} on this JVM's classpath. */
    static JavaProcess backbeat(String... args) throws IOException {
        return backbeat(Map.of(), args);
    }

    /** Runs {@code backbeat ARGS} with these environment variables added (settings such as BACKBEAT_INDEXER_HEALTH_PORT). */
    static JavaProcess backbeat(Map<String, String> env, String... args) throws IOException {
        return backbeat(DEFAULT_HEAP, env, args);
    }

    /** As above with this maximum heap option (e.g. {@code -Xmx1500m}). */
    static JavaProcess backbeat(String heap, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap, "-Dbackbeat.es.home=" + System.getProperty("backbeat.es.home"),
                "-cp", System.getProperty("java.class.path"), Backbeat.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        return new JavaProcess(builder.start());
    }

    Process process() {
        return process;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    List<String> output() {
        return output;
    }

    /** Waits for the process to exit by itself; returns its exit code. */
    int await(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("still running after " + seconds + " s: " + output);
        }
        reader.join(5_000);
        return process.exitValue();
    }

    /** SIGTERM, what Ctrl-C and docker stop do; waits for the exit. */
    boolean stop(long seconds) throws InterruptedException {
        process.destroy();
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    /**
     * {@code kill -9}: {@link Process#destroyForcibly()} sends SIGKILL on Linux, so no shutdown hook, no finally block
     * and no flush runs. Waits for the exit and returns the exit code, 137 (128 + 9) for a process that SIGKILL ended.
     */
    int kill(long seconds) throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("still running " + seconds + " s after SIGKILL");
        }
        reader.join(5_000);
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        reader.join(5_000);
    }
}
