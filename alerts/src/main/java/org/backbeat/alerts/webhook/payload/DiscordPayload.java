package org.backbeat.alerts.webhook.payload;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.backbeat.core.Alert;

/**
 * A Discord webhook message: {@code content} and one embed. User text is data: Discord markdown characters are
 * backslash-escaped ({@link #escape}) and {@code allowed_mentions.parse = []} stops {@code @everyone} or a
 * {@code <@id>} in a post from pinging anyone. Lengths stay under Discord's limits (content 2000, title 256,
 * description 4096, field value 1024, 25 fields).
 */
final class DiscordPayload {

    private static final Pattern MARKDOWN = Pattern.compile("([\\\\*_~`|>#\\[\\]()<:@-])");

    private DiscordPayload() {
    }

    static String escape(String text) {
        return text == null ? "" : MARKDOWN.matcher(text).replaceAll(Matcher.quoteReplacement("\\") + "$1");
    }

    static ObjectNode render(ObjectMapper mapper, Alert alert, String dashboardUrl, boolean test) {
        String prefix = test ? "[TEST] " : "";
        ObjectNode root = mapper.createObjectNode();
        root.put("content", Texts.cut(prefix + "[" + alert.severity() + "] " + escape(Texts.oneLine(Texts.summary(alert), 1500)), 2000));
        root.putObject("allowed_mentions").putArray("parse");
        ObjectNode embed = root.putArray("embeds").addObject();
        embed.put("title", Texts.cut(prefix + escape(Texts.oneLine(Texts.title(alert), 200)), 256));
        embed.put("url", dashboardUrl);
        embed.put("color", switch (alert.severity()) {
            case INFO -> 0x3b82f6;
            case WARNING -> 0xf59e0b;
            case CRITICAL -> 0xdc2626;
        });
        embed.put("timestamp", alert.firedAt().toString());
        StringBuilder description = new StringBuilder(escape(Texts.oneLine(Texts.summary(alert), 1000)));
        if (!alert.drivers().isEmpty()) {
            description.append("\n\n**Top drivers**");
            alert.drivers().stream().limit(5).forEach(d -> description.append("\n• ").append(d.copies()).append("× “")
                    .append(escape(Texts.oneLine(d.text(), 200))).append('”'));
        }
        if (!alert.samples().isEmpty()) {
            description.append("\n\n**Sample posts**");
            alert.samples().stream().limit(5).forEach(s -> {
                String who = escape(Texts.oneLine(s.author() == null ? "post" : s.author(), 60));
                description.append("\n• ");
                if (Texts.isWebLink(s.url())) {
                    description.append('[').append(who).append("](").append(s.url().replace(")", "%29").replace(" ", "%20")).append(')');
                } else {
                    description.append(who);
                }
                description.append(": ").append(escape(Texts.oneLine(s.text(), 200)));
            });
        }
        embed.put("description", Texts.cut(description.toString(), 4096));
        ArrayNode fields = embed.putArray("fields");
        field(fields, "Entity", escape(alert.entity()) + (alert.topic() == null ? "" : " · " + escape(alert.topic())));
        field(fields, "Observed vs baseline", Texts.number(alert.observed()) + " vs " + Texts.number(alert.baselineMean())
                + " ± " + Texts.number(alert.baselineStdDev()) + " (threshold " + Texts.number(alert.threshold()) + ")");
        field(fields, "Test", Texts.test(alert));
        field(fields, "Posts", alert.posts() + " (" + alert.distinctTexts() + " distinct texts)");
        field(fields, "Window", alert.windowStart() + " – " + alert.windowEnd());
        embed.putObject("footer").put("text", "Backbeat alert " + alert.id());
        return root;
    }

    private static void field(ArrayNode fields, String name, String value) {
        ObjectNode f = fields.addObject();
        f.put("name", name);
        f.put("value", Texts.cut(value, 1024));
        f.put("inline", true);
    }
}
