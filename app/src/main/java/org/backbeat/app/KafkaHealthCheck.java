package org.backbeat.app;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.backbeat.core.KafkaProps;
import org.backbeat.core.health.HealthCheck;
import org.backbeat.core.health.HealthStatus;

/** Kafka is up when the cluster answers a describe-cluster call within the timeout. */
final class KafkaHealthCheck implements HealthCheck, AutoCloseable {

    private final Admin admin;
    private final Duration timeout;

    KafkaHealthCheck(String bootstrapServers, Duration timeout) {
        this.admin = Admin.create(KafkaProps.admin(bootstrapServers, "backbeat-health"));
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public HealthStatus check() {
        try {
            int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
            return brokers > 0 ? HealthStatus.up(brokers + " broker(s)") : HealthStatus.down("no brokers");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthStatus.down("interrupted");
        } catch (ExecutionException | TimeoutException e) {
            return HealthStatus.down("not reachable: " + (e.getCause() == null ? e : e.getCause()).getMessage());
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
