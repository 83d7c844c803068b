package org.backbeat.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.backbeat.core.health.HealthCheck;
import org.backbeat.core.health.HealthStatus;
import org.junit.jupiter.api.Test;

class HealthControllerTest {

    @Test
    void a_slow_or_throwing_check_is_reported_down_without_holding_up_the_others() {
        // given
        HealthCheck fine = HealthCheck.of("streams", () -> HealthStatus.up("RUNNING"));
        HealthCheck slow = HealthCheck.of("kafka", () -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return HealthStatus.up("late");
        });
        HealthCheck broken = HealthCheck.of("indexer", () -> {
            throw new IllegalStateException("boom");
        });

        try (HealthController health = new HealthController(List.of(fine, slow, broken), Duration.ofMillis(300))) {
            // when
            long started = System.nanoTime();
            HealthController.Report report = health.report();

            // then
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
            assertThat(report.status()).isEqualTo("DOWN");
            assertThat(report.components().keySet()).containsExactly("streams", "kafka", "indexer");
            assertThat(report.components().get("streams")).isEqualTo(new HealthController.Component("UP", "RUNNING"));
            assertThat(report.components().get("kafka")).isEqualTo(new HealthController.Component("DOWN", "no answer within 300 ms"));
            assertThat(report.components().get("indexer").detail()).contains("IllegalStateException: boom");
        }
    }

    @Test
    void no_checks_means_up() {
        try (HealthController health = new HealthController(List.of(), Duration.ofSeconds(1))) {
            assertThat(health.report().status()).isEqualTo("UP");
        }
    }
}
