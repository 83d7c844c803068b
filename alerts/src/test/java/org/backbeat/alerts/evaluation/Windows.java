package org.backbeat.alerts.evaluation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.backbeat.alerts.rules.AlertRule;
import org.backbeat.core.Alert;

/** Builds window aggregates post by post, as the topology does, for the evaluation tests. */
final class Windows {

    static final Instant T0 = Instant.parse("2011-03-01T00:00:00Z");

    private final Instant start;
    private final Duration length;
    private WindowAggregate agg;
    private final Map<String, TextCount> texts = new HashMap<>();

    Windows(Instant start, Duration length) {
        this.start = start;
        this.length = length;
        this.agg = WindowAggregate.empty(start, start.plus(length));
    }

    static Windows at(int index, Duration length) {
        return new Windows(T0.plus(length.multipliedBy(index)), length);
    }

    /** {@code copies} posts of one text with this sentiment (negative below -0.25). */
    Windows text(String text, int copies, Double sentiment) {
        for (int i = 0; i < copies; i++) {
            TextCount before = texts.get(text);
            boolean negative = sentiment != null && sentiment < -0.25;
            TextCount after = before == null
                    ? TextCount.first("tc_" + text, sentiment, negative,
                    new Alert.Sample("p:" + text + ":" + i, start, "someone", text, "https://example.org/" + i, sentiment))
                    : before.plus(sentiment, negative);
            texts.put(text, after);
            agg = agg.plusPost(before == null, sentiment != null && (before == null || before.scoredCopies() == 0),
                    sentiment, negative);
        }
        return this;
    }

    /** {@code n} distinct texts, once each, with this sentiment. */
    Windows distinct(String prefix, int n, Double sentiment) {
        for (int i = 0; i < n; i++) {
            text(prefix + " " + i, 1, sentiment);
        }
        return this;
    }

    WindowAggregate build() {
        return agg.withTopTexts(new ArrayList<>(texts.values()), AlertRule.TRACKED_TEXTS);
    }

    /** A baseline of the given windows. */
    static Baseline baseline(List<WindowAggregate> windows) {
        Baseline b = Baseline.EMPTY;
        for (WindowAggregate w : windows) {
            b = b.plus(w);
        }
        return b;
    }
}
