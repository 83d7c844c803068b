package org.backbeat.alerts.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.backbeat.alerts.rules.AlertRule;
import org.backbeat.core.Alert;
import org.junit.jupiter.api.Test;

/** Rule tracks window by window, as the backtest and the topology drive them. */
class AlertStateMachineTest {

    private static final Duration HOUR = Duration.ofHours(1);

    private final AlertRule rule = AlertRule.of("amazon-volume", "Amazon volume", Alert.Kind.VOLUME_SPIKE, List.of("amazon"))
            .withTimings(HOUR, Duration.ofHours(24), Duration.ZERO, Duration.ofHours(6));

    /** Hourly windows: 20 distinct posts, except the given hours with 200. */
    private static List<WindowAggregate> series(int hours, int... spikes) {
        List<WindowAggregate> windows = new ArrayList<>();
        for (int i = 0; i < hours; i++) {
            final int h = i;
            boolean spike = java.util.Arrays.stream(spikes).anyMatch(s -> s == h);
            windows.add(Windows.at(i, HOUR).distinct("h" + i, spike ? 200 : 20, 0.1).build());
        }
        return windows;
    }

    private static Instant hour(int i) {
        return Windows.T0.plus(HOUR.multipliedBy(i));
    }

    @Test
    void a_spike_fires_once_then_resolves_when_its_window_closes_quiet() {
        List<Alert> alerts = Backtest.run(rule, "amazon", series(48, 30, 31)).alerts();

        assertThat(alerts).extracting(Alert::state, Alert::windowStart, Alert::firedAt)
                .containsExactly(tuple(Alert.State.FIRING, hour(30), hour(31)), tuple(Alert.State.RESOLVED, hour(32), hour(33)));
        assertThat(alerts.get(0).id()).isEqualTo(Alert.idOf("amazon-volume", "amazon", hour(30), Alert.State.FIRING));
        assertThat(alerts.get(1).id()).isEqualTo(Alert.idOf("amazon-volume", "amazon", hour(30), Alert.State.RESOLVED));
        assertThat(alerts.get(0).posts()).isEqualTo(200);
        assertThat(alerts.get(0).distinctTexts()).isEqualTo(200);
        assertThat(alerts.get(0).summary()).startsWith("Volume spike for amazon: 200 posts in 1h vs 20 ± 0 (threshold 33.4, k = 3)");
    }

    @Test
    void a_second_spike_within_the_cooldown_stays_pending_and_fires_after_it_if_it_still_holds() {
        // spikes at 30, 33 (3 h later, inside the 6 h cooldown) and 36..40 (the cooldown ends at 31 + 6 = 37 h)
        List<Alert> alerts = Backtest.run(rule.withMinBaselineWindows(3), "amazon", series(60, 30, 33, 36, 37, 38, 39, 40)).alerts();

        assertThat(alerts).filteredOn(a -> a.state() == Alert.State.FIRING).extracting(Alert::windowStart)
                .containsExactly(hour(30), hour(36));
    }

    @Test
    void for_holds_the_alert_pending_until_the_condition_lasted_that_long_and_a_short_blip_never_fires() {
        AlertRule patient = rule.withTimings(null, null, Duration.ofHours(2), null);

        List<Alert> blip = Backtest.run(patient, "amazon", series(48, 30, 31)).alerts();
        List<Alert> lasting = Backtest.run(patient, "amazon", series(48, 30, 31, 32)).alerts();

        assertThat(blip).isEmpty();
        // true at the ends of hours 30 (pending since 31:00), 31, 32: at 33:00 two hours have passed
        assertThat(lasting).extracting(Alert::state, Alert::windowStart, Alert::firedAt)
                .containsExactly(tuple(Alert.State.FIRING, hour(32), hour(33)), tuple(Alert.State.RESOLVED, hour(33), hour(34)));
    }

