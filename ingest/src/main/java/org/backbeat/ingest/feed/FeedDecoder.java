package org.backbeat.ingest.feed;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the bytes of a feed document into XML text an XML parser accepts, repairing what real feeds get
 * wrong: the charset is taken from a byte-order mark, else the XML declaration, else the HTTP
 * {@code Content-Type}, else UTF-8 ({@code gb2312} is read as its superset GB18030); a byte-order mark,
 * whitespace before the declaration, and a mangled declaration ({@code <?phpxml ...?>}) are removed.
 * Undecodable bytes become U+FFFD rather than failing the whole feed.
 */
final class FeedDecoder {

    private static final Pattern DECLARED_ENCODING = Pattern.compile(
            "^\\s*<\\?[A-Za-z]*xml\\s[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']");
    /** A leading XML declaration, also a mangled one such as {@code <?phpxml version="1.0"?>}. */
    private static final Pattern DECLARATION = Pattern.compile("^\\s*<\\?[A-Za-z]*xml\\s[^>]*\\?>");

    private FeedDecoder() {
    }

    /**
     * @param body        the document's bytes
     * @param httpCharset the charset of the HTTP {@code Content-Type}, or null
     */
    static String decode(byte[] body, String httpCharset) {
        int offset = 0;
        Charset charset;
        if (startsWith(body, 0xEF, 0xBB, 0xBF)) {
            charset = StandardCharsets.UTF_8;
            offset = 3;
        } else if (startsWith(body, 0xFE, 0xFF)) {
            charset = StandardCharsets.UTF_16BE;
            offset = 2;
        } else if (startsWith(body, 0xFF, 0xFE)) {
            charset = StandardCharsets.UTF_16LE;
            offset = 2;
        } else {
            charset = declaredCharset(body);
            if (charset == null) {
                charset = charset(httpCharset);
            }
            if (charset == null) {
                charset = StandardCharsets.UTF_8;
            }
        }
        String text = decode(body, offset, charset);
        return DECLARATION.matcher(text).replaceFirst("").stripLeading();
    }

    /** The charset named in the XML declaration, read from the first bytes as ASCII, or null. */
    static Charset declaredCharset(byte[] body) {
        String head = new String(body, 0, Math.min(body.length, 512), StandardCharsets.ISO_8859_1);
        Matcher m = DECLARED_ENCODING.matcher(head);
        return m.find() ? charset(m.group(1)) : null;
    }

    /** The charset of that name, widened where real feeds under-declare (gb2312, iso-8859-1), or null. */
    static Charset charset(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String lower = name.strip().toLowerCase(Locale.ROOT);
        String widened = switch (lower) {
            // Publishers declare gb2312 and write GBK/GB18030 characters; GB18030 reads all three.
            case "gb2312", "gbk", "x-gbk" -> "GB18030";
            // Browsers read latin-1 as windows-1252 (curly quotes in 0x80-0x9F): so do we.
            case "iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii" -> "windows-1252";
            default -> lower;
        };
        try {
            return Charset.forName(widened);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }

    private static String decode(byte[] body, int offset, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            return decoder.decode(ByteBuffer.wrap(body, offset, body.length - offset)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            // cannot happen with REPLACE
            throw new IllegalStateException(e);
        }
    }

    private static boolean startsWith(byte[] body, int... prefix) {
        if (body.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((body[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
