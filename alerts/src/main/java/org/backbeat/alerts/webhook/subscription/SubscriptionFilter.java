package org.backbeat.alerts.webhook.subscription;

import java.util.List;
import org.backbeat.core.Alert;

/**
 * Which alerts a subscription receives. An empty list means "any".
 *
 * @param ruleIds     only alerts of these rules
 * @param entities    only alerts about these catalogue entities ({@code "*"} is the all-posts entity)
 * @param minSeverity only alerts at least this severe
 */
public record SubscriptionFilter(List<String> ruleIds, List<String> entities, Alert.Severity minSeverity) {

    public SubscriptionFilter {
        ruleIds = ruleIds == null ? List.of() : List.copyOf(ruleIds);
        entities = entities == null ? List.of() : List.copyOf(entities);
        minSeverity = minSeverity == null ? Alert.Severity.INFO : minSeverity;
    }

    /** Every alert. */
    public static SubscriptionFilter any() {
        return new SubscriptionFilter(List.of(), List.of(), Alert.Severity.INFO);
    }

    public boolean matches(Alert alert) {
        return (ruleIds.isEmpty() || ruleIds.contains(alert.ruleId()))
                && (entities.isEmpty() || entities.contains(alert.entity()))
                && alert.severity().compareTo(minSeverity) >= 0;
    }
}
