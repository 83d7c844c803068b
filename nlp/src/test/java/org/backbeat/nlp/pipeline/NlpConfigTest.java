package org.backbeat.nlp.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
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
        assertThat(config.instanceId()).as("dynamic membership unless an instance id is set").isNull();
        assertThat(NlpService.streamsProperties("kafka:9092", config)).doesNotContainKey("group.instance.id");
    }

    @Test
    void an_instance_id_turns_on_static_membership() {
        NlpConfig config = NlpConfig.from(Settings.of(Map.of("nlp.instance-id", "nlp-2")));

        assertThat(config.instanceId()).isEqualTo("nlp-2");
        assertThat(NlpService.streamsProperties("kafka:9092", config)).containsEntry("group.instance.id", "nlp-2");
    }

    @Test
    void settings_override_the_defaults() {
        NlpConfig config = NlpConfig.from(Settings.of(Map.of(
                "nlp.application-id", "backbeat-nlp-replay", "nlp.threads", "3", "nlp.state-dir", "/tmp/nlp-state")));

        assertThat(config).isEqualTo(new NlpConfig("backbeat-nlp-replay", 3, Path.of("/tmp/nlp-state")));
    }

    @Test
    void a_nonsensical_thread_count_is_rejected_naming_the_setting() {
        assertThatThrownBy(() -> NlpConfig.from(Settings.of(Map.of("nlp.threads", "0"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nlp.threads").hasMessageContaining("BACKBEAT_NLP_THREADS");
    }
}
