package org.backbeat.alerts.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.backbeat.core.Alert;

/** Many active rules for cost benchmarks: per entity, an hourly volume spike, a 6-hourly mean dip, a daily negative share and a lawsuit burst. */
public final class BenchmarkRules {

    private BenchmarkRules() {
    }

    /** {@code count} rules over {@code entities}, cycling through the entities, then through the four kinds. */
    public static List<AlertRule> of(int count, List<String> entities) {
        List<AlertRule> rules = new ArrayList<>();
        for (int i = 0; rules.size() < count; i++) {
            String e = entities.get(i % entities.size());
            int variant = (i / entities.size()) % 4;
            String id = "bench-" + i;
            rules.add(switch (variant) {
                case 0 -> AlertRule.of(id, "volume " + e, Alert.Kind.VOLUME_SPIKE, List.of(e));
                case 1 -> new AlertRule(id, "dip " + e, Alert.Kind.SENTIMENT_DIP, List.of(e), null, null, null,
                        Duration.ofHours(6), Duration.ofDays(14), null, null, AlertRule.Metric.MEAN, null, null, null,
                        null, null, null, null, null, null);
                case 2 -> new AlertRule(id, "negative share " + e, Alert.Kind.SENTIMENT_DIP, List.of(e), null, null,
                        null, Duration.ofDays(1), Duration.ofDays(28), null, null, AlertRule.Metric.NEGATIVE_SHARE, null,
                        null, null, null, null, null, null, null, null);
                default -> new AlertRule(id, "lawsuit " + e, Alert.Kind.TOPIC_BURST, List.of(e), "lawsuit", null, null,
                        Duration.ofHours(6), Duration.ofDays(14), null, null, null, null, null, null, null, null, null,
                        null, null, null);
            });
        }
        return rules;
    }
}
