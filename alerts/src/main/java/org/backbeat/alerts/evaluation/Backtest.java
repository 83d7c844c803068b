package org.backbeat.alerts.evaluation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.time.Instant;
import org.backbeat.alerts.rules.AlertRule;
import org.backbeat.core.Alert;

/**
 * When a rule would have fired over history: its windows, oldest first, go through the same evaluation and
 * state machine as the live topology ({@link RuleTrack#close}), each window evaluated once when it closes.
 * The live topology may fire earlier inside a window (as soon as its posts pass the threshold); the alerts'
 * ids are the same, as they name the window that fired. A draft rule is backtested even when disabled.
 */
public final class Backtest {

    /** What a backtest found: the alerts, and the windows it read. */
    public record Result(List<Alert> alerts, int windows) {
    }

    private Backtest() {
    }

    /**
     * Runs {@code rule} for {@code entity} over {@code windows}: aggregates of the rule's window length, in time
     * order; missing windows between the first and the last count as empty.
     */
    public static Result run(AlertRule rule, String entity, List<WindowAggregate> windows) {
        AlertRule live = rule.enabled() ? rule : rule.withEnabled(true);
        List<Alert> alerts = new ArrayList<>();
        if (windows.isEmpty()) {
            return new Result(alerts, 0);
        }
        Map<Instant, WindowAggregate> byStart = new HashMap<>();
        for (WindowAggregate w : windows) {
            byStart.put(w.start(), w);
        }
        Instant first = RuleTrack.windowStart(live, windows.get(0).start());
        Instant last = windows.get(windows.size() - 1).start();
        RuleState state = RuleState.start(first, live.historySignature());
        int count = 0;
        for (Instant s = first; !s.isAfter(last); s = s.plus(live.window())) {
            WindowAggregate w = byStart.getOrDefault(s, WindowAggregate.empty(s, s.plus(live.window())));
            Instant leavingStart = RuleTrack.leavingStart(live, state, s);
            WindowAggregate leaving = leavingStart == null ? null
                    : byStart.getOrDefault(leavingStart, WindowAggregate.empty(leavingStart, leavingStart.plus(live.window())));
            AlertStateMachine.Step step = RuleTrack.close(live, entity, state, w, leaving);
            alerts.addAll(step.alerts());
            state = step.state();
            count++;
        }
        return new Result(alerts, count);
    }
}
