package org.backbeat.ingest.feed;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.WireFeedInput;
import com.rometools.rome.io.impl.XmlFixerReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.JDOMException;

/**
 * Parses RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom documents with Rome, after {@link FeedDecoder} has fixed
 * their bytes, and repairs what real feeds get wrong: a well-known namespace prefix used without its
 * declaration ({@code content:encoded} in an iTunes feed), a feed wrapped in an HTML page, dates Rome does
 * not know ({@code 2020/1/10 14:33:00}, see {@link LenientDates}). DOCTYPEs stay forbidden (no external
 * entities). Thread-safe: each call builds its own parser.
 */
final class FeedParser {

    private static final Pattern EMBEDDED = Pattern.compile("(?s)<(feed|rss|rdf:RDF)[\\s>].*</\\1\\s*>");
    private static final Pattern UNBOUND_PREFIX = Pattern.compile("The prefix \"([\\w.-]+)\" for (?:element|attribute) \"[^\"]*\"[^.]* is not bound");
    private static final Pattern ROOT_TAG = Pattern.compile("<(feed|rss|rdf:RDF)(?=[\\s>])");
    /** Namespaces feeds use without declaring them; an undeclared prefix outside this list stays an error. */
    private static final Map<String, String> KNOWN_NAMESPACES = Map.of(
            "content", "http://purl.org/rss/1.0/modules/content/",
            "dc", "http://purl.org/dc/elements/1.1/",
            "atom", "http://www.w3.org/2005/Atom",
            "media", "http://search.yahoo.com/mrss/",
            "itunes", "http://www.itunes.com/dtds/podcast-1.0.dtd",
            "slash", "http://purl.org/rss/1.0/modules/slash/",
            "wfw", "http://wellformedweb.org/CommentAPI/",
            "sy", "http://purl.org/rss/1.0/modules/syndication/",
            "feedburner", "http://rssnamespace.org/feedburner/ext/1.0");
    private static final List<String> DATE_ELEMENTS = List.of("pubDate", "date", "published", "updated", "issued", "modified");

    private FeedParser() {
    }

    /**
     * @param body        the document's bytes
     * @param httpCharset the HTTP {@code Content-Type} charset, or null
     * @param feedName    names the feed in the error message
     * @param zone        the zone of dates written without one
     * @throws FeedParseException the document is not a feed that can be read
     */
    static ParsedFeed parse(byte[] body, String httpCharset, String feedName, ZoneId zone) throws FeedParseException {
        if (body.length == 0) {
            throw new FeedParseException("feed " + feedName + ": empty document", null);
        }
        String xml = FeedDecoder.decode(body, httpCharset);
        Document document = document(xml, feedName);
        SyndFeed feed;
        try {
            feed = new SyndFeedInput(false, Locale.US).build(document);
        } catch (FeedException | IllegalArgumentException e) {
            throw failure(feedName, e);
        }
        List<Element> itemElements = itemElements(document.getRootElement());
        List<FeedItem> items = new ArrayList<>();
        List<SyndEntry> entries = feed.getEntries();
        for (int i = 0; i < entries.size(); i++) {
            Element element = entries.size() == itemElements.size() ? itemElements.get(i) : null;
            items.add(item(entries.get(i), element, zone));
        }
        return new ParsedFeed(blankToNull(feed.getTitle()), blankToNull(feed.getLink()), blankToNull(feed.getLanguage()), items);
    }

    /** The XML tree, after declaring well-known namespaces the document forgot, or taken out of an HTML page. */
    private static Document document(String xml, String feedName) throws FeedParseException {
        String text = xml;
        for (int attempt = 0; ; attempt++) {
            try {
                Document document = parseXml(text);
                String root = document.getRootElement().getName();
                if (root.equals("html") || root.equals("body")) {
                    Matcher embedded = EMBEDDED.matcher(text);
                    if (!embedded.find() || attempt > 0) {
                        throw new FeedParseException("feed " + feedName + " is an HTML page, not an RSS/Atom document", null);
                    }
                    text = embedded.group();
                    continue;
                }
                return document;
            } catch (JDOMException e) {
                String reason = String.valueOf(e.getMessage());
                Matcher unbound = UNBOUND_PREFIX.matcher(reason);
                Matcher embedded = EMBEDDED.matcher(text);
                if (attempt < 10 && unbound.find() && KNOWN_NAMESPACES.containsKey(unbound.group(1))) {
                    text = declare(text, unbound.group(1));
                } else if (attempt == 0 && !startsWithFeedRoot(text) && embedded.find()) {
                    text = embedded.group();
                } else {
                    throw failure(feedName, e);
                }
            } catch (FeedParseException e) {
                throw e;
            } catch (IOException e) {
                throw failure(feedName, e);
            }
        }
    }

