package org.backbeat.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.backbeat.core.Settings;
import org.backbeat.index.schema.PostIndexConfig;
import org.junit.jupiter.api.Test;

class DashboardConfigTest {

    @Test
    void defaults_bind_locally_and_use_the_standard_index() {
        DashboardConfig config = DashboardConfig.defaults();

        assertThat(config).isEqualTo(new DashboardConfig(7070, "127.0.0.1", new PostIndexConfig("backbeat-posts", 0), null));
    }

    @Test
    void settings_override_every_default() {
        DashboardConfig config = DashboardConfig.from(Settings.of(Map.of(
                "dashboard.port", "8080", "dashboard.host", "0.0.0.0", "es.index", "posts-2011",
                "es.replicas", "1", "indexer.group", "indexer-b", "dashboard.data-notice", "  Simulated data  ")));

        assertThat(config).isEqualTo(new DashboardConfig(8080, "0.0.0.0", new PostIndexConfig("posts-2011", 1), "Simulated data"));
    }

    @Test
    void invalid_values_fail_with_the_setting_to_fix() {
        assertThatThrownBy(() -> DashboardConfig.from(Settings.of(Map.of("dashboard.port", "70000"))))
                .hasMessageContaining("dashboard.port");
        assertThatThrownBy(() -> DashboardConfig.from(Settings.of(Map.of("es.index", "Backbeat"))))
                .hasMessageContaining("es.index");
        assertThatThrownBy(() -> DashboardConfig.from(Settings.of(Map.of("es.replicas", "-1"))))
                .hasMessageContaining("es.replicas");
    }

    @Test
    void intervals_parse_from_their_ids_only() {
        assertThat(Interval.parse("week")).contains(Interval.WEEK);
        assertThat(Interval.parse(" HOUR ")).contains(Interval.HOUR);
        assertThat(Interval.parse("fortnight")).isEmpty();
        assertThat(Interval.parse(null)).isEmpty();
    }

    @Test
    void series_times_accept_instants_and_dates() {
        assertThat(Params.parseTime("2011-03-29")).isEqualTo(PostQueriesTest.day("2011-03-29"));
        assertThat(Params.parseTime("2011-03-29T12:30:00Z")).isEqualTo(java.time.Instant.parse("2011-03-29T12:30:00Z"));
        assertThat(Params.parseTime("last tuesday")).isNull();
    }
}
