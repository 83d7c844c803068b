package org.backbeat.core.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Micrometer registry of a process, scraped by Prometheus at {@code GET /metrics}: every meter carries the
 * tag {@code process=<name>} (ingest, nlp, index, alerts, dashboard, demo), the JVM's meters (memory, GC, threads,
 * class loading, CPU, uptime) are bound from the start, and the process binds its Kafka clients and Streams apps
 * ({@link #bindStreams}, {@link #bindClient}) and registers its own counters on {@link #registry()}.
 *
 * <p>Served by {@link org.backbeat.core.health.HealthServer} (processes without a web app) through
 * {@link #httpHandler()}, and by the dashboard's Javalin app through {@link #scrape()} and {@link #CONTENT_TYPE}.
 */
public final class ProcessMetrics implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProcessMetrics.class);
    /** The Prometheus text exposition format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    public static final String PROCESS_TAG = "process";

    private final PrometheusMeterRegistry registry;
    private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();

    private ProcessMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    /** A registry whose meters are tagged {@code process=<process>}, with the JVM's meters bound. */
    public static ProcessMetrics create(String process) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags(PROCESS_TAG, process);
        ProcessMetrics metrics = new ProcessMetrics(registry);
        metrics.bind(new JvmMemoryMetrics());
        metrics.bind(new JvmGcMetrics());
        metrics.bind(new JvmThreadMetrics());
        metrics.bind(new ClassLoaderMetrics());
        metrics.bind(new ProcessorMetrics());
        metrics.bind(new UptimeMetrics());
        return metrics;
    }

    /** Where the process registers its own meters. */
    public MeterRegistry registry() {
        return registry;
    }

    /** Binds the meters of a binder, closing it with the registry when it holds resources. */
    public void bind(MeterBinder binder) {
        binder.bindTo(registry);
        if (binder instanceof AutoCloseable closeable) {
            closeables.add(closeable);
        }
    }

    /** Every metric of a Streams app (its threads, tasks, stores, and its consumers' and producers' metrics, lag included). */
    public void bindStreams(KafkaStreams streams) {
        bind(new KafkaStreamsMetrics(streams));
    }

    public void bindClient(Consumer<?, ?> consumer) {
        bind(new KafkaClientMetrics(consumer));
    }

    public void bindClient(Producer<?, ?> producer) {
        bind(new KafkaClientMetrics(producer));
    }

    /** Every meter in the Prometheus text format. */
    public String scrape() {
        return registry.scrape();
    }

    /** {@code GET /metrics} for the JDK's HTTP server. */
    public HttpHandler httpHandler() {
        return this::serve;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.debug("Closing a meter binder failed", e);
            }
        }
        registry.close();
    }
}
