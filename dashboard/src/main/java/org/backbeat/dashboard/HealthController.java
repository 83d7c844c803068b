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
import org.backbeat.core.metrics.ConsumerLag;

/**
 * {@code GET /api/health}: runs every registered check in parallel, each bounded by a timeout, and answers
 * 200 when all are up, 503 otherwise, naming each component's state; with Kafka configured, also how far behind
 * each stage's consumer group is ({@link ConsumerLag}). Lag is shown, not judged: a backlog is not an outage.
 */
final class HealthController implements AutoCloseable {

    /** One component in the response. */
    record Component(String status, String detail) {
    }

    /**
     * The response body: {@code {"status":"UP","components":{"elasticsearch":{"status":"UP","detail":"..."}},"lag":[...]}};
     * {@code lag} is null when the process knows no Kafka.
     */
    record Report(String status, Map<String, Component> components, List<ConsumerLag.Lag> lag) {
        boolean up() {
            return "UP".equals(status);
        }
    }

    private final List<HealthCheck> checks;
    private final ConsumerLag lag;
    private final Duration timeout;
    private final ExecutorService executor;

    HealthController(List<HealthCheck> checks, Duration timeout) {
        this(checks, null, timeout);
    }

    /** @param lag the stages' consumer groups, or null: no lag in the report */
    HealthController(List<HealthCheck> checks, ConsumerLag lag, Duration timeout) {
        this.checks = List.copyOf(checks);
        this.lag = lag;
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
        CompletableFuture<List<ConsumerLag.Lag>> lags = lag == null ? null : CompletableFuture.supplyAsync(lag::measure, executor);
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Component> components = new LinkedHashMap<>();
        boolean allUp = true;
        for (var entry : running.entrySet()) {
            HealthStatus status = await(entry.getValue(), deadline);
            allUp &= status.up();
            components.put(entry.getKey(), new Component(status.up() ? "UP" : "DOWN", status.detail()));
        }
        return new Report(allUp ? "UP" : "DOWN", components, lags == null ? null : awaitLag(lags, deadline));
    }

    private List<ConsumerLag.Lag> awaitLag(CompletableFuture<List<ConsumerLag.Lag>> future, long deadline) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            future.cancel(true);
        }
        String why = "lag not measured within " + timeout.toMillis() + " ms";
        return lag.stages().stream().map(s -> new ConsumerLag.Lag(s.stage(), s.group(), -1, 0, Map.of(), why)).toList();
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
        if (lag != null) {
            lag.close();
        }
    }
}
