package org.backbeat.alerts.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench runs and its rules are valid; the figures themselves come from {@code ./backbeat bench alerts}. */
class AlertBenchTest {

    @Test
    void a_small_bench_run_processes_every_post_with_a_hundred_rules(@TempDir Path dir) {
        AlertBench.Result r = AlertBench.run(AlertBench.rules(100), AlertBench.posts(Integer.getInteger("bench.posts", 3000), 200, 7),
                Integer.getInteger("bench.warmup", 1000), dir);

        System.out.printf("alert topology, %d rules: %.1f µs CPU per post (%.0f posts per CPU-second), %d alerts%n",
                r.rules(), r.cpuMicrosPerPost(), r.postsPerCpuSecond(), r.alerts());
        assertThat(r.rules()).isEqualTo(100);
        assertThat(r.posts()).isEqualTo(Integer.getInteger("bench.posts", 3000) - Integer.getInteger("bench.warmup", 1000));
        assertThat(r.cpuNanos()).isPositive();
    }
}
