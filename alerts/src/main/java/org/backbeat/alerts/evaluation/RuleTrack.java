package org.backbeat.alerts.evaluation;

import java.time.Instant;
import java.util.List;
import org.backbeat.alerts.rules.AlertRule;

/**
 * The life of one rule for one entity, window by window: what the topology does on every post and at every
 * window close, and what a backtest does for every historical window. One code path, so a backtest fires
 * what the live topology would have.
 */
public final class RuleTrack {

    private RuleTrack() {
    }

    /**
     * A post arrived in a window that is still open: evaluate it as it stands. Only raises (an open window may
     * still change); a FIRING or disabled rule is not evaluated at all. A shift that rests on few texts (a storm
     * of copies the rule allows) waits for its window to close, so its alert counts the whole storm; a broad
     * shift fires at once.
     */
    public static AlertStateMachine.Step observe(AlertRule rule, String entity, RuleState state, WindowAggregate open,
                                                 Instant at) {
        if (!rule.enabled() || state.status() == RuleState.Status.FIRING) {
            return new AlertStateMachine.Step(state, List.of());
        }
        Verdict verdict = RuleEvaluator.evaluate(rule, open, state.baseline());
        if (!verdict.met() || verdict.drivenByFewTexts()) {
            return new AlertStateMachine.Step(state, List.of());
        }
        return AlertStateMachine.step(rule, entity, state, open, verdict, at, false);
    }

    /**
     * The window {@code state.nextToClose()} closed: its final verdict, then the window joins the baseline and
     * {@code leaving} (the window that falls out of it, or null when none does yet) leaves.
     */
    public static AlertStateMachine.Step close(AlertRule rule, String entity, RuleState state, WindowAggregate window,
                                               WindowAggregate leaving) {
        AlertStateMachine.Step step;
        if (rule.enabled()) {
            Verdict verdict = RuleEvaluator.evaluate(rule, window, state.baseline());
            step = AlertStateMachine.step(rule, entity, state, window, verdict, window.end(), true);
        } else {
            step = new AlertStateMachine.Step(state, List.of());
        }
        Baseline rolled = step.state().baseline().plus(window);
        if (leaving != null) {
            rolled = rolled.minus(leaving);
        }
        return new AlertStateMachine.Step(step.state().closed(window.end(), rolled), step.alerts());
    }

    /** The start of the window that leaves the baseline when {@code closing} joins it, or null when none does yet. */
    public static Instant leavingStart(AlertRule rule, RuleState state, Instant closing) {
        Instant leaving = closing.minus(rule.window().multipliedBy(rule.baselineWindows()));
        return leaving.isBefore(state.firstWindowStart()) ? null : leaving;
    }

    /** The start of the window holding event time {@code t} (windows align to the epoch). */
    public static Instant windowStart(AlertRule rule, Instant t) {
        long w = rule.window().toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), w) * w);
    }
}
