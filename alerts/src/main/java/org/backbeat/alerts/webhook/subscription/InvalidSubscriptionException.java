package org.backbeat.alerts.webhook.subscription;

import java.util.List;

/** A subscription request that cannot be saved; {@link #problems()} say what to fix, one sentence each. */
public final class InvalidSubscriptionException extends RuntimeException {

    private final List<String> problems;

    public InvalidSubscriptionException(List<String> problems) {
        super("invalid subscription: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
