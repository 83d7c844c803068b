package org.backbeat.alerts.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.backbeat.alerts.webhook.payload.DashboardLinks;
import org.backbeat.alerts.webhook.payload.PayloadRenderer;
import org.backbeat.alerts.webhook.subscription.WebhookFormat;
import org.backbeat.core.Alert;
import org.backbeat.core.Json;
import org.junit.jupiter.api.Test;

class PayloadRendererTest {

    private static final Instant WINDOW = Instant.parse("2011-03-29T14:00:00Z");
    private final PayloadRenderer renderer = new PayloadRenderer(new DashboardLinks("https://backbeat.example.org/"));
    private final ObjectMapper mapper = Json.mapper();

    @Test
    void json_body_carries_rule_window_numbers_drivers_samples_and_a_dashboard_link_with_the_filters() throws Exception {
        Alert alert = Alerts.volumeSpike("amazon-volume", "amazon", WINDOW);

        JsonNode root = mapper.readTree(renderer.render(alert, WebhookFormat.JSON));

        assertThat(root.get("type").asText()).isEqualTo("alert.firing");
        JsonNode data = root.get("data");
        assertThat(data.get("id").asText()).isEqualTo(alert.id());
        assertThat(data.at("/rule/id").asText()).isEqualTo("amazon-volume");
        assertThat(data.at("/rule/kind").asText()).isEqualTo("VOLUME_SPIKE");
        assertThat(data.at("/window/start").asText()).isEqualTo("2011-03-29T14:00:00Z");
        assertThat(data.at("/window/end").asText()).isEqualTo("2011-03-29T15:00:00Z");
        assertThat(data.get("observed").asDouble()).isEqualTo(412.0);
        assertThat(data.at("/baseline/mean").asDouble()).isEqualTo(35.5);
        assertThat(data.at("/baseline/stdDev").asDouble()).isEqualTo(12.25);
        assertThat(data.get("threshold").asDouble()).isEqualTo(72.25);
        assertThat(data.at("/test/score").asDouble()).isEqualTo(30.73);
        assertThat(data.at("/test/pValue").asDouble()).isEqualTo(0.0004);
        assertThat(data.get("posts").asLong()).isEqualTo(412);
        assertThat(data.get("distinctTexts").asLong()).isEqualTo(380);
        assertThat(data.get("drivenByFewTexts").isBoolean()).isTrue();
        assertThat(data.get("drivenByFewTexts").asBoolean()).isFalse();
        assertThat(data.at("/drivers/0/copies").asLong()).isEqualTo(150);
        assertThat(data.at("/drivers/0/text").asText()).isEqualTo("Amazon launches Cloud Drive");
        assertThat(data.at("/samples/0/url").asText()).isEqualTo("https://twitter.com/musicfan/status/1");
        assertThat(data.get("dashboardUrl").asText()).isEqualTo(
                "https://backbeat.example.org/?entity=amazon&from=2011-03-22&to=2011-03-29&interval=hour&alert=" + alert.id());
        assertThat(renderer.render(alert, WebhookFormat.JSON)).isEqualTo(renderer.render(alert, WebhookFormat.JSON));
    }

    @Test
    void an_alert_driven_by_few_texts_says_so_in_its_json_and_an_alert_written_before_the_field_reads_as_not() throws Exception {
        Alert base = Alerts.volumeSpike("amazon-volume", "amazon", WINDOW);
        Alert storm = new Alert(base.schemaVersion(), base.id(), base.ruleId(), base.ruleName(), base.kind(), base.state(),
                base.severity(), base.entity(), base.topic(), base.windowStart(), base.windowEnd(), base.firedAt(),
                base.observed(), base.baselineMean(), base.baselineStdDev(), base.threshold(), base.score(), base.pValue(),
                base.posts(), base.distinctTexts(), base.drivers(), base.samples(), base.summary(), true);

        assertThat(mapper.readTree(renderer.render(storm, WebhookFormat.JSON)).at("/data/drivenByFewTexts").asBoolean()).isTrue();
        // the alerts topic's JSON keeps it, and an alert of an older version (no such field) reads as false
        Alert read = mapper.readValue(mapper.writeValueAsBytes(storm), Alert.class);
        assertThat(read).isEqualTo(storm);
        com.fasterxml.jackson.databind.node.ObjectNode old = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.valueToTree(storm);
        old.remove("drivenByFewTexts");
        assertThat(mapper.treeToValue(old, Alert.class).drivenByFewTexts()).isFalse();
    }

