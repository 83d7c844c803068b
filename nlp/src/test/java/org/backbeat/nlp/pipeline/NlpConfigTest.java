package org.backbeat.nlp.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.backbeat.core.Settings;
import org.junit.jupiter.api.Test;

class NlpConfigTest {

    @Test
    void defaults_use_every_core_and_keep_state_under_the_work_dir() {
        NlpConfig config = NlpConfig.from(Settings.of(Map.of("work-dir", "/var/backbeat")));

        assertThat(config.applicationId()).isEqualTo("backbeat-nlp");
        assertThat(config.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(config.stateDir()).isEqualTo(Path.of("/var/backbeat/nlp-streams"));
    }

    @Test
    void settings_override_the_defaults() {
        NlpConfig config = NlpConfig.from(Settings.of(Map.of(
                "nlp.application-id", "backbeat-nlp-replay", "nlp.threads", "3", "nlp.state-dir", "/tmp/nlp-state")));

        assertThat(config).isEqualTo(new NlpConfig("backbeat-nlp-replay", 3, Path.of("/tmp/nlp-state")));
    }

    @Test
    void the_dedupe_horizon_is_set_in_days_and_must_be_at_least_one() {
        assertThat(NlpConfig.from(Settings.of(Map.of())).dedupeHorizon()).isEqualTo(Duration.ofDays(7));
        assertThat(NlpConfig.from(Settings.of(Map.of("nlp.dedupe-days", "30"))).dedupeHorizon()).isEqualTo(Duration.ofDays(30));
        assertThatThrownBy(() -> NlpConfig.from(Settings.of(Map.of("nlp.dedupe-days", "0"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nlp.dedupe-days").hasMessageContaining("BACKBEAT_NLP_DEDUPE_DAYS");
    }

    @Test
    void a_nonsensical_thread_count_is_rejected_naming_the_setting() {
        assertThatThrownBy(() -> NlpConfig.from(Settings.of(Map.of("nlp.threads", "0"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nlp.threads").hasMessageContaining("BACKBEAT_NLP_THREADS");
    }
}
