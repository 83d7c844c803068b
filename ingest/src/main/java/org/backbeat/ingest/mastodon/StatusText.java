package org.backbeat.ingest.mastodon;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * A Mastodon status body (HTML) as plain text that keeps its layout: paragraphs become blank lines,
 * {@code <br>} a line break, entities are decoded, tags dropped. The {@code invisible} spans Mastodon wraps around a link's scheme and tail are kept,
 * so links come out whole ({@code https://youtu.be/...}), as the author wrote them.
 */
final class StatusText {

    private StatusText() {
    }

    static String of(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    out.append(text.getWholeText());
                } else if (node instanceof Element e && e.normalName().equals("br")) {
                    out.append('\n');
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e && (e.normalName().equals("p") || e.normalName().equals("div"))) {
                    out.append("\n\n");
                }
            }
        }, Jsoup.parseBodyFragment(html).body());
        return out.toString().replaceAll("[ \\t\\x0B\\f\\r]+", " ").replaceAll(" *\\n *", "\n")
                .replaceAll("\\n{3,}", "\n\n").strip();
    }
}
