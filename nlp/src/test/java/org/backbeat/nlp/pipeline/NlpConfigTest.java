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
        assertThat(config.instanceId()).as("dynamic membership unless an instance id is set").isNull();
    }

    @Test
    void settings_override_the_defaults() {
        NlpConfig config = NlpConfig.from(Settings.of(Map.of(
                "nlp.application-id", "backbeat-nlp-replay", "nlp.threads", "3", "nlp.state-dir", "/tmp/nlp-state")));

        assertThat(config.applicationId()).isEqualTo("backbeat-nlp-replay");
        assertThat(config.threads()).isEqualTo(3);
        assertThat(config.stateDir()).isEqualTo(Path.of("/tmp/nlp-state"));
    }

    @Test
    void membership_is_dynamic_without_standbys_and_health_on_any_free_port_by_default() {
        NlpConfig config = NlpConfig.from(Settings.of(Map.of()));

        assertThat(config.instanceId()).isNull();
        assertThat(config.standbyReplicas()).isZero();
        assertThat(config.healthHost()).isEqualTo("127.0.0.1");
        assertThat(config.healthPort()).isZero();
        assertThat(NlpService.streamsProperties("localhost:9092", config))
                .doesNotContainKey("main.consumer.group.instance.id").doesNotContainKey("consumer.group.instance.id")
                .containsEntry("num.standby.replicas", 0);
    }

    @Test
    void an_instance_id_makes_membership_static_and_standbys_are_configurable() {
        NlpConfig config = NlpConfig.from(Settings.of(Map.of("instance-id", "nlp-2", "nlp.standby-replicas", "1")));

        assertThat(NlpService.streamsProperties("localhost:9092", config))
                .containsEntry("consumer.group.instance.id", "nlp-2")
                .containsEntry("num.standby.replicas", 1)
                .containsEntry("application.id", "backbeat-nlp");
    }

    @Test
    void the_instance_id_hostname_stands_for_this_machines_host_name() throws Exception {
        String expected = System.getenv("HOSTNAME") != null && !System.getenv("HOSTNAME").isBlank()
                ? System.getenv("HOSTNAME").strip() : java.net.InetAddress.getLocalHost().getHostName();

        assertThat(NlpConfig.from(Settings.of(Map.of("instance-id", "hostname"))).instanceId()).isEqualTo(expected);
    }

    @Test
    void an_instance_id_with_spaces_is_rejected_naming_the_variable() {
        assertThatThrownBy(() -> NlpConfig.from(Settings.of(Map.of("instance-id", "nlp 2"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BACKBEAT_INSTANCE_ID");
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
