package org.backbeat.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class KafkaPropsSessionTimeoutTest {

    @Test
    void unset_or_blank_leaves_kafkas_default() {
        assertThat(KafkaProps.sessionTimeout(null)).isNull();
        assertThat(KafkaProps.sessionTimeout(" ")).isNull();
        Properties p = new Properties();
        KafkaProps.putSessionTimeout(p, "", null);
        assertThat(p).isEmpty();
    }

    @Test
    void a_timeout_sets_the_session_and_a_heartbeat_of_a_third_of_it_under_the_prefix() {
        Properties p = new Properties();
        KafkaProps.putSessionTimeout(p, StreamsConfig.MAIN_CONSUMER_PREFIX, KafkaProps.sessionTimeout(" 6000 "));
        assertThat(p).containsEntry("main.consumer.session.timeout.ms", 6000)
                .containsEntry("main.consumer.heartbeat.interval.ms", 2000).hasSize(2);
    }

    @Test
    void a_value_that_is_not_a_positive_number_is_refused_with_the_variables_name() {
        assertThatThrownBy(() -> KafkaProps.sessionTimeout("6s")).hasMessageContaining("BACKBEAT_KAFKA_SESSION_TIMEOUT_MS")
                .hasMessageContaining("'6s'");
        assertThatThrownBy(() -> KafkaProps.sessionTimeout("0")).isInstanceOf(IllegalArgumentException.class);
    }
}
