package org.backbeat.alerts.evaluation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.backbeat.alerts.rules.AlertRule;
import org.backbeat.alerts.rules.DurationText;
import org.backbeat.core.Alert;

/**
 * Pending → firing → resolved, per rule and entity, as Prometheus does it, with a cooldown:
 * <ul>
 *   <li>OK and the condition holds: FIRING at once when {@code for} is 0, else PENDING;</li>
 *   <li>PENDING and it still holds {@code for} after it first did: FIRING;</li>
 *   <li>a FIRING alert is not repeated while the condition holds;</li>
 *   <li>a window that closes without the condition: PENDING goes back to OK, FIRING resolves (with a RESOLVED
 *       notice when the rule asks for one);</li>
 *   <li>within {@code cooldown} of the last FIRING alert nothing fires: the condition stays PENDING until the
 *       cooldown is over, then fires if it still holds.</li>
 * </ul>
 * A window still open can only raise (its posts may yet change the verdict); only a closed window clears, and
 * only if no newer window has held the condition.
 * Alert ids are {@link Alert#idOf}(rule, entity, start of the window that fired, state): the same history
 * gives the same ids in every run.
 */
public final class AlertStateMachine {

    /** A new state and the alerts the step raised. */
    public record Step(RuleState state, List<Alert> alerts) {
    }

    private AlertStateMachine() {
    }

    /**
     * One evaluation.
     *
     * @param at     event time of the evaluation: the post's time for an open window, the window end for a closed one
     * @param closed whether the window is closed (its verdict final)
     */
    public static Step step(AlertRule rule, String entity, RuleState state, WindowAggregate window, Verdict verdict,
                            Instant at, boolean closed) {
        if (!rule.enabled()) {
            return new Step(state, List.of());
        }
        List<Alert> alerts = new ArrayList<>(1);
        RuleState next = state;
        if (verdict.met()) {
            state = state.heldIn(window.start());
            switch (state.status()) {
                case OK -> next = rule.forDuration().isZero()
                        ? fire(rule, entity, state, window, verdict, at, at, alerts)
                        : state.with(RuleState.Status.PENDING, at, null, state.lastFiredAt());
                case PENDING -> next = !at.isBefore(state.pendingSince().plus(rule.forDuration()))
                        ? fire(rule, entity, state, window, verdict, at, state.pendingSince(), alerts)
                        : state;
                case FIRING -> next = state;
            }
        } else if (closed && (state.lastTrueWindow() == null || !state.lastTrueWindow().isAfter(window.start()))) {
            // (an older window closing without the condition says nothing of a newer one where it holds)
            switch (state.status()) {
                case PENDING -> next = state.with(RuleState.Status.OK, null, null, state.lastFiredAt());
                case FIRING -> {
                    if (rule.notifyResolved()) {
                        alerts.add(alert(rule, entity, Alert.State.RESOLVED, state.firingWindowStart(), window, verdict,
                                window.end()));
                    }
                    next = state.with(RuleState.Status.OK, null, null, state.lastFiredAt());
                }
                case OK -> next = state;
            }
        }
        return new Step(next, alerts);
    }

    private static RuleState fire(AlertRule rule, String entity, RuleState state, WindowAggregate window,
                                  Verdict verdict, Instant at, Instant pendingSince, List<Alert> alerts) {
        if (state.lastFiredAt() != null && at.isBefore(state.lastFiredAt().plus(rule.cooldown()))) {
            return state.with(RuleState.Status.PENDING, pendingSince, null, state.lastFiredAt()); // cooling down
        }
        alerts.add(alert(rule, entity, Alert.State.FIRING, window.start(), window, verdict, at));
        return state.with(RuleState.Status.FIRING, null, window.start(), at);
    }

