package org.backbeat.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ImpactCacheTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
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

    @Test
    void a_repeat_within_the_ttl_is_answered_from_the_cache_and_after_it_computed_again() {
        // given
        ManualClock clock = new ManualClock();
        ImpactCache<String, Integer> cache = new ImpactCache<>(Duration.ofSeconds(60), 10, clock);
        AtomicInteger computed = new AtomicInteger();

        // when
        int first = cache.get("amazon/launch/7", computed::incrementAndGet);
        clock.now = clock.now.plusSeconds(59);
        int repeat = cache.get("amazon/launch/7", computed::incrementAndGet);
        int other = cache.get("amazon/launch/8", computed::incrementAndGet);
        clock.now = clock.now.plusSeconds(2);
        int expired = cache.get("amazon/launch/7", computed::incrementAndGet);

        // then
        assertThat(first).isEqualTo(1);
        assertThat(repeat).isEqualTo(1);
        assertThat(other).isEqualTo(2);
        assertThat(expired).isEqualTo(3);
    }

    @Test
    void when_full_it_starts_afresh_instead_of_growing() {
        ImpactCache<Integer, Integer> cache = new ImpactCache<>(Duration.ofMinutes(1), 2, new ManualClock());
        AtomicInteger computed = new AtomicInteger();

        cache.get(1, computed::incrementAndGet);
        cache.get(2, computed::incrementAndGet);
        cache.get(3, computed::incrementAndGet); // full: forgets 1 and 2
        int again = cache.get(1, computed::incrementAndGet);

        assertThat(again).isEqualTo(4);
    }
}