    @Test
    void slack_message_has_text_and_blocks_and_escapes_user_text() throws Exception {
        Alert alert = Alerts.volumeSpike("r", "amazon", WINDOW, Alert.Severity.CRITICAL, "<!channel> Tom & Jerry <http://evil.example|click>");

        JsonNode root = mapper.readTree(renderer.render(alert, WebhookFormat.SLACK));

        assertThat(root.get("text").asText()).startsWith("[CRITICAL] Volume for amazon: 412 posts");
        assertThat(root.get("blocks").get(0).get("type").asText()).isEqualTo("header");
        String all = root.toString();
        assertThat(all).contains("&lt;!channel&gt; Tom &amp; Jerry &lt;http://evil.example|click&gt;");
        assertThat(all).doesNotContain("<!channel>").doesNotContain("<http://evil.example|click>");
        assertThat(all).contains("<https://twitter.com/musicfan/status/1|musicfan>");
        JsonNode actions = findBlock(root, "actions");
        assertThat(actions.at("/elements/0/url").asText()).startsWith("https://backbeat.example.org/?entity=amazon");
        for (JsonNode block : root.get("blocks")) {
            if (block.has("text")) {
                assertThat(block.at("/text/text").asText().length()).isLessThanOrEqualTo(3000);
            }
        }
    }

    @Test
    void discord_message_has_content_and_an_embed_escapes_markdown_and_pings_nobody() throws Exception {
        Alert alert = Alerts.volumeSpike("r", "amazon", WINDOW, Alert.Severity.INFO, "@everyone **huge** [x](http://evil.example)");

        JsonNode root = mapper.readTree(renderer.render(alert, WebhookFormat.DISCORD));

        assertThat(root.get("content").asText()).startsWith("[INFO] Volume for amazon");
        assertThat(root.at("/allowed_mentions/parse").isArray()).isTrue();
        assertThat(root.at("/allowed_mentions/parse").size()).isZero();
        JsonNode embed = root.at("/embeds/0");
        assertThat(embed.get("url").asText()).startsWith("https://backbeat.example.org/?entity=amazon");
        assertThat(embed.get("description").asText())
                .contains("\\@everyone \\*\\*huge\\*\\* \\[x\\]\\(http\\://evil.example\\)")
                .contains("[musicfan](https://twitter.com/musicfan/status/1)");
        assertThat(embed.get("fields").size()).isEqualTo(5);
        assertThat(embed.get("timestamp").asText()).isEqualTo("2011-03-29T14:59:30Z");
    }

    @Test
    void a_sample_link_that_is_not_http_is_not_rendered_as_a_link() throws Exception {
        Alert base = Alerts.volumeSpike("r", "*", WINDOW);
        Alert alert = new Alert(base.schemaVersion(), base.id(), base.ruleId(), base.ruleName(), base.kind(), base.state(),
                base.severity(), base.entity(), "lawsuit", base.windowStart(), base.windowEnd(), base.firedAt(), base.observed(),
                base.baselineMean(), base.baselineStdDev(), base.threshold(), base.score(), null, base.posts(), base.distinctTexts(),
                base.drivers(), List.of(new Alert.Sample("p", WINDOW, "x", "t", "javascript:alert(1)", null)), base.summary());

        String slack = new String(renderer.render(alert, WebhookFormat.SLACK));
        JsonNode json = mapper.readTree(renderer.render(alert, WebhookFormat.JSON));

        assertThat(slack).doesNotContain("<javascript:");
        assertThat(json.at("/data/test/pValue").isNull()).isTrue();
        assertThat(json.at("/data/dashboardUrl").asText()).contains("entity=all").contains("topic=lawsuit");
    }

    private static JsonNode findBlock(JsonNode root, String type) {
        for (JsonNode block : root.get("blocks")) {
            if (block.get("type").asText().equals(type)) {
                return block;
            }
        }
        throw new AssertionError("no " + type + " block in " + root);
    }
}