    /** The alert of a step, with its stable id, numbers, drivers, samples and a sentence for people. */
    static Alert alert(AlertRule rule, String entity, Alert.State alertState, Instant idWindow, WindowAggregate window,
                       Verdict verdict, Instant at) {
        List<Alert.Driver> drivers = verdict.drivers().stream().map(TextCount::driver).toList();
        List<Alert.Sample> samples = verdict.drivers().stream().map(TextCount::example)
                .filter(s -> s != null).limit(3).toList();
        if (samples.isEmpty()) {
            samples = window.topTexts().stream().map(TextCount::example).filter(s -> s != null).limit(3).toList();
        }
        return new Alert(Alert.SCHEMA_VERSION, Alert.idOf(rule.id(), entity, idWindow, alertState), rule.id(),
                rule.name(), rule.kind(), alertState, rule.severity(), entity, rule.topic(), window.start(), window.end(),
                at, finite(verdict.observed()), finite(verdict.baselineMean()), finite(verdict.baselineStdDev()),
                finite(verdict.threshold()), finite(verdict.score()), verdict.pValue(), window.posts(), window.texts(),
                drivers, samples, summary(rule, entity, alertState, window, verdict),
                alertState == Alert.State.FIRING && verdict.drivenByFewTexts());
    }

    /** One sentence: what moved, by how much, on how many posts and texts, and what drove it. */
    static String summary(AlertRule rule, String entity, Alert.State alertState, WindowAggregate window, Verdict v) {
        String who = Alert.ALL_ENTITIES.equals(entity) ? "all posts" : entity;
        String span = DurationText.format(rule.window());
        String what = switch (rule.kind()) {
            case VOLUME_SPIKE -> "Volume spike for " + who + ": " + window.posts() + " posts in " + span + " vs "
                    + RuleEvaluator.fmt(v.baselineMean()) + " ± " + RuleEvaluator.fmt(v.baselineStdDev())
                    + " (threshold " + RuleEvaluator.fmt(v.threshold()) + ", k = " + RuleEvaluator.fmt(rule.effectiveK()) + ")";
            case TOPIC_BURST -> "Topic burst '" + rule.topic() + "' for " + who + ": " + window.posts() + " posts in "
                    + span + " vs " + RuleEvaluator.fmt(v.baselineMean()) + " ± " + RuleEvaluator.fmt(v.baselineStdDev())
                    + " (threshold " + RuleEvaluator.fmt(v.threshold()) + ", k = " + RuleEvaluator.fmt(rule.effectiveK()) + ")";
            case SENTIMENT_DIP, SENTIMENT_RISE -> {
                boolean share = rule.metric() == AlertRule.Metric.NEGATIVE_SHARE;
                String dir = rule.kind() == Alert.Kind.SENTIMENT_DIP ? "dip" : "rise";
                yield "Sentiment " + dir + " for " + who + ": " + (share ? "negative share " : "mean sentiment ")
                        + num(v.observed(), share) + " in " + span + " vs " + num(v.baselineMean(), share)
                        + (v.pValue() == null ? "" : String.format(Locale.ROOT, " (p = %.2g, confidence %s)", v.pValue(),
                        RuleEvaluator.fmt(rule.confidence())));
            }
        };
        StringBuilder s = new StringBuilder(alertState == Alert.State.RESOLVED ? "Resolved: " + decap(what) : what);
        s.append("; ").append(window.posts()).append(window.posts() == 1 ? " post, " : " posts, ")
                .append(window.texts()).append(window.texts() == 1 ? " distinct text" : " distinct texts");
        if (alertState == Alert.State.FIRING && v.drivenByFewTexts() && !v.drivers().isEmpty()) {
            String text = v.drivers().get(0).example() == null ? null : v.drivers().get(0).example().text();
            s.append("; driven by ").append(RuleEvaluator.texts(v.drivingTexts(), v.drivingCopies()));
            if (text != null) {
                s.append(": \"").append(text.length() > 120 ? text.substring(0, 119) + "…" : text).append('"');
            }
        }
        return s.toString();
    }

    private static String num(double v, boolean share) {
        return share ? String.format(Locale.ROOT, "%.0f%%", 100 * v) : String.format(Locale.ROOT, "%+.2f", v);
    }

    private static String decap(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : (Double.isNaN(v) ? 0 : Math.copySign(Double.MAX_VALUE, v));
    }
}
