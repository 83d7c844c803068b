package org.backbeat.core.health;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * One component of a process's health report (the dashboard's {@code GET /api/health}, the index process's
 * {@code GET /health}): Kafka, Elasticsearch, the Streams app, the indexer. Each composition root registers what
 * its process depends on; a check should answer within a couple of seconds and report failure as
 * {@link HealthStatus#down(String)} rather than throw (a throwing or slow check is reported as down anyway).
 */
public interface HealthCheck {

    /** Name shown under {@code components}, e.g. {@code elasticsearch}. */
    String name();

    HealthStatus check();

    static HealthCheck of(String name, Supplier<HealthStatus> check) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(check, "check");
        return new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public HealthStatus check() {
                return check.get();
            }
        };
    }
}
