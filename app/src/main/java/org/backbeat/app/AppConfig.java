package org.backbeat.app;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.backbeat.core.KafkaConfig;
import org.backbeat.core.Settings;

/**
 * What the launcher itself needs: where local data lives and which infrastructure to use. Kafka or
 * Elasticsearch left unset means "start a local one" (demo) or "required" (single-stage commands).
 *
 * @param workDir       local state: Kafka logs, Elasticsearch data, Streams state
 * @param kafka         bootstrap servers (may be null) and topics
 * @param elasticsearch external Elasticsearch, or null
 * @param esHome        the unpacked Elasticsearch distribution used for a local server
 * @param esHeapMb      heap of a local Elasticsearch
 */
record AppConfig(Path workDir, KafkaConfig kafka, URI elasticsearch, Path esHome, int esHeapMb) {

    static final String ELASTICSEARCH = "elasticsearch";
    static final String ES_HOME = "es.home";
    static final String ES_HEAP_MB = "es.heap-mb";

    static AppConfig from(Settings settings) {
        String esHomeDefault = System.getProperty("backbeat.es.home");
        return new AppConfig(
                settings.workDir(),
                KafkaConfig.from(settings),
                settings.get(ELASTICSEARCH).map(AppConfig::elasticsearchUri).orElse(null),
                settings.get(ES_HOME, esHomeDefault) == null ? null : Path.of(settings.get(ES_HOME, esHomeDefault)),
                settings.getInt(ES_HEAP_MB, 512));
    }

    String requireKafka() {
        return Optional.ofNullable(kafka.bootstrapServers()).orElseThrow(() -> new IllegalArgumentException(
                "no Kafka configured: pass --kafka host:port or set BACKBEAT_KAFKA (./backbeat demo starts a local one)"));
    }

    URI requireElasticsearch() {
        return Optional.ofNullable(elasticsearch).orElseThrow(() -> new IllegalArgumentException(
                "no Elasticsearch configured: pass --elasticsearch http://host:9200 or set BACKBEAT_ELASTICSEARCH "
                        + "(./backbeat demo starts a local one)"));
    }

    private static URI elasticsearchUri(String value) {
        URI uri = URI.create(value.contains("://") ? value : "http://" + value);
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("elasticsearch must be a URL like http://localhost:9200, was '" + value + "'");
        }
        return uri;
    }
}
