package org.backbeat.dashboard;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * The timer {@code backbeat.dashboard.requests} (count and duration of the answers of the app's routes), tagged with
 * the route's path template ({@code /api/posts/{id}}, never the id), the method and the status.
 */
final class RequestMetrics {

    private static final String STARTED = "backbeat.request.started";

    private final MeterRegistry registry;

    RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A before-handler of matched routes: notes when the request started. */
    void start(Context ctx) {
        ctx.attribute(STARTED, System.nanoTime());
    }

    /** An after-handler of matched routes: records the request under its route. */
    void record(Context ctx) {
        Long started = ctx.attribute(STARTED);
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        if (started == null || endpoint == null) {
            return;
        }
        Timer.builder("backbeat.dashboard.requests")
                .description("answers of the dashboard's routes")
                .tag("route", endpoint.path)
                .tag("method", ctx.method().name())
                .tag("status", Integer.toString(ctx.statusCode()))
                .register(registry)
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }
}
