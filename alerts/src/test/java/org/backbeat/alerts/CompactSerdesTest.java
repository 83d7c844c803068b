package org.backbeat.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.backbeat.alerts.evaluation.Baseline;
import org.backbeat.alerts.evaluation.RuleState;
import org.backbeat.alerts.evaluation.TextCount;
import org.backbeat.alerts.evaluation.WindowAggregate;
import org.backbeat.core.Alert;
import org.backbeat.core.JsonSerde;
import org.junit.jupiter.api.Test;

class CompactSerdesTest {

    private static final Instant T = Instant.parse("2011-03-29T10:15:30.123456789Z");
    private static final TextCount TEXT = new TextCount("tc_1", 3, 2, -0.75, 0.3125, 1,
            new Alert.Sample("twitter:1", T, "ann", "Cloud Drive is here — “quoted” ✓", null, -0.5));

    private static <T> T roundTrip(Serde<T> serde, T value) {
        byte[] bytes = serde.serializer().serialize("t", value);
        assertThat(bytes[0]).isEqualTo((byte) CompactSerdes.FORMAT);
        return serde.deserializer().deserialize("t", bytes);
    }

    @Test
    void observations_text_counts_windows_and_states_read_back_equal_nulls_included() {
        Observation full = new Observation("twitter:1", T, "twitter", "en", List.of("lawsuit", "pricing"), "tc_1", -0.5,
                true, "ann", "text é", "https://example.org/1", 4);
        Observation sparse = new Observation("rss:2", T, "rss", null, List.of(), "tc_2", null, false, null, "", null, -1);
        WindowAggregate window = new WindowAggregate(T, T.plusSeconds(3600), 7, 5, 6, 4, 1.25, 0.9, 2,
                List.of(TEXT, new TextCount("tc_2", 1, 0, 0, 0, 0, null)));
        RuleState state = new RuleState(RuleState.Status.FIRING, null, T, T.plusSeconds(60), T, T.minusSeconds(86_400),
                T.plusSeconds(3600), new Baseline(24, 100, 900, 80, 90, 70, -3.5, 12.25, 30), "sig|1h|7d");
        TrackedState tracked = new TrackedState(state, List.of(1L, 3_600_000L));

        assertThat(roundTrip(CompactSerdes.observations(), full)).isEqualTo(full);
        assertThat(roundTrip(CompactSerdes.observations(), sparse)).isEqualTo(sparse);
        assertThat(roundTrip(CompactSerdes.textCounts(), TEXT)).isEqualTo(TEXT);
        assertThat(roundTrip(CompactSerdes.windows(), window)).isEqualTo(window);
        assertThat(roundTrip(CompactSerdes.trackedStates(), tracked)).isEqualTo(tracked);
        assertThat(roundTrip(CompactSerdes.trackedStates(), new TrackedState(state, null))).isEqualTo(new TrackedState(state, null));
    }

    @Test
    void json_written_by_the_previous_version_still_reads_and_a_state_from_it_has_unknown_windows() {
        WindowAggregate window = new WindowAggregate(T, T.plusSeconds(3600), 7, 5, 6, 4, 1.25, 0.9, 2, List.of(TEXT));
        RuleState state = RuleState.start(T, "sig");

        assertThat(CompactSerdes.windows().deserializer().deserialize("t", new JsonSerde<>(WindowAggregate.class).write(window)))
                .isEqualTo(window);
        TrackedState legacy = CompactSerdes.trackedStates().deserializer()
                .deserialize("t", new JsonSerde<>(RuleState.class).write(state));
        assertThat(legacy.state()).isEqualTo(state);
        assertThat(legacy.filled()).isNull();
        assertThat(legacy.mayHold(T.plusSeconds(7200))).isTrue();
    }

    @Test
    void an_unknown_format_byte_is_a_serialization_error_that_says_so() {
        assertThatThrownBy(() -> CompactSerdes.windows().deserializer().deserialize("t", new byte[] {9, 0}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("format byte 9");
        assertThatThrownBy(() -> CompactSerdes.windows().deserializer().deserialize("t", "\u0001".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("not a valid WindowAggregate");
    }

    @Test
    void a_state_knows_which_windows_hold_posts_as_they_fill_and_leave() {
        TrackedState s = TrackedState.of(RuleState.start(T, "sig"));
        Instant w1 = Instant.ofEpochMilli(3_600_000);
        Instant w2 = Instant.ofEpochMilli(7_200_000);

        TrackedState filled = s.filling(w2).filling(w1).filling(w2);

        assertThat(filled.filled()).containsExactly(3_600_000L, 7_200_000L);
        assertThat(filled.mayHold(w1)).isTrue();
        assertThat(filled.mayHold(Instant.ofEpochMilli(0))).isFalse();
        assertThat(filled.leaving(w1).filled()).containsExactly(7_200_000L);
        assertThat(filled.leaving(Instant.ofEpochMilli(0))).isSameAs(filled);
    }
}
