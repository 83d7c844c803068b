package org.backbeat.alerts.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.backbeat.core.Alert;

/**
 * What is wrong with a rule, each problem saying what to set. Entity ids are checked against the catalogue's
 * when the caller knows them (the API does; the topology does not refuse a rule for an entity it has never seen).
 */
public final class RuleValidation {

    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    public static final Duration MIN_WINDOW = Duration.ofMinutes(1);
    public static final Duration MAX_WINDOW = Duration.ofDays(7);
    public static final Duration MAX_BASELINE = Duration.ofDays(90);
    public static final int MAX_BASELINE_WINDOWS = 2_000;

    private RuleValidation() {
    }

    /** Throws {@link InvalidRuleException} listing every problem; returns the rule when there is none. */
    public static AlertRule requireValid(AlertRule rule, Set<String> knownEntities) {
        List<String> problems = problems(rule, knownEntities);
        if (!problems.isEmpty()) {
            throw new InvalidRuleException("rule '" + rule.id() + "'", problems);
        }
        return rule;
    }

    /** Every problem of {@code rule}; empty when it is valid. {@code knownEntities} null: not checked. */
    public static List<String> problems(AlertRule rule, Set<String> knownEntities) {
        List<String> p = new ArrayList<>();
        if (rule.id() == null || !ID.matcher(rule.id()).matches()) {
            p.add("id must be 1-64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit (was "
                    + quote(rule.id()) + ")");
        }
        if (rule.name() == null || rule.name().isBlank()) {
            p.add("name must be set: a few words for people");
        } else if (rule.name().length() > 200) {
            p.add("name must be at most 200 characters (was " + rule.name().length() + ")");
        }
        if (rule.kind() == null) {
            p.add("kind must be one of VOLUME_SPIKE, SENTIMENT_DIP, SENTIMENT_RISE, TOPIC_BURST");
        }
        if (rule.entities().contains(AlertRule.ALL) && rule.entities().size() > 1) {
            p.add("entities: \"*\" (all posts as one series) cannot be combined with entity ids");
        }
        if (knownEntities != null) {
            for (String e : rule.entities()) {
                if (!AlertRule.ALL.equals(e) && !knownEntities.contains(e)) {
                    p.add("entities: '" + e + "' is not an entity of the catalogue");
                }
            }
        }
        if (rule.kind() == Alert.Kind.TOPIC_BURST && rule.topic() == null) {
            p.add("topic must be set for a TOPIC_BURST rule (e.g. \"lawsuit\")");
        }
        timing(rule, p);
        if (rule.k() != null && rule.sensitivity() != null) {
            p.add("set either sensitivity (LOW, MEDIUM, HIGH) or k, not both");
        }
        if (rule.k() != null && !(rule.k() > 0 && rule.k() <= 10)) {
            p.add("k must be above 0 and at most 10 (was " + rule.k() + ")");
        }
        boolean sentiment = rule.kind() == Alert.Kind.SENTIMENT_DIP || rule.kind() == Alert.Kind.SENTIMENT_RISE;
        if (!sentiment && rule.metric() != null) {
            p.add("metric applies to SENTIMENT_DIP and SENTIMENT_RISE rules only: remove it");
        }
        if (!sentiment && rule.confidence() != null) {
            p.add("confidence applies to SENTIMENT_DIP and SENTIMENT_RISE rules only: remove it");
        }
        if (rule.confidence() != null && !(rule.confidence() >= 0.5 && rule.confidence() <= 0.9999)) {
            p.add("confidence must be between 0.5 and 0.9999, e.g. 0.99 (was " + rule.confidence() + ")");
        }
        if (rule.minPosts() < 1) {
            p.add("minPosts must be at least 1 (was " + rule.minPosts() + ")");
        }
        if (rule.minDistinctTexts() < 1 || rule.minDistinctTexts() > AlertRule.TRACKED_TEXTS) {
            p.add("minDistinctTexts must be between 1 and " + AlertRule.TRACKED_TEXTS + " (was " + rule.minDistinctTexts() + ")");
        }
        if (rule.forDuration().isNegative()) {
            p.add("for must not be negative (was " + DurationText.format(rule.forDuration()) + ")");
        }
        if (rule.cooldown().isNegative()) {
            p.add("cooldown must not be negative (was " + DurationText.format(rule.cooldown()) + ")");
        }
        return p;
    }

    private static void timing(AlertRule rule, List<String> p) {
        Duration w = rule.window();
        Duration b = rule.baseline();
        if (w.compareTo(MIN_WINDOW) < 0 || w.compareTo(MAX_WINDOW) > 0) {
            p.add("window must be between 1m and 7d (was " + DurationText.format(w) + ")");
            return;
        }
        if (b.compareTo(w.multipliedBy(2)) < 0 || b.compareTo(MAX_BASELINE) > 0) {
            p.add("baseline must be at least two windows and at most 90d (was " + DurationText.format(b)
                    + " for a window of " + DurationText.format(w) + ")");
            return;
        }
        if (b.toMillis() % w.toMillis() != 0) {
            p.add("baseline must be a whole number of windows (was " + DurationText.format(b) + " for a window of "
                    + DurationText.format(w) + ")");
            return;
        }
        if (rule.baselineWindows() > MAX_BASELINE_WINDOWS) {
            p.add("baseline must hold at most " + MAX_BASELINE_WINDOWS + " windows (was " + rule.baselineWindows()
                    + "): use a longer window or a shorter baseline");
        }
        if (rule.minBaselineWindows() != null
                && (rule.minBaselineWindows() < 2 || rule.minBaselineWindows() > rule.baselineWindows())) {
            p.add("minBaselineWindows must be between 2 and the baseline's " + rule.baselineWindows() + " windows (was "
                    + rule.minBaselineWindows() + ")");
        }
        if (86_400_000L % w.toMillis() != 0 && w.toMillis() % 86_400_000L != 0) {
            p.add("window must divide a day or be whole days, so windows align to midnight UTC (was "
                    + DurationText.format(w) + "): use e.g. 5m, 15m, 1h, 6h or 1d");
        }
    }

    private static String quote(String s) {
        return s == null ? "null" : "'" + s + "'";
    }
}
