package org.backbeat.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SharedDataTest {

    @Test
    void environment_wins_over_property_and_default() {
        assertThat(SharedData.resolve(Map.of("BACKBEAT_SHARED_DATA", "/srv/data"), "elsewhere")).isEqualTo(Path.of("/srv/data"));
    }

    @Test
    void property_wins_over_default() {
        assertThat(SharedData.resolve(Map.of(), "some/dir")).isEqualTo(Path.of("some/dir"));
    }

    @Test
    void default_is_relative_to_the_checkout() {
        assertThat(SharedData.resolve(Map.of("BACKBEAT_SHARED_DATA", " "), null)).isEqualTo(Path.of("../shared/data"));
        assertThat(SharedData.resolve(Map.of(), null).isAbsolute()).isFalse();
    }

    @Test
    void the_build_points_tests_at_the_real_data() {
        // surefire sets backbeat.shared.data to the folder beside the checkout
        assertThat(SharedData.path("twitter_us_airline_sentiment", "PROVENANCE.txt")).exists();
    }
}
