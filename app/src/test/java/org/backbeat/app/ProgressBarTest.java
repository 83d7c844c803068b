package org.backbeat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    private static final Instant START = Instant.parse("2026-11-24T00:00:00Z");

    @Test
    void bar_shows_the_share_of_bytes_read_and_the_post_rate() {
        ProgressBar bar = new ProgressBar(new PrintStream(new ByteArrayOutputStream()), 3_421_420, Clock.fixed(START, ZoneOffset.UTC), true);

        String line = bar.line(1_710_710, 7_320, START.plusSeconds(4));

        assertThat(line).isEqualTo("[###############---------------]  50%  7,320 posts  1,830 posts/s");
    }

    @Test
    void without_a_total_it_shows_count_and_rate_and_finish_ends_the_line() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(out, true, StandardCharsets.UTF_8), 0, Clock.fixed(START, ZoneOffset.UTC), true);

        assertThat(bar.line(0, 500, START.plusSeconds(2))).isEqualTo("500 posts  250 posts/s");
        bar.finish(0, 0);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("\r0 posts  0 posts/s" + System.lineSeparator());
    }

    @Test
    void a_disabled_bar_prints_nothing() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(out), 100, Clock.fixed(START, ZoneOffset.UTC), false);

        bar.update(50, 10);
        bar.finish(100, 20);

        assertThat(out.size()).isZero();
    }

    @Test
    void an_export_bar_shows_rows_done_of_the_total_the_rate_and_the_time_left() {
        ProgressBar bar = new ProgressBar(new PrintStream(new ByteArrayOutputStream()), 30_000, Clock.fixed(START, ZoneOffset.UTC),
                true, "rows", true);

        String line = bar.line(10_000, 10_000, START.plusSeconds(5));

        assertThat(line).isEqualTo("[##########--------------------]  33%  10,000 of 30,000 rows  2,000 rows/s  0:10 left");
    }
}
