package org.backbeat.alerts.rules;

import java.util.List;

/** A rule that cannot be used, with every problem found and what to change. */
public final class InvalidRuleException extends IllegalArgumentException {

    private final List<String> problems;

    public InvalidRuleException(String subject, List<String> problems) {
        super(subject + " is not valid: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
