package org.backbeat.infra;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker running inside this JVM: {@link KafkaRaftServer} in KRaft combined mode (broker and
 * controller, node id 1, a static single-voter quorum), listening on 127.0.0.1 only.
 *
 * <p>The log directory survives restarts: it is formatted on first start only (when {@code meta.properties}
 * is missing), so topics and records written by one run are there for the next.
 *
 * <p>A fatal broker error would normally call {@code Exit.halt} and kill the host JVM. While a broker runs,
 * {@link Exit} procedures log and throw instead; {@link #close()} resets them to the defaults.
 */
public final class LocalKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalKafka.class);
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalKafka(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Starts a broker with its log in {@code dataDir} and waits until it answers an admin request.
     *
     * @param port the client port on 127.0.0.1, or 0 for a free one
     * @throws InfraStartException if the broker does not start or answer within 60 s (it is stopped first)
     */
    public static LocalKafka start(Path dataDir, int port) {
        int clientPort = port == 0 ? PortCheck.freePort() : port;
        String bootstrap = "127.0.0.1:" + clientPort;
        long started = System.nanoTime();
        installExitProcedures();
        KafkaRaftServer server = null;
        try {
            Files.createDirectories(dataDir);
            KafkaConfig config = new KafkaConfig(brokerProperties(dataDir, clientPort, PortCheck.freePort()));
            formatOnFirstStart(config);
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            LocalKafka kafka = new LocalKafka(server, bootstrap);
            kafka.awaitAnswer();
            log.info("Kafka broker ready at {} (data in {}) after {} ms",
                    bootstrap, dataDir, Duration.ofNanos(System.nanoTime() - started).toMillis());
            return kafka;
        } catch (Exception e) {
            if (server != null) {
                try {
                    stop(server);
                } catch (RuntimeException stopFailure) {
                    e.addSuppressed(stopFailure);
                }
            }
            Exit.resetExitProcedure();
            Exit.resetHaltProcedure();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new InfraStartException("the local Kafka broker did not start on " + bootstrap
                    + " with data in " + dataDir + ": " + e, e);
        }
    }

    /** The {@code bootstrap.servers} value for clients, {@code 127.0.0.1:<port>}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Shuts the broker down and waits until it has; a second call does nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            stop(server);
            Exit.resetExitProcedure();
            Exit.resetHaltProcedure();
            log.info("Kafka broker at {} stopped", bootstrapServers);
        }
    }

    private static Properties brokerProperties(Path dataDir, int clientPort, int controllerPort) {
        Properties p = new Properties();
        p.putAll(Map.of(
                "process.roles", "broker,controller",
                "node.id", String.valueOf(NODE_ID),
                "controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort,
                "listeners", "PLAINTEXT://127.0.0.1:" + clientPort + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort,
                "advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort,
                "listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT",
                "controller.listener.names", CONTROLLER_LISTENER,
                "inter.broker.listener.name", "PLAINTEXT",
                "log.dirs", dataDir.toAbsolutePath().toString()));
        // One broker: internal topics cannot have more than one replica, or exactly-once Streams hangs.
        p.putAll(Map.of(
                "offsets.topic.replication.factor", "1",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "share.coordinator.state.topic.replication.factor", "1",
                "share.coordinator.state.topic.min.isr", "1",
                "group.initial.rebalance.delay.ms", "0",
                // Topics are created on purpose, with their partition count, never by a typo.
                "auto.create.topics.enable", "false",
                // The default 128 MiB compaction buffer is sized for a production broker.
                "log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024)));
        return p;
    }

    /** Formats the log directory, as {@code kafka-storage format} would, unless it already holds a node. */
    private static void formatOnFirstStart(KafkaConfig config) throws Exception {
        Path metaProperties = Path.of(config.metadataLogDir(), "meta.properties");
        if (Files.exists(metaProperties)) {
            return;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Formatter formatter = new Formatter()
                .setPrintStream(new PrintStream(output, true, StandardCharsets.UTF_8))
                .setNodeId(config.nodeId())
                .setClusterId(Uuid.randomUuid().toString())
                .setControllerListenerName(CONTROLLER_LISTENER)
                .setMetadataLogDirectory(config.metadataLogDir());
        config.logDirs().forEach(formatter::addDirectory);
        formatter.run();
        log.info("Formatted Kafka storage in {} (first start)", config.metadataLogDir());
        log.debug("Formatter output: {}", output.toString(StandardCharsets.UTF_8).strip());
    }

    private void awaitAnswer() throws Exception {
        Map<String, Object> adminProps = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "backbeat-local-kafka-probe");
        try (Admin admin = Admin.create(adminProps)) {
            int nodes = admin.describeCluster().nodes().get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS).size();
            if (nodes != 1) {
                throw new IllegalStateException("the broker reports " + nodes + " nodes, expected 1");
            }
        }
    }

    private static void stop(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }

    private static void installExitProcedures() {
        Exit.setExitProcedure((status, message) -> {
            log.error("Kafka broker asked to exit the JVM with status {}: {}", status, message);
            throw new IllegalStateException("Kafka broker asked to exit with status " + status + ": " + message);
        });
        Exit.setHaltProcedure((status, message) -> {
            log.error("Kafka broker asked to halt the JVM with status {}: {}", status, message);
            throw new IllegalStateException("Kafka broker asked to halt with status " + status + ": " + message);
        });
    }
}
