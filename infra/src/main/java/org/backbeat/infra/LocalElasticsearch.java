package org.backbeat.infra;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real Elasticsearch server (the {@code integ-test-zip} distribution, unpacked at build time) run as a
 * child process: one node, on 127.0.0.1, security off.
 *
 * <p>Everything the node writes lives in the work directory and survives restarts:
 * <pre>
 *   workDir/config/   the distribution's config, refreshed from esHome on every start (plus the node's keystore)
 *   workDir/data/     indices
 *   workDir/logs/     Elasticsearch's own logs, and {@value #CONSOLE_LOG}: the child's stdout and stderr
 *   workDir/tmp/      ES_TMPDIR
 *   workDir/{@value #PID_FILE}  the server's pid while it runs
 * </pre>
 * The distribution itself (esHome) is only read. Elasticsearch refuses to run as root: when this JVM is root,
 * the server runs as {@code nobody} (see {@link UnprivilegedUser}) and the work directory is handed to it.
 *
 * <p>A server left running by a previous run that was killed (its pid file points at a live Elasticsearch of
 * this work directory) is stopped before starting a new one, so its node lock never blocks a restart.
 */
public final class LocalElasticsearch implements AutoCloseable {

    /** The cluster name of every local node; a health answer naming another cluster is not ours. */
    public static final String CLUSTER_NAME = "backbeat-local";
    /** The system property (set by the build for tests) naming the unpacked distribution. */
    public static final String HOME_PROPERTY = "backbeat.es.home";
    static final String CONSOLE_LOG = "console.log";
    static final String PID_FILE = "elasticsearch.pid";

    private static final Logger log = LoggerFactory.getLogger(LocalElasticsearch.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final int TAIL_LINES = 40;
    private static final Pattern HEALTHY = Pattern.compile("\"status\"\\s*:\\s*\"(green|yellow)\"");

    /**
     * How to start a node.
     *
     * @param esHome       the unpacked distribution ({@code bin/elasticsearch} inside)
     * @param workDir      config, data, logs and temp files of the node; kept across restarts
     * @param httpPort     the HTTP port on 127.0.0.1, or 0 for a free one
     * @param heapMb       the JVM heap, both -Xms and -Xmx
     * @param startTimeout how long to wait for cluster health green or yellow
     */
    public record Settings(Path esHome, Path workDir, int httpPort, int heapMb, Duration startTimeout) {

        public static final int DEFAULT_HEAP_MB = 512;
        /** 90 s, or the seconds in the system property {@code backbeat.es.start-timeout-s} (a loaded shared machine needs more). */
        public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(Long.getLong("backbeat.es.start-timeout-s", 90));

        public Settings {
            Objects.requireNonNull(esHome, "esHome: set " + HOME_PROPERTY + " to the unpacked Elasticsearch");
            Objects.requireNonNull(workDir, "workDir");
            Objects.requireNonNull(startTimeout, "startTimeout");
            if (httpPort < 0 || httpPort > 65535) {
                throw new IllegalArgumentException("httpPort must be 0 (any free port) or 1-65535, not " + httpPort);
            }
            if (heapMb < 128) {
                throw new IllegalArgumentException("heapMb must be at least 128, not " + heapMb);
            }
            if (startTimeout.isNegative() || startTimeout.isZero()) {
                throw new IllegalArgumentException("startTimeout must be positive, not " + startTimeout);
            }
        }

        /** A free HTTP port, {@value #DEFAULT_HEAP_MB} MB of heap and a 90 s start-up timeout. */
        public static Settings of(Path esHome, Path workDir) {
            return new Settings(esHome, workDir, 0, DEFAULT_HEAP_MB, DEFAULT_START_TIMEOUT);
        }

        public Settings withHttpPort(int port) {
            return new Settings(esHome, workDir, port, heapMb, startTimeout);
        }

        public Settings withHeapMb(int mb) {
            return new Settings(esHome, workDir, httpPort, mb, startTimeout);
        }

        public Settings withStartTimeout(Duration timeout) {
            return new Settings(esHome, workDir, httpPort, heapMb, timeout);
        }
    }

    private final ProcessTree tree;
    private final URI httpUri;
    private final Path workDir;
    private final Thread stopOnExit;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalElasticsearch(ProcessTree tree, URI httpUri, Path workDir, Thread stopOnExit) {
        this.tree = tree;
        this.httpUri = httpUri;
        this.workDir = workDir;
        this.stopOnExit = stopOnExit;
    }

    /** The distribution named by the {@value #HOME_PROPERTY} system property. */
    public static Path defaultHome() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home == null || home.isBlank()) {
            throw new IllegalStateException("system property " + HOME_PROPERTY + " is not set: point it at an unpacked"
                    + " Elasticsearch (the build unpacks one into infra/target/elasticsearch-<version>)");
        }
        return Path.of(home);
    }

    /**
     * Starts a node and waits until its cluster health is green or yellow.
     *
     * @throws InfraStartException if the distribution is missing, a port is taken, or the node exits or is not
     *                             healthy in time; the message quotes the end of its console log, and no
     *                             process of it is left running
     */
    public static LocalElasticsearch start(Settings settings) {
        Path esHome = settings.esHome().toAbsolutePath().normalize();
        Path workDir = settings.workDir().toAbsolutePath().normalize();
        Path launcher = esHome.resolve("bin").resolve("elasticsearch");
        if (!Files.isRegularFile(launcher)) {
            throw new InfraStartException("no Elasticsearch in " + esHome + ": " + launcher + " is missing. Set "
                    + HOME_PROPERTY + " to an unpacked elasticsearch-8.19.x (`mvn -pl infra generate-resources`"
                    + " unpacks one into infra/target)");
        }
        boolean asNobody = UnprivilegedUser.needed();
        if (asNobody) {
            String remedy = "Choose a work directory elsewhere (for example under /var/tmp), or run as another user.";
            UnprivilegedUser.requireReachable(workDir, "work directory", remedy);
            UnprivilegedUser.requireReachable(esHome.resolve("bin"), "Elasticsearch home", remedy);
            UnprivilegedUser.requireReachable(Path.of(System.getProperty("java.home"), "bin"), "JDK", remedy);
        }
        long started = System.nanoTime();
        try {
            makeLaunchersExecutable(esHome);
            prepareWorkDir(esHome, workDir);
            stopLeftoverServer(workDir);
            if (asNobody) {
                UnprivilegedUser.handOver(workDir);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new InfraStartException("could not prepare Elasticsearch work directory " + workDir + ": " + e, e);
        }
        int httpPort = settings.httpPort() == 0 ? PortCheck.freePort() : settings.httpPort();
        if (PortCheck.isBound(httpPort)) {
            throw new InfraStartException("cannot start Elasticsearch on 127.0.0.1:" + httpPort
                    + ": the port is already in use (another Elasticsearch?). Stop it or choose another port");
        }
        URI httpUri = URI.create("http://127.0.0.1:" + httpPort);
        Path consoleLog = workDir.resolve("logs").resolve(CONSOLE_LOG);

        ProcessTree tree = launch(settings, launcher, workDir, httpPort, asNobody);
        log.info("Starting Elasticsearch at {} (pid {}{}), work directory {}", httpUri, tree.root().pid(),
                asNobody ? ", as user " + UnprivilegedUser.NAME : "", workDir);
        // A safety net: if the JVM exits without close() (an Error, System.exit), the node still goes with it.
        Thread stopOnExit = new Thread(() -> tree.destroy(STOP_GRACE), "elasticsearch-stop-on-exit");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        try {
            awaitHealthy(tree, httpUri, consoleLog, settings.startTimeout());
        } catch (RuntimeException e) {
            removeHook(stopOnExit);
            throw e;
        }
        log.info("Elasticsearch ready at {} after {} ms", httpUri, Duration.ofNanos(System.nanoTime() - started).toMillis());
        return new LocalElasticsearch(tree, httpUri, workDir, stopOnExit);
    }

    /** The HTTP address, {@code http://127.0.0.1:<port>}. */
    public URI httpUri() {
        return httpUri;
    }

    /** The launched process (for {@code nobody}: {@code runuser}, whose descendants are the JVMs). */
    public ProcessHandle process() {
        return tree.root().toHandle();
    }

    /**
     * Stops the node: SIGTERM to the launcher (which stops its server cleanly), then to anything left of the
     * process tree; up to 30 s in all, then SIGKILL. A second call does nothing. Safe to call from a shutdown hook.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            boolean graceful = tree.destroy(STOP_GRACE);
            removeHook(stopOnExit);
            log.info("Elasticsearch at {} stopped{}", httpUri, graceful ? "" : " (killed after " + STOP_GRACE.toSeconds() + " s)");
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // close() runs from a shutdown hook itself: the safety net has nothing left to do
        }
    }

    /** Runs bin/elasticsearch with our settings as -E options, its output going to {@link #CONSOLE_LOG}. */
    private static ProcessTree launch(Settings settings, Path launcher, Path workDir, int httpPort, boolean asNobody) {
        List<String> command = new ArrayList<>(asNobody ? UnprivilegedUser.commandPrefix() : List.of());
        command.add(launcher.toString());
        command.addAll(List.of("-p", workDir.resolve(PID_FILE).toString()));
        Map.of(
                "cluster.name", CLUSTER_NAME,
                "discovery.type", "single-node",
                "network.host", "127.0.0.1",
                "http.port", String.valueOf(httpPort),
                "transport.port", String.valueOf(PortCheck.freePort()),
                "path.data", workDir.resolve("data").toString(),
                "path.logs", workDir.resolve("logs").toString(),
                "xpack.security.enabled", "false",
                // a nearly full developer disk must not turn every index read-only
                "cluster.routing.allocation.disk.threshold_enabled", "false")
                .forEach((key, value) -> command.add("-E" + key + "=" + value));

        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(workDir.resolve("logs").resolve(CONSOLE_LOG).toFile()));
        Map<String, String> env = builder.environment();
        Stream.of("JAVA_HOME", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JAVA_OPTS").forEach(env::remove);
        env.put("ES_JAVA_HOME", System.getProperty("java.home")); // the integ-test zip bundles no JDK
        env.put("ES_JAVA_OPTS", "-Xms" + settings.heapMb() + "m -Xmx" + settings.heapMb() + "m");
        env.put("ES_PATH_CONF", workDir.resolve("config").toString());
        env.put("ES_TMPDIR", workDir.resolve("tmp").toString());
        try {
            return new ProcessTree(builder.start(), asNobody);
        } catch (IOException e) {
            throw new InfraStartException("could not launch " + command + ": " + e.getMessage(), e);
        }
    }

    private static void awaitHealthy(ProcessTree tree, URI httpUri, Path consoleLog, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        // GET / answers 405 on this distribution: cluster health is the readiness signal.
        HttpRequest health = HttpRequest.newBuilder(httpUri.resolve("/_cluster/health?wait_for_status=yellow&timeout=1s"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                tree.remember();
                if (!tree.root().isAlive()) {
                    throw failure(tree, consoleLog, "Elasticsearch exited with status " + tree.root().exitValue()
                            + " before it was healthy");
                }
                if (isHealthy(http, health)) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw failure(tree, consoleLog, "Elasticsearch was not healthy at " + httpUri + " within "
                            + timeout.toSeconds() + " s");
                }
                Thread.sleep(POLL_INTERVAL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(tree, consoleLog, "interrupted while waiting for Elasticsearch to start");
        }
    }

    private static boolean isHealthy(HttpClient http, HttpRequest health) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && HEALTHY.matcher(response.body()).find()
                    && response.body().contains("\"cluster_name\":\"" + CLUSTER_NAME + "\"");
        } catch (IOException e) {
            return false; // not listening yet
        }
    }

    /** Stops the whole tree, then builds the exception quoting the end of the console log. */
    private static InfraStartException failure(ProcessTree tree, Path consoleLog, String what) {
        tree.destroy(Duration.ofSeconds(10));
        return new InfraStartException(what + ". Last lines of " + consoleLog + ":\n" + tail(consoleLog));
    }

    private static String tail(Path file) {
        try {
            String[] lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\\R");
            return String.join("\n", Arrays.copyOfRange(lines, Math.max(0, lines.length - TAIL_LINES), lines.length));
        } catch (IOException e) {
            return "(could not read it: " + e + ")";
        }
    }

    /** Some unpackers drop Unix modes; the launch scripts must be executable, also by {@code nobody}. */
    private static void makeLaunchersExecutable(Path esHome) throws IOException {
        Path bin = esHome.resolve("bin");
        if (Files.getPosixFilePermissions(bin.resolve("elasticsearch")).contains(PosixFilePermission.OTHERS_EXECUTE)) {
            return;
        }
        log.info("Making the scripts in {} executable", bin);
        try (Stream<Path> scripts = Files.list(bin)) {
            for (Path script : (Iterable<Path>) scripts::iterator) {
                String name = script.getFileName().toString();
                if (Files.isRegularFile(script) && !name.endsWith(".bat") && !name.endsWith(".exe")) {
                    Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(script));
                    permissions.addAll(EnumSet.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_READ));
                    Files.setPosixFilePermissions(script, permissions);
                }
            }
        }
    }

    /** Creates the directories and copies the distribution's config (ES_PATH_CONF) into the work directory. */
    private static void prepareWorkDir(Path esHome, Path workDir) throws IOException {
        for (String dir : List.of("data", "logs", "tmp", "config")) {
            Files.createDirectories(workDir.resolve(dir));
        }
        Path source = esHome.resolve("config");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = workDir.resolve("config").resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Stops a server of this work directory that a killed previous run left behind. */
    private static void stopLeftoverServer(Path workDir) throws IOException {
        Path pidFile = workDir.resolve(PID_FILE);
        if (!Files.exists(pidFile)) {
            return;
        }
        String content = Files.readString(pidFile).strip();
        // The server JVM of this work directory, and not a process that happens to have the pid now.
        String ourTmpDir = "-Djava.io.tmpdir=" + workDir.resolve("tmp") + " ";
        if (content.matches("\\d+")) {
            ProcessHandle.of(Long.parseLong(content))
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().map(c -> (c + " ").contains(ourTmpDir)).orElse(false))
                    .ifPresent(leftover -> {
                        log.warn("Stopping Elasticsearch pid {} left running by a previous run in {}", leftover.pid(), workDir);
                        leftover.destroy();
                        try {
                            leftover.onExit().get(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
                        } catch (TimeoutException | ExecutionException e) {
                            leftover.destroyForcibly();
                            leftover.onExit().join();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new InfraStartException("interrupted while stopping leftover Elasticsearch " + leftover.pid());
                        }
                    });
        }
        Files.deleteIfExists(pidFile);
    }
}