    private static Document parseXml(String xml) throws JDOMException, IOException {
        return new SecureInput().builder().build(new XmlFixerReader(new StringReader(xml)));
    }

    /** Rome's own SAX builder: no DOCTYPE, no external entities. */
    private static final class SecureInput extends WireFeedInput {
        com.rometools.rome.io.SAXBuilder builder() {
            return createSAXBuilder();
        }
    }

    private static String declare(String xml, String prefix) {
        Matcher root = ROOT_TAG.matcher(xml);
        if (!root.find()) {
            return xml;
        }
        return xml.substring(0, root.end()) + " xmlns:" + prefix + "=\"" + KNOWN_NAMESPACES.get(prefix) + "\""
                + xml.substring(root.end());
    }

    private static boolean startsWithFeedRoot(String xml) {
        String start = xml.replaceFirst("(?s)^(\\s*<\\?.*?\\?>|\\s*<!--.*?-->)*\\s*", "");
        return start.startsWith("<feed") || start.startsWith("<rss") || start.startsWith("<rdf:RDF");
    }

    /** The item elements in document order: Atom entries, RSS 2.0 channel items, RSS 1.0 items. */
    private static List<Element> itemElements(Element root) {
        List<Element> items = new ArrayList<>();
        collect(root, items, 0);
        return items;
    }

    private static void collect(Element element, List<Element> items, int depth) {
        for (Element child : element.getChildren()) {
            String name = child.getName();
            if (name.equals("item") || name.equals("entry")) {
                items.add(child);
            } else if (depth < 2 && (name.equals("channel"))) {
                collect(child, items, depth + 1);
            }
        }
    }

    private static FeedParseException failure(String feedName, Exception e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new FeedParseException("feed " + feedName + " is not a readable RSS/Atom document: " + reason, e);
    }

    private static FeedItem item(SyndEntry entry, Element element, ZoneId zone) {
        Date date = entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
        Instant publishedAt = date != null ? date.toInstant() : rawDate(element, zone);
        return new FeedItem(
                blankToNull(entry.getTitle()),
                link(entry),
                blankToNull(entry.getUri()),
                summary(entry),
                author(entry),
                publishedAt);
    }

    /** The item's own date text read leniently, when Rome could not read it. */
    private static Instant rawDate(Element element, ZoneId zone) {
        if (element == null) {
            return null;
        }
        for (String name : DATE_ELEMENTS) {
            for (Element child : element.getChildren()) {
                if (child.getName().equals(name)) {
                    Instant parsed = LenientDates.parse(child.getTextTrim(), zone);
                    if (parsed != null) {
                        return parsed;
                    }
                }
            }
        }
        return null;
    }

    /** FeedBurner's {@code origLink} (the publisher's own URL) if present, else the item's link. */
    private static String link(SyndEntry entry) {
        for (Element element : entry.getForeignMarkup()) {
            if ("origLink".equals(element.getName()) && !element.getTextTrim().isEmpty()) {
                return element.getTextTrim();
            }
        }
        String link = blankToNull(entry.getLink());
        if (link == null && entry.getUri() != null && entry.getUri().matches("(?i)https?://.*")) {
            link = entry.getUri();
        }
        return link;
    }

    private static String summary(SyndEntry entry) {
        SyndContent description = entry.getDescription();
        if (description != null && blankToNull(description.getValue()) != null) {
            return description.getValue();
        }
        for (SyndContent content : entry.getContents()) {
            if (blankToNull(content.getValue()) != null) {
                return content.getValue();
            }
        }
        return null;
    }

    private static String author(SyndEntry entry) {
        String author = blankToNull(entry.getAuthor());
        if (author == null && !entry.getAuthors().isEmpty()) {
            author = blankToNull(entry.getAuthors().get(0).getName());
        }
        return author;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
