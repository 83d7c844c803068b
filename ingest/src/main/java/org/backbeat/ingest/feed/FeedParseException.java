package org.backbeat.ingest.feed;

import java.io.IOException;

/** A feed document that cannot be read as RSS, Atom or RDF; the message names the feed and the reason. */
public final class FeedParseException extends IOException {

    public FeedParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