    @Test
    void pending_then_firing_then_resolved_step_by_step_on_open_and_closed_windows() {
        AlertRule patient = rule.withTimings(null, null, Duration.ofMinutes(30), null);
        RuleState state = RuleState.start(hour(0), patient.historySignature());
        for (WindowAggregate w : series(24)) {
            state = RuleTrack.close(patient, "amazon", state, w, null).state();
        }
        WindowAggregate spike = Windows.at(24, HOUR).distinct("s", 40, 0.1).build();

        // the open window passes its threshold at 24:10: pending
        AlertStateMachine.Step first = RuleTrack.observe(patient, "amazon", state, spike, hour(24).plusSeconds(600));
        assertThat(first.state().status()).isEqualTo(RuleState.Status.PENDING);
        assertThat(first.alerts()).isEmpty();
        // still true at 24:40: firing
        AlertStateMachine.Step second = RuleTrack.observe(patient, "amazon", first.state(), spike, hour(24).plusSeconds(2400));
        assertThat(second.state().status()).isEqualTo(RuleState.Status.FIRING);
        assertThat(second.alerts()).extracting(Alert::state, Alert::firedAt).containsExactly(tuple(Alert.State.FIRING, hour(24).plusSeconds(2400)));
        // the window closes true (no new alert), the next closes quiet: resolved
        AlertStateMachine.Step third = RuleTrack.close(patient, "amazon", second.state(), spike, null);
        assertThat(third.alerts()).isEmpty();
        AlertStateMachine.Step fourth = RuleTrack.close(patient, "amazon", third.state(),
                Windows.at(25, HOUR).distinct("q", 20, 0.1).build(), null);
        assertThat(fourth.state().status()).isEqualTo(RuleState.Status.OK);
        assertThat(fourth.alerts()).extracting(Alert::state, Alert::id)
                .containsExactly(tuple(Alert.State.RESOLVED, Alert.idOf("amazon-volume", "amazon", hour(24), Alert.State.RESOLVED)));
    }

    @Test
    void no_resolve_notice_when_the_rule_does_not_ask_for_one_and_nothing_from_a_disabled_rule() {
        AlertRule quiet = new AlertRule(rule.id(), rule.name(), rule.kind(), rule.entities(), null, null, null, rule.window(),
                rule.baseline(), null, null, null, null, null, null, null, null, rule.cooldown(), false, null, null);

        assertThat(Backtest.run(quiet, "amazon", series(48, 30)).alerts()).extracting(Alert::state).containsExactly(Alert.State.FIRING);
        assertThat(Backtest.run(rule.withEnabled(false), "amazon", series(48, 30)).alerts()).hasSize(2); // a draft is backtested even disabled
        RuleState state = RuleState.start(hour(0), rule.historySignature());
        for (WindowAggregate w : series(48, 30)) {
            AlertStateMachine.Step step = RuleTrack.close(rule.withEnabled(false), "amazon", state, w, null);
            assertThat(step.alerts()).isEmpty();
            state = step.state();
        }
        assertThat(state.baseline().windows()).isEqualTo(48); // a disabled rule keeps its history
    }

    @Test
    void the_storm_of_one_text_says_so_when_the_rule_allows_one_text() {
        List<WindowAggregate> windows = series(24);
        windows.add(Windows.at(24, HOUR).distinct("normal", 20, 0.1).text("Amazon steals music", 150, -0.8).build());

        List<Alert> strict = Backtest.run(rule, "amazon", windows).alerts();
        List<Alert> permissive = Backtest.run(rule.withMinimums(10, 1), "amazon", windows).alerts();

        assertThat(strict).isEmpty();
        assertThat(permissive).hasSize(1);
        assertThat(permissive.get(0).summary()).contains("170 posts, 21 distinct texts; driven by 1 distinct text, 150 copies: \"Amazon steals music\"");
        Alert.Driver top = permissive.get(0).drivers().get(0);
        assertThat(top.textCluster()).isEqualTo("tc_Amazon steals music");
        assertThat(top.text()).isEqualTo("Amazon steals music");
        assertThat(top.copies()).isEqualTo(150);
        assertThat(top.sentiment()).isCloseTo(-0.8, org.assertj.core.api.Assertions.within(1e-9));
    }
}
