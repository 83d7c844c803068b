package org.backbeat.dashboard;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.backbeat.core.health.HealthCheck;
import org.backbeat.core.health.HealthStatus;

/**
 * {@code GET /api/health}: runs every registered check in parallel, each bounded by a timeout, and answers
 * 200 when all are up, 503 otherwise, naming each component's state.
 */
final class HealthController implements AutoCloseable {

    /** One component in the response. */
    record Component(String status, String detail) {
    }

    /** The response body: {@code {"status":"UP","components":{"elasticsearch":{"status":"UP","detail":"..."}}}}. */
    record Report(String status, Map<String, Component> components) {
        boolean up() {
            return "UP".equals(status);
        }
    }

    private final List<HealthCheck> checks;
    private final Duration timeout;
    private final ExecutorService executor;

    HealthController(List<HealthCheck> checks, Duration timeout) {
        this.checks = List.copyOf(checks);
        this.timeout = timeout;
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "backbeat-health-check");
            t.setDaemon(true);
            return t;
        });
    }

    void health(Context ctx) {
        Report report = report();
        ctx.status(report.up() ? 200 : 503).json(report);
    }

    Report report() {
        Map<String, CompletableFuture<HealthStatus>> running = new LinkedHashMap<>();
        for (HealthCheck check : checks) {
            running.put(check.name(), CompletableFuture.supplyAsync(check::check, executor));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Component> components = new LinkedHashMap<>();
        boolean allUp = true;
        for (var entry : running.entrySet()) {
            HealthStatus status = await(entry.getValue(), deadline);
            allUp &= status.up();
            components.put(entry.getKey(), new Component(status.up() ? "UP" : "DOWN", status.detail()));
        }
        return new Report(allUp ? "UP" : "DOWN", components);
    }

    private HealthStatus await(CompletableFuture<HealthStatus> future, long deadline) {
        try {
            HealthStatus status = future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return status == null ? HealthStatus.down("check returned nothing") : status;
        } catch (TimeoutException e) {
            future.cancel(true);
            return HealthStatus.down("no answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthStatus.down("interrupted");
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return HealthStatus.down("check failed: " + cause);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
