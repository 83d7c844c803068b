package org.backbeat.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void the_wait_doubles_up_to_the_ceiling_and_starts_over_after_a_success() {
        // given
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(500));

        // when failures follow one another
        assertThat(backoff.current()).isEqualTo(Duration.ofMillis(100));
        backoff.grow();
        assertThat(backoff.current()).isEqualTo(Duration.ofMillis(200));
        backoff.grow();
        backoff.grow();
        backoff.grow();

        // then it stops at the ceiling, and a success resets it
        assertThat(backoff.current()).isEqualTo(Duration.ofMillis(500));
        backoff.reset();
        assertThat(backoff.current()).isEqualTo(Duration.ofMillis(100));
    }
}
