package org.backbeat.alerts.rules;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.backbeat.core.Alert;

/**
 * A rule as data: what to watch, how to compare it with its past, and when to tell. Crosses Kafka as JSON on
 * the compacted {@code alerts.rules} topic (key = {@link #id}), lives in the rules file and the API. Absent
 * optional fields take the documented defaults in the constructor, so a rule read back always says
 * everything it does. {@link RuleValidation} says what is wrong with one.
 *
 * @param id                 stable id: lower-case letters, digits, {@code . _ -}, at most 64 characters
 * @param name               for people
 * @param kind               volume spike, sentiment dip or rise, topic burst
 * @param entities           catalogue entity ids, each evaluated on its own; empty: every entity a post is about,
 *                           each on its own; {@code ["*"]}: all matching posts together as one series
 * @param topic              taxonomy topic the posts must carry (required for a topic burst), or null
 * @param sources            post sources to count ({@code twitter}, {@code rss}, ...); empty: all
 * @param languages          ISO 639-1 languages to count; empty: all (posts of unknown language count too)
 * @param window             length of the window that is compared (tumbling, aligned to the epoch), default 1h
 * @param baseline           trailing history the window is compared with, a whole number of windows, default 7d
 * @param sensitivity        preset for {@code k}: low 3, medium 2, high 1.5 (default low when k is not set)
 * @param k                  explicit number of standard deviations above the baseline mean, instead of a preset
 * @param metric             sentiment kinds: the window's mean sentiment (default) or its negative share
 * @param confidence         sentiment kinds: confidence of the one-sided test, default 0.99
 * @param minPosts           posts the window needs before it can fire, default 10
 * @param minDistinctTexts   distinct texts the shift must rest on before it can fire, default 3 (never crying wolf:
 *                           a storm of copies of one or two texts does not fire by default)
 * @param minBaselineWindows windows of history the baseline needs before anything fires, default a seventh of the
 *                           baseline's windows and at least 3
 * @param forDuration        how long the condition must hold before it fires (JSON {@code for}), default 0
 * @param cooldown           least time between two firing alerts of this rule for one entity, default 12h
 * @param notifyResolved     whether a resolved notice follows when the condition clears, default true
 * @param severity           how loud the notice is, default WARNING
 * @param enabled            a disabled rule keeps its history but neither evaluates nor fires, default true
 */
