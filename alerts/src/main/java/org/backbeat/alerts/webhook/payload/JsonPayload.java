package org.backbeat.alerts.webhook.payload;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.backbeat.core.Alert;

/**
 * Backbeat's own webhook body, in the envelope Standard Webhooks suggests ({@code type}, {@code timestamp},
 * {@code data}). The schema is documented in docs/alerts.md; field names only ever get added.
 */
final class JsonPayload {

    static final int SCHEMA_VERSION = 1;

    private JsonPayload() {
    }

    static ObjectNode render(ObjectMapper mapper, Alert alert, String dashboardUrl, boolean test) {
        ObjectNode root = mapper.createObjectNode();
        root.put("type", test ? "alert.test" : alert.state() == Alert.State.RESOLVED ? "alert.resolved" : "alert.firing");
        root.put("timestamp", alert.firedAt().toString());
        ObjectNode data = root.putObject("data");
        data.put("schemaVersion", SCHEMA_VERSION);
        data.put("id", alert.id());
        ObjectNode rule = data.putObject("rule");
        rule.put("id", alert.ruleId());
        rule.put("name", alert.ruleName());
        rule.put("kind", alert.kind().name());
        data.put("state", alert.state().name());
        data.put("severity", alert.severity().name());
        data.put("entity", alert.entity());
        data.put("topic", alert.topic());
        ObjectNode window = data.putObject("window");
        window.put("start", alert.windowStart().toString());
        window.put("end", alert.windowEnd().toString());
        data.put("firedAt", alert.firedAt().toString());
        data.put("observed", alert.observed());
        ObjectNode baseline = data.putObject("baseline");
        baseline.put("mean", alert.baselineMean());
        baseline.put("stdDev", alert.baselineStdDev());
        data.put("threshold", alert.threshold());
        ObjectNode statTest = data.putObject("test");
        statTest.put("score", alert.score());
        if (alert.pValue() == null) {
            statTest.putNull("pValue");
        } else {
            statTest.put("pValue", alert.pValue());
        }
        data.put("posts", alert.posts());
        data.put("distinctTexts", alert.distinctTexts());
        data.put("drivenByFewTexts", alert.drivenByFewTexts());
        ArrayNode drivers = data.putArray("drivers");
        for (Alert.Driver d : alert.drivers()) {
            ObjectNode n = drivers.addObject();
            n.put("textCluster", d.textCluster());
            n.put("text", d.text());
            n.put("copies", d.copies());
            if (d.sentiment() == null) {
                n.putNull("sentiment");
            } else {
                n.put("sentiment", d.sentiment());
            }
        }
        ArrayNode samples = data.putArray("samples");
        for (Alert.Sample s : alert.samples()) {
            ObjectNode n = samples.addObject();
            n.put("postId", s.postId());
            n.put("publishedAt", s.publishedAt() == null ? null : s.publishedAt().toString());
            n.put("author", s.author());
            n.put("text", s.text());
            n.put("url", s.url());
            if (s.sentiment() == null) {
                n.putNull("sentiment");
            } else {
                n.put("sentiment", s.sentiment());
            }
        }
        data.put("summary", alert.summary());
        data.put("dashboardUrl", dashboardUrl);
        return root;
    }
}
