package org.backbeat.alerts.evaluation;

import java.time.Instant;

/**
 * Where one rule stands for one entity, kept in a state store between posts (and across restarts).
 *
 * @param status            OK, PENDING (condition true, {@code for} not yet elapsed or cooling down) or FIRING
 * @param pendingSince      event time the condition became true, while PENDING
 * @param firingWindowStart start of the window whose alert is FIRING (the resolve notice pairs with it)
 * @param lastFiredAt       event time of the last FIRING alert, for the cooldown
 * @param lastTrueWindow    start of the latest window whose verdict held: a window closing without the condition
 *                          clears PENDING or FIRING only if it is not older than this one
 * @param firstWindowStart  the first window this rule saw for this entity: history before it is unknown, not empty
 * @param nextToClose       the oldest window not yet closed
 * @param baseline          running sums over the closed windows in the baseline
 * @param signature         the rule's {@link org.backbeat.alerts.rules.AlertRule#historySignature()} the history was built for
 */
public record RuleState(Status status, Instant pendingSince, Instant firingWindowStart, Instant lastFiredAt,
                        Instant lastTrueWindow, Instant firstWindowStart, Instant nextToClose, Baseline baseline, String signature) {

    public enum Status { OK, PENDING, FIRING }

    /** A rule and entity seen for the first time, in the window starting at {@code windowStart}. */
    public static RuleState start(Instant windowStart, String signature) {
        return new RuleState(Status.OK, null, null, null, null, windowStart, windowStart, Baseline.EMPTY, signature);
    }

    RuleState with(Status s, Instant pending, Instant firingWindow, Instant lastFired) {
        return new RuleState(s, pending, firingWindow, lastFired, lastTrueWindow, firstWindowStart, nextToClose, baseline, signature);
    }

    RuleState heldIn(Instant window) {
        Instant latest = lastTrueWindow == null || window.isAfter(lastTrueWindow) ? window : lastTrueWindow;
        return new RuleState(status, pendingSince, firingWindowStart, lastFiredAt, latest, firstWindowStart, nextToClose, baseline, signature);
    }

    RuleState closed(Instant next, Baseline rolled) {
        return new RuleState(status, pendingSince, firingWindowStart, lastFiredAt, lastTrueWindow, firstWindowStart, next, rolled, signature);
    }
}
