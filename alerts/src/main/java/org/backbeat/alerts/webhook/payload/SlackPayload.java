package org.backbeat.alerts.webhook.payload;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.backbeat.core.Alert;

/**
 * A Slack incoming-webhook message: {@code text} (the notification fallback) and Block Kit {@code blocks}.
 * Every piece of user text (rule names, post texts, authors) is data: {@link #escape} turns Slack's control
 * characters {@code &}, {@code <}, {@code >} into entities, so a post cannot write {@code <!channel>} or a
 * disguised link. Lengths stay under Block Kit's limits (header 150, section text 3000, field 2000).
 */
final class SlackPayload {

    private SlackPayload() {
    }

    /** Slack mrkdwn escaping, as Slack documents it: only these three characters are control characters. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static ObjectNode render(ObjectMapper mapper, Alert alert, String dashboardUrl, boolean test) {
        String prefix = test ? "[TEST] " : "";
        ObjectNode root = mapper.createObjectNode();
        root.put("text", prefix + "[" + alert.severity() + "] " + escape(Texts.oneLine(Texts.summary(alert), 500)));
        ArrayNode blocks = root.putArray("blocks");

        ObjectNode header = blocks.addObject();
        header.put("type", "header");
        plain(header.putObject("text"), Texts.oneLine(prefix + Texts.title(alert), 150));

        mrkdwn(section(blocks).putObject("text"), escape(Texts.cut(Texts.summary(alert), 2900)));

        ArrayNode fields = section(blocks).putArray("fields");
        mrkdwn(fields.addObject(), "*Entity*\n" + escape(Texts.oneLine(alert.entity(), 200))
                + (alert.topic() == null ? "" : " · " + escape(Texts.oneLine(alert.topic(), 100))));
        mrkdwn(fields.addObject(), "*Severity*\n" + alert.severity());
        mrkdwn(fields.addObject(), "*Window*\n" + alert.windowStart() + " – " + alert.windowEnd());
        mrkdwn(fields.addObject(), "*Observed vs baseline*\n" + Texts.number(alert.observed()) + " vs "
                + Texts.number(alert.baselineMean()) + " ± " + Texts.number(alert.baselineStdDev())
                + " (threshold " + Texts.number(alert.threshold()) + ")");
        mrkdwn(fields.addObject(), "*Test*\n" + Texts.test(alert));
        mrkdwn(fields.addObject(), "*Posts*\n" + alert.posts() + " (" + alert.distinctTexts() + " distinct texts)");

        if (!alert.drivers().isEmpty()) {
            StringBuilder drivers = new StringBuilder("*Top drivers*");
            for (Alert.Driver d : alert.drivers().stream().limit(5).toList()) {
                drivers.append("\n• ").append(d.copies()).append("× “").append(escape(Texts.oneLine(d.text(), 200))).append('”');
            }
            mrkdwn(section(blocks).putObject("text"), Texts.cut(drivers.toString(), 2900));
        }
        if (!alert.samples().isEmpty()) {
            StringBuilder samples = new StringBuilder("*Sample posts*");
            for (Alert.Sample s : alert.samples().stream().limit(5).toList()) {
                String who = escape(Texts.oneLine(s.author() == null ? "post" : s.author(), 60)).replace("|", "¦");
                samples.append("\n• ");
                if (Texts.isWebLink(s.url())) {
                    samples.append('<').append(escape(s.url()).replace("|", "%7C")).append('|').append(who).append(">: ");
                } else {
                    samples.append(who).append(": ");
                }
                samples.append(escape(Texts.oneLine(s.text(), 200)));
            }
            mrkdwn(section(blocks).putObject("text"), Texts.cut(samples.toString(), 2900));
        }
        ObjectNode actions = blocks.addObject();
        actions.put("type", "actions");
        ObjectNode button = actions.putArray("elements").addObject();
        button.put("type", "button");
        plain(button.putObject("text"), "Open in Backbeat");
        button.put("url", dashboardUrl);
        ObjectNode context = blocks.addObject();
        context.put("type", "context");
        mrkdwn(context.putArray("elements").addObject(), "Backbeat alert " + escape(alert.id()));
        return root;
    }

    private static ObjectNode section(ArrayNode blocks) {
        ObjectNode section = blocks.addObject();
        section.put("type", "section");
        return section;
    }

    private static void mrkdwn(ObjectNode node, String text) {
        node.put("type", "mrkdwn");
        node.put("text", text);
    }

    private static void plain(ObjectNode node, String text) {
        node.put("type", "plain_text");
        node.put("text", text);
    }
}
