package org.backbeat.infra;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole local infrastructure, for when no external Kafka or Elasticsearch is configured: a
 * {@link LocalKafka} broker and a {@link LocalElasticsearch} node, started together (in parallel: the node
 * takes 10-20 s, the broker a few) and stopped together.
 *
 * <p>Start-up is all or nothing: if either fails, whatever did start is stopped before the failure is thrown.
 * A JVM shutdown hook calling {@link #close()} is the caller's job.
 */
public final class LocalInfra implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalInfra.class);

    /**
     * Where and how to run the local infrastructure.
     *
     * @param workDir   kept across runs: the broker's log in {@code workDir/kafka}, the node in
     *                  {@code workDir/elasticsearch}
     * @param kafkaPort the broker's client port on 127.0.0.1, 0 for a free one
     * @param esPort    the node's HTTP port on 127.0.0.1, 0 for a free one
     * @param esHome    the unpacked Elasticsearch distribution
     * @param esHeapMb  the node's JVM heap
     */
    public record Settings(Path workDir, int kafkaPort, int esPort, Path esHome, int esHeapMb) {

        public Settings {
            Objects.requireNonNull(workDir, "workDir");
            Objects.requireNonNull(esHome, "esHome: set " + LocalElasticsearch.HOME_PROPERTY + " to the unpacked Elasticsearch");
            if (kafkaPort < 0 || kafkaPort > 65535) {
                throw new IllegalArgumentException("kafkaPort must be 0 (any free port) or 1-65535, not " + kafkaPort);
            }
            // fail now, not half-way through start(), on a bad port or heap for Elasticsearch
            LocalElasticsearch.Settings.of(esHome, workDir).withHttpPort(esPort).withHeapMb(esHeapMb);
        }

        /** Free ports and the default heap ({@value LocalElasticsearch.Settings#DEFAULT_HEAP_MB} MB). */
        public static Settings of(Path workDir, Path esHome) {
            return new Settings(workDir, 0, 0, esHome, LocalElasticsearch.Settings.DEFAULT_HEAP_MB);
        }

        public Path kafkaDataDir() {
            return workDir.resolve("kafka");
        }

        public Path elasticsearchWorkDir() {
            return workDir.resolve("elasticsearch");
        }

        LocalElasticsearch.Settings elasticsearch() {
            return LocalElasticsearch.Settings.of(esHome, elasticsearchWorkDir()).withHttpPort(esPort).withHeapMb(esHeapMb);
        }
    }

    private final LocalKafka kafka;
    private final LocalElasticsearch elasticsearch;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalInfra(LocalKafka kafka, LocalElasticsearch elasticsearch) {
        this.kafka = kafka;
        this.elasticsearch = elasticsearch;
    }

    /**
     * Starts the broker and the node, in parallel, and returns once both answer.
     *
     * @throws InfraStartException if either does not start; the other is stopped first (or its own start-up
     *                             failure is attached as suppressed)
     */
    public static LocalInfra start(Settings settings) {
        // The node starts on its own thread; the broker on this one meanwhile.
        CompletableFuture<LocalElasticsearch> elasticsearch = new CompletableFuture<>();
        Thread esStarter = new Thread(() -> {
            try {
                elasticsearch.complete(LocalElasticsearch.start(settings.elasticsearch()));
            } catch (Throwable t) {
                elasticsearch.completeExceptionally(t);
            }
        }, "backbeat-elasticsearch-start");
        esStarter.setDaemon(true);
        esStarter.start();

        LocalKafka kafka;
        try {
            kafka = LocalKafka.start(settings.kafkaDataDir(), settings.kafkaPort());
        } catch (RuntimeException kafkaFailure) {
            // Let the node finish starting (bounded by its start timeout), then stop it.
            try {
                elasticsearch.join().close();
            } catch (CompletionException esFailure) {
                kafkaFailure.addSuppressed(esFailure.getCause());
            }
            throw kafkaFailure;
        }
        try {
            return new LocalInfra(kafka, elasticsearch.join());
        } catch (CompletionException esFailure) {
            kafka.close();
            throw esFailure.getCause() instanceof RuntimeException e ? e
                    : new InfraStartException("Elasticsearch did not start", esFailure.getCause());
        }
    }

    /** The broker's {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The node's HTTP address. */
    public URI elasticsearchUri() {
        return elasticsearch.httpUri();
    }

    /** Stops the node and the broker; a second call does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            elasticsearch.close();
        } finally {
            kafka.close();
        }
        log.info("Local infrastructure stopped");
    }
}
