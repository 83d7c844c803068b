package org.backbeat.alerts.webhook;

import java.time.Instant;
import java.util.List;
import org.backbeat.core.Alert;

/** Alerts for tests. */
final class Alerts {

    private Alerts() {
    }

    static Alert volumeSpike(String ruleId, String entity, Instant windowStart) {
        return volumeSpike(ruleId, entity, windowStart, Alert.Severity.WARNING, "Amazon launches Cloud Drive");
    }

    static Alert volumeSpike(String ruleId, String entity, Instant windowStart, Alert.Severity severity, String driverText) {
        Instant windowEnd = windowStart.plusSeconds(3600);
        return new Alert(Alert.SCHEMA_VERSION, Alert.idOf(ruleId, entity, windowStart, Alert.State.FIRING), ruleId,
                "Volume spike " + entity, Alert.Kind.VOLUME_SPIKE, Alert.State.FIRING, severity, entity, null,
                windowStart, windowEnd, windowEnd.minusSeconds(30), 412, 35.5, 12.25, 72.25, 30.73, 0.0004, 412, 380,
                List.of(new Alert.Driver("c1", driverText, 150, -0.4), new Alert.Driver("c2", "Cloud Player works", 3, 0.5)),
                List.of(new Alert.Sample("p1", windowStart.plusSeconds(60), "musicfan", "Locker launched without licences",
                        "https://twitter.com/musicfan/status/1", -0.3)),
                "Volume for " + entity + ": 412 posts in 1 h vs 35.5 ± 12.25 (k = 3)");
    }
}
