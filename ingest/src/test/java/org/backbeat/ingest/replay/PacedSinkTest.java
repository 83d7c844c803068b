package org.backbeat.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.backbeat.core.DeadLetter;
import org.backbeat.core.Post;
import org.backbeat.ingest.PostSink;
import org.junit.jupiter.api.Test;

class PacedSinkTest {

    /** A clock the sleeper moves forward: no real waiting. */
    private static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-11-24T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final List<Duration> waits = new ArrayList<>();
    private final List<Instant> sentAt = new ArrayList<>();
    private final PostSink recording = new PostSink() {
        @Override
        public void accept(Post post) {
            sentAt.add(clock.now);
        }

        @Override
        public void reject(DeadLetter deadLetter) {
        }

        @Override
        public void delete(String postId) {
        }

        @Override
        public void flush() {
        }
    };

    @Test
    void an_hour_of_post_time_takes_a_second_at_speed_3600() {
        // given
        PacedSink paced = new PacedSink(recording, Speed.parse("3600"), clock, d -> {
            waits.add(d);
            clock.now = clock.now.plus(d);
        });

        // when posts at 10:00, 10:30, 10:15 (out of order) and 12:00
        paced.accept(post("2011-03-29T10:00:00Z"));
        paced.accept(post("2011-03-29T10:30:00Z"));
        paced.accept(post("2011-03-29T10:15:00Z"));
        paced.accept(post("2011-03-29T12:00:00Z"));

        // then
        assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1500));
        assertThat(sentAt).containsExactly(Instant.parse("2026-11-24T00:00:00Z"), Instant.parse("2026-11-24T00:00:00.500Z"),
                Instant.parse("2026-11-24T00:00:00.500Z"), Instant.parse("2026-11-24T00:00:02Z"));
    }

    @Test
    void max_speed_never_waits() {
        PacedSink paced = new PacedSink(recording, Speed.parse("max"), clock, waits::add);

        paced.accept(post("2011-03-29T10:00:00Z"));
        paced.accept(post("2015-03-29T10:00:00Z"));

        assertThat(waits).isEmpty();
        assertThat(sentAt).hasSize(2);
    }

    @Test
    void speed_must_be_max_or_positive() {
        assertThatThrownBy(() -> Speed.parse("fast")).hasMessageStartingWith("--speed must be 'max' or a positive real-time factor");
        assertThatThrownBy(() -> Speed.parse("-2")).hasMessageContaining("was '-2'");
    }

    private static Post post(String time) {
        return Post.of("test:" + time, "test", Instant.parse(time), null, null, "text", null, null);
    }
}