public record AlertRule(
        String id,
        String name,
        Alert.Kind kind,
        List<String> entities,
        String topic,
        List<String> sources,
        List<String> languages,
        @JsonSerialize(using = DurationText.Serializer.class) @JsonDeserialize(using = DurationText.Deserializer.class)
        Duration window,
        @JsonSerialize(using = DurationText.Serializer.class) @JsonDeserialize(using = DurationText.Deserializer.class)
        Duration baseline,
        Sensitivity sensitivity,
        Double k,
        Metric metric,
        Double confidence,
        Integer minPosts,
        Integer minDistinctTexts,
        Integer minBaselineWindows,
        @JsonProperty("for")
        @JsonSerialize(using = DurationText.Serializer.class) @JsonDeserialize(using = DurationText.Deserializer.class)
        Duration forDuration,
        @JsonSerialize(using = DurationText.Serializer.class) @JsonDeserialize(using = DurationText.Deserializer.class)
        Duration cooldown,
        Boolean notifyResolved,
        Alert.Severity severity,
        Boolean enabled) {

    /** The entity of a rule that watches all posts together. */
    public static final String ALL = Alert.ALL_ENTITIES;
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(1);
    public static final Duration DEFAULT_BASELINE = Duration.ofDays(7);
    public static final Sensitivity DEFAULT_SENSITIVITY = Sensitivity.LOW;
    public static final double DEFAULT_CONFIDENCE = 0.99;
    public static final int DEFAULT_MIN_POSTS = 10;
    public static final int DEFAULT_MIN_DISTINCT_TEXTS = 3;
    public static final Duration DEFAULT_COOLDOWN = Duration.ofHours(12);
    /** Texts with the most copies each window keeps; the most {@code minDistinctTexts} can ask for. */
    public static final int TRACKED_TEXTS = 10;

    /** How far above its baseline a value must be, as a preset. */
    public enum Sensitivity {
        LOW(3.0), MEDIUM(2.0), HIGH(1.5);

        private final double k;

        Sensitivity(double k) {
            this.k = k;
        }

        public double k() {
            return k;
        }
    }

    /** What a sentiment rule compares. */
    public enum Metric { MEAN, NEGATIVE_SHARE }

    public AlertRule {
        entities = clean(entities, false);
        sources = clean(sources, true);
        languages = clean(languages, true);
        topic = topic == null || topic.isBlank() ? null : topic.strip();
        window = window == null ? DEFAULT_WINDOW : window;
        baseline = baseline == null ? DEFAULT_BASELINE : baseline;
        if (k == null && sensitivity == null) {
            sensitivity = DEFAULT_SENSITIVITY;
        }
        boolean sentimentKind = kind == Alert.Kind.SENTIMENT_DIP || kind == Alert.Kind.SENTIMENT_RISE;
        if (sentimentKind) {
            metric = metric == null ? Metric.MEAN : metric;
            confidence = confidence == null ? DEFAULT_CONFIDENCE : confidence;
        }
        minPosts = minPosts == null ? DEFAULT_MIN_POSTS : minPosts;
        minDistinctTexts = minDistinctTexts == null ? DEFAULT_MIN_DISTINCT_TEXTS : minDistinctTexts;
        if (minBaselineWindows == null && !window.isZero() && !window.isNegative()) {
            long n = baseline.toMillis() / window.toMillis();
            minBaselineWindows = (int) Math.min(n, Math.max(3, (n + 6) / 7));
        }
        forDuration = forDuration == null ? Duration.ZERO : forDuration;
        cooldown = cooldown == null ? DEFAULT_COOLDOWN : cooldown;
        notifyResolved = notifyResolved == null ? Boolean.TRUE : notifyResolved;
        severity = severity == null ? Alert.Severity.WARNING : severity;
        enabled = enabled == null ? Boolean.TRUE : enabled;
    }

    /** A rule with the defaults: the fields every rule needs, the rest as documented above. */
    public static AlertRule of(String id, String name, Alert.Kind kind, List<String> entities) {
        return new AlertRule(id, name, kind, entities, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null);
    }

    /** The number of standard deviations: the explicit {@code k}, else the sensitivity's. */
    public double effectiveK() {
        return k != null ? k : (sensitivity == null ? DEFAULT_SENSITIVITY : sensitivity).k();
    }

    /** Windows in the baseline. */
    public int baselineWindows() {
        return (int) (baseline.toMillis() / window.toMillis());
    }

    /** Whether the rule watches all posts as one series ({@code entities = ["*"]}). */
    public boolean watchesAll() {
        return entities.equals(List.of(ALL));
    }

    /** Whether the rule evaluates the series of {@code entity} ({@code "*"} for all posts). */
    public boolean watches(String entity) {
        if (ALL.equals(entity)) {
            return watchesAll();
        }
        return !watchesAll() && (entities.isEmpty() || entities.contains(entity));
    }

    /** Whether a post with these properties counts for this rule (entity aside). */
    public boolean accepts(String source, String language, List<String> postTopics) {
        if (!sources.isEmpty() && (source == null || !sources.contains(source.toLowerCase(Locale.ROOT)))) {
            return false;
        }
        if (!languages.isEmpty() && language != null && !languages.contains(primary(language))) {
            return false;
        }
        return topic == null || postTopics.contains(topic);
    }

    /**
     * What the rule's window aggregates depend on: its filters, window and baseline. A change to any of them
     * starts the rule's history afresh; a change to anything else (k, confidence, minimums, for, cooldown,
     * severity, enabled, notifyResolved, name) takes effect at once with the history kept.
     */
    @JsonIgnore
    public String historySignature() {
        return String.join("|", String.valueOf(kind), String.join(",", entities), String.valueOf(topic),
                String.join(",", sources), String.join(",", languages), String.valueOf(window.toMillis()),
                String.valueOf(baseline.toMillis()));
    }

    /** This rule with another id (e.g. a copy). */
    public AlertRule withId(String newId) {
        return new AlertRule(newId, name, kind, entities, topic, sources, languages, window, baseline, sensitivity,
                k, metric, confidence, minPosts, minDistinctTexts, minBaselineWindows, forDuration, cooldown,
                notifyResolved, severity, enabled);
    }

    /** This rule enabled or disabled. */
    public AlertRule withEnabled(boolean on) {
        return new AlertRule(id, name, kind, entities, topic, sources, languages, window, baseline, sensitivity,
                k, metric, confidence, minPosts, minDistinctTexts, minBaselineWindows, forDuration, cooldown,
                notifyResolved, severity, on);
    }

    /** This rule with an explicit k (the preset cleared). */
    public AlertRule withK(double newK) {
        return new AlertRule(id, name, kind, entities, topic, sources, languages, window, baseline, null,
                newK, metric, confidence, minPosts, minDistinctTexts, minBaselineWindows, forDuration, cooldown,
                notifyResolved, severity, enabled);
    }

    /** This rule with other minimums of posts and distinct texts. */
    public AlertRule withMinimums(int posts, int distinctTexts) {
        return new AlertRule(id, name, kind, entities, topic, sources, languages, window, baseline, sensitivity,
                k, metric, confidence, posts, distinctTexts, minBaselineWindows, forDuration, cooldown,
                notifyResolved, severity, enabled);
    }

    /** This rule with other timings: window, baseline, for, cooldown (null keeps each). */
    public AlertRule withTimings(Duration newWindow, Duration newBaseline, Duration newFor, Duration newCooldown) {
        Duration w = newWindow == null ? window : newWindow;
        Duration b = newBaseline == null ? baseline : newBaseline;
        boolean reshaped = !w.equals(window) || !b.equals(baseline);
        return new AlertRule(id, name, kind, entities, topic, sources, languages, w, b, sensitivity,
                k, metric, confidence, minPosts, minDistinctTexts, reshaped ? null : minBaselineWindows,
                newFor == null ? forDuration : newFor, newCooldown == null ? cooldown : newCooldown,
                notifyResolved, severity, enabled);
    }

    /** This rule with another minimum of baseline windows. */
    public AlertRule withMinBaselineWindows(int windows) {
        return new AlertRule(id, name, kind, entities, topic, sources, languages, window, baseline, sensitivity,
                k, metric, confidence, minPosts, minDistinctTexts, windows, forDuration, cooldown,
                notifyResolved, severity, enabled);
    }

    private static String primary(String language) {
        return language.strip().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
    }

    private static List<String> clean(List<String> values, boolean lowerCase) {
        if (values == null) {
            return List.of();
        }
        return values.stream().filter(Objects::nonNull).map(String::strip).filter(v -> !v.isEmpty())
                .map(v -> lowerCase ? v.toLowerCase(Locale.ROOT) : v).distinct().toList();
    }
}
